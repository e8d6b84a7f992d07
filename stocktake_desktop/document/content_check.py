"""The values in a return: each of the type its column declares, valid text, and parseable
where the app parses it (status codes, dates), so that nothing fails later with a traceback.

``PRAGMA quick_check`` finds a damaged file structure and NULLs in NOT NULL columns, but not a
blob where text belongs, text that is not UTF-8, or a status-code list that is not JSON.
"""

from __future__ import annotations

import json
import re
import sqlite3
from collections.abc import Iterator
from datetime import date, datetime

from stocktake_desktop.document import changelog
from stocktake_desktop.document.errors import NotAReturnError
from stocktake_desktop.document.models import ACTION_STATUSES, AGREEMENT_STATUSES
from stocktake_desktop.document.schema_check import shown
from stocktake_desktop.template import Template

#: How a damaged place is named in a message, by table (the row's key follows).
_ROW_NAMES = {
    "answer": "the answer to",
    "meta": "the return detail",
    "completion": "the completion detail",
    "contributor": "the contributor",
    "evidence": "evidence link",
    "change_log": "change-log entry",
    "submission": "submission",
    "meeting": "meeting",
    "attendee": "an attendee of meeting",
    "agreement": "the agreement on",
    "action": "action",
}
_KINDS = {
    "text": "text",
    "integer": "a whole number",
    "real": "a decimal number",
    "blob": "binary data",
    "null": "nothing",
}
#: Dates and times the app parses (stamped by the app, always with their UTC offset).
_TIMESTAMPS = {
    "change_log": ("at",),
    "submission": ("at",),
    "contributor": ("first_seen", "last_seen"),
    "evidence": ("added_at",),
    "meeting": ("started_at",),
}
_REQUIRED_META = {
    "template_id": "stocktake edition (template_id)",
    "template_hash": "stocktake edition fingerprint (template_hash)",
    "locality": "locality",
}
_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


class DamageError(Exception):
    """One damaged value: where it is and what is wrong with it."""

    def __init__(self, where: str, problem: str) -> None:
        super().__init__(f"{where}, {problem}")


def check_values(conn: sqlite3.Connection, name: str) -> None:
    """Every value in every table has its column's declared type, and all text is UTF-8."""
    try:
        for table in _tables(conn):
            _check_table(conn, table)
    except DamageError as damage:
        raise _refusal(name, str(damage)) from damage


def check_meaning(conn: sqlite3.Connection, name: str, template: Template) -> None:
    """Status codes, sign-off dates and timestamps are what the app can read back."""
    try:
        _check_codes(conn, template)
        _check_sign_off_dates(conn)
        _check_timestamps(conn)
        _check_meetings(conn)
        problem = changelog.check_versions(conn)
        if problem:
            raise DamageError("its change log", problem)
    except DamageError as damage:
        raise _refusal(name, str(damage)) from damage


def check_required_meta(conn: sqlite3.Connection, name: str) -> dict[str, str]:
    """The return's details (edition, locality...), refusing a file that lacks any it needs."""
    meta = {str(k): str(v) for k, v in conn.execute("SELECT key, value FROM meta")}
    for key, label in _REQUIRED_META.items():
        if key not in meta:
            raise _refusal(name, f"its {label} is missing")
    return meta


# --------------------------------------------------------------------- types and text
def _tables(conn: sqlite3.Connection) -> list[str]:
    rows = conn.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "ORDER BY name"
    ).fetchall()
    return [str(row[0]) for row in rows]


def _allowed_types(declared: str, not_null: bool) -> frozenset[str]:
    """SQLite's affinity rules, strictly: the one storage class a column of that type holds."""
    upper = declared.upper()
    if "INT" in upper:
        kinds = {"integer"}
    elif any(word in upper for word in ("CHAR", "CLOB", "TEXT")):
        kinds = {"text"}
    elif "BLOB" in upper or not upper:
        kinds = {"blob"}
    elif any(word in upper for word in ("REAL", "FLOA", "DOUB")):
        kinds = {"real", "integer"}
    else:
        kinds = {"integer", "real"}
    return frozenset(kinds if not_null else kinds | {"null"})


def _check_table(conn: sqlite3.Connection, table: str) -> None:
    columns = conn.execute(f"PRAGMA table_xinfo({_quote(table)})").fetchall()
    # (column name, the storage classes it may hold)
    specs = [
        (str(col[1]), _allowed_types(str(col[2] or ""), bool(col[3]) or bool(col[5])))
        for col in columns
    ]
    keys = sorted((col[5], str(col[1])) for col in columns if col[5])
    key_index = [name for name, _ in specs].index(keys[0][1]) if keys else None
    parts = []
    for index, (column, allowed) in enumerate(specs):
        # Only text is fetched (to check it is UTF-8), and the key (to say where): never blobs.
        value = _quote(column) if "text" in allowed or index == key_index else "NULL"
        parts.append(f"typeof({_quote(column)}), {value}")
    sql = f"SELECT {', '.join(parts)} FROM {_quote(table)}"
    before = conn.text_factory
    conn.text_factory = bytes
    try:
        for row in _rows(conn, sql):
            _check_row(table, specs, key_index, row)
    finally:
        conn.text_factory = before


def _rows(conn: sqlite3.Connection, sql: str) -> Iterator[tuple[object, ...]]:
    cursor = conn.execute(sql)
    while batch := cursor.fetchmany(500):
        yield from batch


def _check_row(
    table: str,
    specs: list[tuple[str, frozenset[str]]],
    key_index: int | None,
    row: tuple[object, ...],
) -> None:
    where = _where(table, row[2 * key_index + 1] if key_index is not None else None)
    for index, (column, allowed) in enumerate(specs):
        kind_raw, value = row[2 * index], row[2 * index + 1]
        kind = kind_raw.decode("ascii") if isinstance(kind_raw, bytes) else str(kind_raw)
        if kind not in allowed:
            if kind == "null":
                raise DamageError(where, f"the {column} field is missing")
            wanted = " or ".join(_KINDS[k] for k in sorted(allowed) if k != "null")
            found = _KINDS.get(kind, kind)
            raise DamageError(where, f"the {column} field holds {found} where {wanted} belongs")
        if kind == "text" and isinstance(value, bytes):
            try:
                value.decode("utf-8")
            except UnicodeDecodeError as error:
                raise DamageError(where, f"the {column} field is not valid text (UTF-8)") from error


def _where(table: str, key: object) -> str:
    label = _ROW_NAMES.get(table)
    if label is None:
        return f"in a row of the {table} table"
    if isinstance(key, bytes):
        try:
            key = key.decode("utf-8")
        except UnicodeDecodeError:
            key = None
    if key is None:
        return f"in a row of the {table} table whose key is not valid text"
    return f"in {label} {shown(str(key))[1:-1]}"


def _quote(identifier: str) -> str:
    return '"' + identifier.replace('"', '""') + '"'


# --------------------------------------------------------------------- meaning
def _check_codes(conn: sqlite3.Connection, template: Template) -> None:
    questions = {q.ref: q for q in template.questions}
    for ref, stored in conn.execute("SELECT ref, codes FROM answer"):
        where = f"in the answer to {shown(ref)[1:-1]}"
        try:
            codes = json.loads(stored)
        except (ValueError, RecursionError) as error:
            raise DamageError(where, "its status codes are not readable (not JSON)") from error
        if not isinstance(codes, list) or not all(type(c) is int for c in codes):
            raise DamageError(where, "its status codes are not a list of numbers")
        question = questions.get(ref)
        if question is not None:
            unknown = sorted(set(codes) - set(question.code_values()))
            if unknown:
                listed = ", ".join(shown(str(c), 12)[1:-1] for c in unknown[:3])
                raise DamageError(where, f"it has status code {listed}, which is not in its list")


def _check_sign_off_dates(conn: sqlite3.Connection) -> None:
    rows = conn.execute(
        "SELECT key, value FROM completion WHERE key LIKE 'sign\\_off.%.date' ESCAPE '\\'"
    )
    for key, value in rows:
        if value and not _is_date(value):
            raise DamageError(f"in the completion detail {shown(key)[1:-1]}", "it is not a date")


def _is_date(value: str) -> bool:
    if not _ISO_DATE.fullmatch(value):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return True


def _check_timestamps(conn: sqlite3.Connection) -> None:
    tables = set(_tables(conn))
    for table, columns in _TIMESTAMPS.items():
        if table not in tables:
            continue
        info = conn.execute(f"PRAGMA table_info({_quote(table)})").fetchall()
        present = {str(col[1]) for col in info}
        key = next((str(col[1]) for col in info if col[5] == 1), None)
        for column in columns:
            if column not in present or key is None:
                continue
            sql = f"SELECT {_quote(key)}, {_quote(column)} FROM {_quote(table)}"
            for row_key, value in _rows(conn, sql):
                if not _is_timestamp(str(value)):
                    raise DamageError(
                        _where(table, row_key),
                        f"the {column} field ({shown(str(value))}) is not a date and time",
                    )
    created = conn.execute("SELECT value FROM meta WHERE key = 'created_at'").fetchone()
    if created is not None and not _is_timestamp(str(created[0])):
        raise DamageError("in the return details", "its creation time is not a date and time")


def _check_meetings(conn: sqlite3.Connection) -> None:
    """Meeting dates, agreement and action statuses, and due dates are what the app reads."""
    if "meeting" not in _tables(conn):
        return  # a file from before format 4
    for key, day, ended in conn.execute("SELECT id, date, ended_at FROM meeting"):
        if not _is_date(str(day)):
            raise DamageError(_where("meeting", key), f"its date ({shown(str(day))}) is not a date")
        if ended and not _is_timestamp(str(ended)):
            raise DamageError(_where("meeting", key), "its end is not a date and time")
    known = {row[0] for row in conn.execute("SELECT id FROM meeting")}
    for key, name in conn.execute("SELECT meeting, name FROM attendee"):
        if key not in known:
            raise DamageError(
                f"in the attendee {shown(str(name))[1:-1]}", "their meeting is not in the return"
            )
    for key, status in conn.execute("SELECT ref, status FROM agreement"):
        if status not in AGREEMENT_STATUSES:
            raise DamageError(_where("agreement", key), f"{shown(str(status))} is not a status")
    for key, status, due in conn.execute("SELECT id, status, due FROM action"):
        if status not in ACTION_STATUSES:
            raise DamageError(_where("action", key), f"{shown(str(status))} is not a status")
        if due and not _is_date(str(due)):
            raise DamageError(
                _where("action", key), f"its due date ({shown(str(due))}) is not a date"
            )


def _is_timestamp(value: str) -> bool:
    """An ISO date and time with its UTC offset, as the app stamps them."""
    try:
        moment = datetime.fromisoformat(value)
        if moment.tzinfo is None:
            return False
        moment.astimezone()
    except (ValueError, OverflowError, OSError):
        return False
    return True


def _refusal(name: str, detail: str) -> NotAReturnError:
    return NotAReturnError(f"{name} is damaged, so it cannot be opened: {detail}.")
