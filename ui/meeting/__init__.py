"""Partnership meetings in the window: starting and ending them, the banner, attendees,
switching the contributor to an attendee, and adding actions (issue 11)."""
