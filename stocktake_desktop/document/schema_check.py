"""The structure a return must have: its tables, columns, indexes, triggers and views, exactly.

A return is a file people email and copy, so its structure is untrusted: a trigger planted in it
would run inside our own transactions. The expected structure is made by running the app's own
schema script on an in-memory database, so it follows every format version automatically.
"""

from __future__ import annotations

import functools
import sqlite3

from stocktake_desktop.document import schema
from stocktake_desktop.document.errors import NotAReturnError

#: (type, name, table, definition with its white space folded)
SchemaObject = tuple[str, str, str, str | None]
Structure = frozenset[SchemaObject]


def read_structure(conn: sqlite3.Connection) -> Structure:
    """Every table, index, trigger and view in ``conn``'s main database."""
    rows = conn.execute("SELECT type, name, tbl_name, sql FROM sqlite_master").fetchall()
    return frozenset(
        (str(kind), str(name), str(table), " ".join(sql.split()) if sql is not None else None)
        for kind, name, table, sql in rows
    )


@functools.cache
def structure_made_at(start: int, version: int) -> Structure:
    """The structure of a file made at format ``start`` and migrated to ``version``."""
    conn = sqlite3.connect(":memory:", isolation_level=None)
    try:
        schema.create_schema(conn, start)
        if start < version:
            schema.migrate(conn, start, version)
        return read_structure(conn)
    finally:
        conn.close()


def expected_structures(version: int) -> frozenset[Structure]:
    """Every structure a file of ``version`` may have: made at that version, or made at an
    earlier one and migrated (a migration may word a table differently from a fresh one)."""
    return frozenset(structure_made_at(start, version) for start in range(1, version + 1))


def check_structure(conn: sqlite3.Connection, version: int, name: str) -> None:
    """Refuse a file whose structure is not exactly a return's (before anything in it runs)."""
    try:
        actual = read_structure(conn)
    except (sqlite3.Error, ValueError) as error:
        raise NotAReturnError(
            f"{name} cannot be opened safely: its structure cannot be read ({error})."
        ) from error
    # newest first, one at a time: most files were made at their own version, so opening one
    # builds a single in-memory schema, not one for every older version
    if any(actual == structure_made_at(start, version) for start in range(version, 0, -1)):
        return
    closest = min(expected_structures(version), key=lambda expected: len(expected ^ actual))
    raise NotAReturnError(
        f"{name} cannot be opened safely: it has been altered outside Stocktake Desktop "
        f"({describe_difference(actual, closest)})."
    )


def describe_difference(actual: Structure, expected: Structure) -> str:
    """The first difference in words, e.g. ``an extra trigger "forge" on answer``."""
    have = {(item[0], item[1]): item for item in actual}
    want = {(item[0], item[1]): item for item in expected}
    missing = sorted((key for key in want if key not in have), key=_tables_first)
    changed = sorted(
        (key for key in want if key in have and have[key] != want[key]), key=_tables_first
    )
    extra = sorted((key for key in have if key not in want), key=_tables_first)
    phrases = (
        [f"its {kind} {shown(name)} is missing" for kind, name in missing]
        + [f"its {kind} {shown(name)} has been changed" for kind, name in changed]
        + [
            f"it has an extra {kind} {shown(name)} on {shown(have[(kind, name)][2])}"
            if kind in ("trigger", "index")
            else f"it has an extra {kind} {shown(name)}"
            for kind, name in extra
        ]
    )
    if not phrases:
        return "its structure is not that of a return"
    more = len(phrases) - 1
    return phrases[0] + (f", and {more} other difference{'s' if more != 1 else ''}" if more else "")


def _tables_first(key: tuple[str, str]) -> tuple[int, str, str]:
    order = ("table", "index", "trigger", "view")
    return (order.index(key[0]) if key[0] in order else len(order), key[0], key[1])


def shown(name: str, limit: int = 40) -> str:
    """A name from a file, safe to put in a message: printable, short and quoted."""
    text = "".join(c if c.isprintable() else "?" for c in name)
    return f'"{text[:limit]}…"' if len(text) > limit else f'"{text}"'
