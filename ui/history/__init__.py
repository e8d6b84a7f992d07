"""History and restore: the history panel, what changed, the change log, sign-off lapses,
the meeting record (issue 11, U3)."""
