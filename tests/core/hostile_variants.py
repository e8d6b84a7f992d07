"""Hostile and damaged variants of a real return: each a mutation of a copy of the file.

``all_variants(path)`` is the whole catalogue (structure, header and bytes, values, and a
dropped table for each table the return has), used by the core and UI tests.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

from stocktake_desktop.document.schema import FORMAT_VERSION, create_schema
from stocktake_desktop.template import default_template

Mutation = Callable[[Path], None]


def tables_of(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        conn.close()
    return sorted(row[0] for row in rows)


def run_sql(*statements: str) -> Mutation:
    def mutate(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()

    return mutate


def rewrite_definition(name: str, old: str, new: str) -> Mutation:
    """Change an object's stored definition directly (as a hex editor could)."""

    def mutate(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            assert old in sql[0]
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql[0].replace(old, new), name)
            )
        finally:
            conn.close()

    return mutate


def with_null(table: str, column: str, where: str) -> Mutation:
    """A NULL in a NOT NULL column: constraint lifted, NULL written, constraint put back."""

    def mutate(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            original = sql[0]
            lifted = original.replace(f"{column} TEXT NOT NULL", f"{column} TEXT")
            assert lifted != original
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (lifted, table))
        finally:
            conn.close()
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute(f"UPDATE {table} SET {column} = NULL WHERE {where}")
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (original, table))
        finally:
            conn.close()

    return mutate


def cut_to(fraction: float) -> Mutation:
    def mutate(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return mutate


def overwrite(offset: int, data: bytes) -> Mutation:
    def mutate(path: Path) -> None:
        with path.open("r+b") as handle:
            handle.seek(offset)
            handle.write(data)

    return mutate


def replace_whole(data: bytes) -> Mutation:
    def mutate(path: Path) -> None:
        path.write_bytes(data)

    return mutate


def old_format(*statements: str) -> Mutation:
    """A format-1 return (as the first release wrote it), then changed by ``statements``."""

    def mutate(path: Path) -> None:
        path.unlink()
        template = default_template()
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            create_schema(conn, 1)
            conn.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [
                    ("template_id", template.id),
                    ("template_hash", template.content_hash),
                    ("locality", "Rutland"),
                    ("created_at", "2013-06-01T10:00:00+01:00"),
                    ("created_by", "Alice"),
                    ("app_version", "0.1"),
                ],
            )
            conn.executemany(
                "INSERT INTO answer(ref) VALUES (?)", [(q.ref,) for q in template.questions]
            )
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()

    return mutate


FORGE = "INSERT OR REPLACE INTO completion(key, value) VALUES ('sign_off.chair_hwb.name', 'Forged')"
BAD_UTF8 = "CAST(x'C328' AS TEXT)"
LOG_ROW = (
    "INSERT INTO change_log(at, who, ref, field, old, new) "
    "VALUES ({at}, {who}, '1.1', 'narrative', {old}, '')"
)
NOW = "'2026-11-22T10:00:00+00:00'"


def log_row(at: str = NOW, who: str = "'Mallory'", old: str = "''") -> str:
    return LOG_ROW.format(at=at, who=who, old=old)


STRUCTURE: dict[str, Mutation] = {
    "trigger forging the chair's sign-off": run_sql(
        f"CREATE TRIGGER forge AFTER UPDATE ON answer BEGIN {FORGE}; END"
    ),
    "trigger hiding change-log entries": run_sql(
        "CREATE TRIGGER hide BEFORE INSERT ON change_log BEGIN SELECT RAISE(IGNORE); END"
    ),
    "trigger on completion": run_sql(
        f"CREATE TRIGGER again AFTER INSERT ON completion BEGIN {FORGE}; END"
    ),
    "trigger on evidence": run_sql(
        "CREATE TRIGGER gone AFTER DELETE ON evidence BEGIN DELETE FROM answer; END"
    ),
    "trigger on meta": run_sql(
        "CREATE TRIGGER rename AFTER UPDATE ON meta BEGIN UPDATE answer SET narrative = ''; END"
    ),
    "extra view": run_sql("CREATE VIEW everything AS SELECT * FROM answer"),
    "view calling a function": run_sql("CREATE VIEW noise AS SELECT randomblob(16) AS x"),
    "extra table": run_sql("CREATE TABLE notes (x TEXT)"),
    "extra index": run_sql("CREATE INDEX by_narrative ON answer(narrative)"),
    "expression index": run_sql("CREATE INDEX lowered ON answer(lower(narrative))"),
    "statistics table": run_sql("ANALYZE"),
    "dropped index": run_sql("DROP INDEX evidence_ref"),
    "dropped update trigger": run_sql("DROP TRIGGER change_log_no_update"),
    "dropped delete trigger": run_sql("DROP TRIGGER change_log_no_delete"),
    "append-only trigger emptied": run_sql(
        "DROP TRIGGER change_log_no_delete",
        "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN SELECT 1; END",
    ),
    "added column": run_sql("ALTER TABLE answer ADD COLUMN extra TEXT"),
    "renamed column": run_sql("ALTER TABLE answer RENAME COLUMN support_required TO support"),
    "renamed table": run_sql("ALTER TABLE submission RENAME TO sent"),
    "NOT NULL lifted": rewrite_definition("answer", "narrative TEXT NOT NULL", "narrative TEXT"),
    "default changed": rewrite_definition("answer", "DEFAULT '[]'", "DEFAULT '[3]'"),
    "comment added": rewrite_definition("meta", "WITHOUT ROWID", "WITHOUT ROWID -- note"),
    "format 1 with a planted trigger": old_format(
        f"CREATE TRIGGER forge AFTER UPDATE ON answer BEGIN {FORGE}; END"
    ),
    "format 1 with a later table": old_format(
        "CREATE TABLE submission (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
        "bundle_id TEXT NOT NULL, final INTEGER NOT NULL, by TEXT NOT NULL)"
    ),
}

HEADER_AND_BYTES: dict[str, Mutation] = {
    "another application id": run_sql("PRAGMA application_id = 1"),
    "format 0": run_sql("PRAGMA user_version = 0"),
    "negative format": run_sql("PRAGMA user_version = -1"),
    "newer format": run_sql(f"PRAGMA user_version = {FORMAT_VERSION + 7}"),
    "cut in half": cut_to(0.5),
    "cut to the header": cut_to(0.003),
    "header magic damaged": overwrite(0, b"SQLite format 4"),
    "page size damaged": overwrite(16, b"\x00\x03"),
    "empty": replace_whole(b""),
    "text": replace_whole(b"Winterbourne View stocktake notes\n"),
    "zeros": replace_whole(bytes(8192)),
}

VALUES: dict[str, Mutation] = {
    "codes not JSON": run_sql("UPDATE answer SET codes = '[1,' WHERE ref = '1.1'"),
    "codes an object": run_sql("""UPDATE answer SET codes = '{"a": 1}' WHERE ref = '1.1'"""),
    "codes as strings": run_sql("""UPDATE answer SET codes = '["1"]' WHERE ref = '1.1'"""),
    "codes as booleans": run_sql("UPDATE answer SET codes = '[true]' WHERE ref = '1.1'"),
    "codes as decimals": run_sql("UPDATE answer SET codes = '[1.0]' WHERE ref = '1.1'"),
    "code outside the list": run_sql("UPDATE answer SET codes = '[99]' WHERE ref = '1.1'"),
    "code of 40 digits": run_sql(f"UPDATE answer SET codes = '[{'9' * 40}]' WHERE ref = '1.1'"),
    "codes nested deeply": run_sql(
        f"UPDATE answer SET codes = '{'[' * 100_000}{']' * 100_000}' WHERE ref = '1.1'"
    ),
    "codes as binary": run_sql("UPDATE answer SET codes = x'5b5d' WHERE ref = '1.1'"),
    "narrative not UTF-8": run_sql(f"UPDATE answer SET narrative = {BAD_UTF8} WHERE ref = '2.1'"),
    "narrative as binary": run_sql("UPDATE answer SET narrative = x'00ff' WHERE ref = '2.1'"),
    "narrative NULL": with_null("answer", "narrative", "ref = '2.1'"),
    "note NULL": with_null("answer", "good_practice_note", "ref = '1.1'"),
    "good practice as text": run_sql("UPDATE answer SET good_practice = 'yes' WHERE ref = '1.1'"),
    "good practice as decimal": run_sql("UPDATE answer SET good_practice = 0.5 WHERE ref = '1.1'"),
    "locality not UTF-8": run_sql(f"UPDATE meta SET value = {BAD_UTF8} WHERE key = 'locality'"),
    "locality as binary": run_sql("UPDATE meta SET value = x'41' WHERE key = 'locality'"),
    "locality NULL": with_null("meta", "value", "key = 'locality'"),
    "locality missing": run_sql("DELETE FROM meta WHERE key = 'locality'"),
    "edition missing": run_sql("DELETE FROM meta WHERE key = 'template_id'"),
    "edition fingerprint missing": run_sql("DELETE FROM meta WHERE key = 'template_hash'"),
    "creation time not a time": run_sql(
        "UPDATE meta SET value = 'last June' WHERE key = 'created_at'"
    ),
    "evidence size as text": run_sql("UPDATE evidence SET size = 'big'"),
    "evidence content as text": run_sql("UPDATE evidence SET content = 'not bytes'"),
    "evidence path as binary": run_sql("UPDATE evidence SET original_path = x'2f'"),
    "evidence question not UTF-8": run_sql(f"UPDATE evidence SET ref = {BAD_UTF8}"),
    "evidence time not a time": run_sql("UPDATE evidence SET added_at = 'soon'"),
    "sign-off date not a date": run_sql(
        "UPDATE completion SET value = 'next Tuesday' WHERE key = 'sign_off.chair_hwb.date'"
    ),
    "sign-off date impossible": run_sql(
        "UPDATE completion SET value = '2026-02-30' WHERE key = 'sign_off.chair_hwb.date'"
    ),
    "sign-off name as binary": run_sql(
        "UPDATE completion SET value = x'00' WHERE key = 'sign_off.chair_hwb.name'"
    ),
    "completion key not UTF-8": run_sql(
        f"INSERT INTO completion(key, value) VALUES ({BAD_UTF8}, 'x')"
    ),
    "contributor changes as text": run_sql("UPDATE contributor SET changes = 'many'"),
    "contributor seen not a time": run_sql("UPDATE contributor SET first_seen = 'yesterday'"),
    "log author not UTF-8": run_sql(log_row(who=BAD_UTF8)),
    "log time not a time": run_sql(log_row(at="'yesterday'")),
    "log time without its offset": run_sql(log_row(at="'2026-11-22T10:00:00'")),
    "log time out of range": run_sql(log_row(at="'0001-01-01T00:00:00+14:00'")),
    "log value as binary": run_sql(log_row(old="x'ff'")),
    "log flag as text": run_sql(
        "INSERT INTO change_log(at, who, ref, field, old, new, after_submission) "
        f"VALUES ({NOW}, 'Mallory', '1.1', 'narrative', '', '', 'yes')"
    ),
    "submission flag as text": run_sql("UPDATE submission SET final = 'yes'"),
    "submission id as binary": run_sql("UPDATE submission SET bundle_id = x'01'"),
    "submission time not a time": run_sql("UPDATE submission SET at = 'Friday'"),
}


def dropped_tables(path: Path) -> dict[str, Mutation]:
    return {f"dropped table {table}": run_sql(f"DROP TABLE {table}") for table in tables_of(path)}


def all_variants(path: Path) -> dict[str, Mutation]:
    return STRUCTURE | HEADER_AND_BYTES | VALUES | dropped_tables(path)
