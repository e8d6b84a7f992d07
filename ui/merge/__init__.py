"""Merging a partner's copy and reviewing the conflicts it leaves (and the session's part for
merging and importing)."""
