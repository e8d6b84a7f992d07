"""Every SQLite connection the document opens, set up to treat the file as untrusted input."""

from __future__ import annotations

import sqlite3
from pathlib import Path


def connect(
    db: Path | str, *, uri: bool = False, check_same_thread: bool = True
) -> sqlite3.Connection:
    """A connection in autocommit mode that never runs functions from the file's schema
    (``trusted_schema = OFF``) and checks each database page as it reads it."""
    conn = sqlite3.connect(db, isolation_level=None, uri=uri, check_same_thread=check_same_thread)
    try:
        conn.execute("PRAGMA trusted_schema = OFF")
        conn.execute("PRAGMA cell_size_check = ON")
    except BaseException:
        conn.close()
        raise
    return conn
