"""The return file format: SQLite as an application file format, with versioned migrations.

``PRAGMA application_id`` marks a file as a Stocktake return; ``PRAGMA user_version`` is the
format version and drives the migrations below. Each migration is one step from N-1 to N.
"""

from __future__ import annotations

import sqlite3

APPLICATION_ID = 0x53544B44  # "STKD"
FORMAT_VERSION = 4
EXTENSION = ".stocktake"

_V1 = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE answer (
    ref TEXT PRIMARY KEY,
    codes TEXT NOT NULL DEFAULT '[]',
    narrative TEXT NOT NULL DEFAULT '',
    good_practice INTEGER NOT NULL DEFAULT 0,
    good_practice_note TEXT NOT NULL DEFAULT '',
    support_required TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE evidence (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,
    original_path TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size INTEGER NOT NULL,
    sha256 TEXT NOT NULL,
    modified TEXT NOT NULL,
    added_by TEXT NOT NULL,
    added_at TEXT NOT NULL,
    content BLOB
);
CREATE INDEX evidence_ref ON evidence(ref);
CREATE TABLE completion (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE contributor (
    name TEXT PRIMARY KEY,
    first_seen TEXT NOT NULL,
    last_seen TEXT NOT NULL,
    changes INTEGER NOT NULL DEFAULT 0
) WITHOUT ROWID;
CREATE TABLE change_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    ref TEXT NOT NULL,
    field TEXT NOT NULL,
    old TEXT NOT NULL,
    new TEXT NOT NULL
);
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
"""

# Version 2: submissions, and marking changes made after a final submission.
_V2 = """
CREATE TABLE submission (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    bundle_id TEXT NOT NULL,
    final INTEGER NOT NULL,
    by TEXT NOT NULL
);
DROP TRIGGER change_log_no_update;
ALTER TABLE change_log ADD COLUMN after_submission INTEGER NOT NULL DEFAULT 0;
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
"""

# Version 3: a compact change log. Text fields are kept as versions (each a delta from the one
# before, with a full text every few versions); a contributor's continuous typing extends the
# newest entry instead of adding one per pause. ``meta.revision`` counts every recorded write.
_V3 = """
CREATE TABLE text_version (
    id INTEGER PRIMARY KEY,
    base INTEGER REFERENCES text_version(id),
    depth INTEGER NOT NULL DEFAULT 0,
    keep_start INTEGER NOT NULL DEFAULT 0,
    keep_end INTEGER NOT NULL DEFAULT 0,
    inserted BLOB NOT NULL
);
CREATE TRIGGER text_version_no_delete BEFORE DELETE ON text_version
BEGIN SELECT RAISE(ABORT, 'text versions are never deleted'); END;
CREATE TRIGGER text_version_no_update BEFORE UPDATE ON text_version
WHEN OLD.id IS NOT (SELECT new_version FROM change_log ORDER BY id DESC LIMIT 1)
    OR NEW.id IS NOT OLD.id OR NEW.base IS NOT OLD.base OR NEW.depth IS NOT OLD.depth
BEGIN SELECT RAISE(ABORT, 'only the newest text version is extended'); END;
ALTER TABLE change_log ADD COLUMN old_version INTEGER REFERENCES text_version(id);
ALTER TABLE change_log ADD COLUMN new_version INTEGER REFERENCES text_version(id);
DROP TRIGGER change_log_no_update;
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
WHEN OLD.id <> (SELECT max(id) FROM change_log)
    OR NEW.id IS NOT OLD.id OR NEW.who IS NOT OLD.who OR NEW.ref IS NOT OLD.ref
    OR NEW.field IS NOT OLD.field OR NEW.old IS NOT OLD.old
    OR NEW.old_version IS NOT OLD.old_version OR NEW.new_version IS NOT OLD.new_version
    OR NEW.after_submission IS NOT OLD.after_submission
BEGIN SELECT RAISE(ABORT, 'the change log is append-only (only its newest entry is extended)'); END;
INSERT OR REPLACE INTO meta(key, value)
    SELECT 'revision', CAST(coalesce(max(id), 0) AS TEXT) FROM change_log;
"""

# Version 4: partnership meetings (who met, what they agreed, the actions they set; every
# change is tagged with the meeting it was made in) and an origin id shared by every copy of
# one return, which merging uses to find the versions two copies have in common.
_V4 = """
CREATE TABLE meeting (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    date TEXT NOT NULL,
    chair TEXT NOT NULL DEFAULT '',
    started_at TEXT NOT NULL,
    ended_at TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE attendee (
    meeting TEXT NOT NULL REFERENCES meeting(id),
    name TEXT NOT NULL,
    organisation TEXT NOT NULL DEFAULT '',
    position INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (meeting, name)
) WITHOUT ROWID;
CREATE TABLE agreement (
    ref TEXT PRIMARY KEY,
    status TEXT NOT NULL DEFAULT 'draft',
    meeting TEXT NOT NULL DEFAULT '',
    note TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE TABLE action (
    id TEXT PRIMARY KEY,
    ref TEXT NOT NULL,
    text TEXT NOT NULL,
    owner TEXT NOT NULL DEFAULT '',
    due TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'open',
    meeting TEXT NOT NULL DEFAULT ''
) WITHOUT ROWID;
CREATE INDEX change_log_ref ON change_log(ref, field);
DROP TRIGGER change_log_no_update;
ALTER TABLE change_log ADD COLUMN meeting TEXT NOT NULL DEFAULT '';
CREATE TRIGGER change_log_no_update BEFORE UPDATE ON change_log
WHEN OLD.id <> (SELECT max(id) FROM change_log)
    OR NEW.id IS NOT OLD.id OR NEW.who IS NOT OLD.who OR NEW.ref IS NOT OLD.ref
    OR NEW.field IS NOT OLD.field OR NEW.old IS NOT OLD.old
    OR NEW.old_version IS NOT OLD.old_version OR NEW.new_version IS NOT OLD.new_version
    OR NEW.after_submission IS NOT OLD.after_submission OR NEW.meeting IS NOT OLD.meeting
BEGIN SELECT RAISE(ABORT, 'the change log is append-only (only its newest entry is extended)'); END;
INSERT OR IGNORE INTO meta(key, value) VALUES ('origin', lower(hex(randomblob(16))));
-- Merging a partner's copy (stocktake_desktop/merge): conflicts kept for review, the copies
-- merged (so the same copy merged again changes nothing), and the copy each change came from.
CREATE TABLE conflict (
    id INTEGER PRIMARY KEY,
    ref TEXT NOT NULL,
    field TEXT NOT NULL,
    mine TEXT NOT NULL,
    theirs TEXT NOT NULL,
    base TEXT,
    copy TEXT NOT NULL,
    theirs_by TEXT NOT NULL,
    found_at TEXT NOT NULL,
    resolution TEXT NOT NULL DEFAULT '',
    resolved_by TEXT NOT NULL DEFAULT '',
    resolved_at TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER conflict_no_delete BEFORE DELETE ON conflict
BEGIN SELECT RAISE(ABORT, 'conflicts are never deleted'); END;
CREATE TRIGGER conflict_no_update BEFORE UPDATE ON conflict
WHEN OLD.resolution <> '' OR NEW.id IS NOT OLD.id OR NEW.ref IS NOT OLD.ref
    OR NEW.field IS NOT OLD.field OR NEW.mine IS NOT OLD.mine OR NEW.theirs IS NOT OLD.theirs
    OR NEW.base IS NOT OLD.base OR NEW.copy IS NOT OLD.copy OR NEW.theirs_by IS NOT OLD.theirs_by
    OR NEW.found_at IS NOT OLD.found_at
BEGIN SELECT RAISE(ABORT, 'a conflict keeps both versions; only its resolution is set, once'); END;
CREATE TABLE merge_record (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    who TEXT NOT NULL,
    copy TEXT NOT NULL,
    through INTEGER NOT NULL,
    fingerprint TEXT NOT NULL,
    entry INTEGER NOT NULL,
    via TEXT NOT NULL DEFAULT ''
);
CREATE TRIGGER merge_record_no_delete BEFORE DELETE ON merge_record
BEGIN SELECT RAISE(ABORT, 'merge records are never deleted'); END;
CREATE TRIGGER merge_record_no_update BEFORE UPDATE ON merge_record
BEGIN SELECT RAISE(ABORT, 'merge records are never changed'); END;
CREATE TABLE change_copy (entry INTEGER PRIMARY KEY, copy TEXT NOT NULL);
CREATE TRIGGER change_copy_no_delete BEFORE DELETE ON change_copy
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
CREATE TRIGGER change_copy_no_update BEFORE UPDATE ON change_copy
BEGIN SELECT RAISE(ABORT, 'the change log is append-only'); END;
"""

MIGRATIONS: dict[int, str] = {1: _V1, 2: _V2, 3: _V3, 4: _V4}


def create_schema(conn: sqlite3.Connection, version: int = FORMAT_VERSION) -> None:
    """Create an empty return of the given format version (older versions are for tests)."""
    conn.execute(f"PRAGMA application_id = {APPLICATION_ID}")
    migrate(conn, 0, version)


def migrate(conn: sqlite3.Connection, from_version: int, to_version: int = FORMAT_VERSION) -> None:
    """Apply each migration step in its own transaction, leaving ``user_version`` at the target."""
    for version in range(from_version + 1, to_version + 1):
        script = f"BEGIN IMMEDIATE;{MIGRATIONS[version]}PRAGMA user_version = {version};COMMIT;"
        try:
            conn.executescript(script)
        except sqlite3.Error:
            if conn.in_transaction:
                conn.rollback()
            raise
