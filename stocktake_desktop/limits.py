"""Limits shared by the core, the export and the views (one home for each number)."""

from __future__ import annotations

#: What an email to the programme can usually carry; pre-flight warns past it.
EMAIL_LIMIT_MB = 10.0
MB = 1024 * 1024
