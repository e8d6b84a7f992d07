"""The change log: who changed which field when, with every version kept, stored compactly.

Two things keep it small (format version 3):

- a contributor's continuous typing in one field is one version: a write that follows the
  newest entry for the same field by the same person within ``BURST_SECONDS`` extends that
  entry instead of adding one;
- text fields are stored as versions in ``text_version``: each is the text of the version
  before with a middle part replaced (kept start, kept end, the new middle, compressed), and
  every ``KEYFRAME_EVERY``-th version is a whole text, so rebuilding one is cheap.

Entries written by format versions 1 and 2 keep their full old and new text and read as before.
``meta.revision`` counts every recorded write (an extended entry too): it is what saving and
recovery compare, since extending an entry adds no row.
"""

from __future__ import annotations

import sqlite3
import zlib
from datetime import UTC, datetime

from stocktake_desktop.document.models import ChangeLogEntry

BURST_SECONDS = 60.0
KEYFRAME_EVERY = 32
#: Fields whose values are stored as text versions (long, edited a little at a time).
VERSIONED_FIELDS = frozenset({"narrative", "good_practice_note", "support_required"})
#: Fields never merged into the entry before (each is a deliberate, separate act).
SEPARATE_FIELDS = frozenset(
    {
        "codes",
        "good_practice",
        "evidence",
        "export",
        "locality",
        "meeting",
        "attendee",
        "agreement",
        "agreement_note",
        "action",
    }
)

_PLAIN = b"u"
_ZLIB = b"z"


def now() -> datetime:
    """The time entries are stamped with (tests replace it to step through bursts)."""
    return datetime.now(UTC).astimezone()


def revision(conn: sqlite3.Connection) -> int:
    """How many writes the return has recorded; grows with every change."""
    try:
        row = conn.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()
    except sqlite3.Error:
        row = None
    if row is not None and str(row[0]).isdigit():
        return int(row[0])
    # Format versions 1 and 2: one change-log row per write.
    return int(conn.execute("SELECT coalesce(max(id), 0) FROM change_log").fetchone()[0])


def record(
    conn: sqlite3.Connection,
    *,
    who: str,
    ref: str,
    field: str,
    old: str,
    new: str,
    after_submission: bool,
    meeting: str = "",
    extend: bool = True,
) -> None:
    """Log one change (inside the caller's transaction), extending the newest entry when it is
    the same person's continuing edit of the same field in the same meeting (or none), unless
    ``extend`` is False (a restore is always a version of its own)."""
    stamp = now()
    at = stamp.isoformat(timespec="seconds")
    newest = conn.execute(
        "SELECT id, at, who, ref, field, new_version, after_submission, meeting "
        "FROM change_log ORDER BY id DESC LIMIT 1"
    ).fetchone()
    if (
        extend
        and newest is not None
        and _continues(newest, who, ref, field, after_submission, stamp, meeting)
    ):
        entry_id, version_id = newest[0], newest[5]
        if version_id is not None:
            _rewrite_version(conn, version_id, new)
            conn.execute("UPDATE change_log SET at = ? WHERE id = ?", (at, entry_id))
        else:
            conn.execute("UPDATE change_log SET at = ?, new = ? WHERE id = ?", (at, new, entry_id))
        changes = 0
    else:
        old_version = new_version = None
        if field in VERSIONED_FIELDS:
            old_version = _version_of(conn, ref, field, old)
            new_version = _add_version(conn, old_version, new)
            old = new = ""
        conn.execute(
            "INSERT INTO change_log(at, who, ref, field, old, new, after_submission, "
            "old_version, new_version, meeting) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                at,
                who,
                ref,
                field,
                old,
                new,
                int(after_submission),
                old_version,
                new_version,
                meeting,
            ),
        )
        changes = 1
    conn.execute(
        "INSERT INTO contributor(name, first_seen, last_seen, changes) VALUES (?, ?, ?, ?) "
        "ON CONFLICT(name) DO UPDATE SET last_seen = excluded.last_seen, "
        "changes = changes + excluded.changes",
        (who, at, at, changes),
    )
    conn.execute(
        "INSERT INTO meta(key, value) VALUES ('revision', ?) "
        "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
        (str(revision(conn) + 1),),
    )


def entries(conn: sqlite3.Connection, ref: str | None = None) -> list[ChangeLogEntry]:
    """The change log in order, each entry with its full old and new values."""
    if ref is None:
        return select(conn)
    return select(conn, "ref = ?", (ref,))


def select(
    conn: sqlite3.Connection,
    where: str = "",
    params: tuple[object, ...] = (),
    *,
    newest_first: bool = False,
) -> list[ChangeLogEntry]:
    """The entries matching an SQL condition on ``change_log``, with their full values (texts
    are rebuilt only for the entries chosen, each version once)."""
    sql = (
        "SELECT id, at, who, ref, field, old, new, after_submission, old_version, new_version, "
        "meeting FROM change_log"
        + (f" WHERE {where}" if where else "")
        + (" ORDER BY id DESC" if newest_first else " ORDER BY id")
    )
    texts: dict[int, str] = {}
    result = []
    for row in conn.execute(sql, params).fetchall():
        old = version_text(conn, row[8], texts) if row[8] is not None else row[5]
        new = version_text(conn, row[9], texts) if row[9] is not None else row[6]
        result.append(
            ChangeLogEntry(
                row[0], row[1], row[2], row[3], row[4], old, new, bool(row[7]), str(row[10])
            )
        )
    return result


def version_text(conn: sqlite3.Connection, version_id: int, cache: dict[int, str]) -> str:
    """The whole text of one version, rebuilt from the nearest whole text before it."""
    chain: list[tuple[int, int, int, bytes]] = []
    current: int | None = version_id
    while current is not None and current not in cache:
        row = conn.execute(
            "SELECT base, keep_start, keep_end, inserted FROM text_version WHERE id = ?",
            (current,),
        ).fetchone()
        if row is None:
            raise sqlite3.DatabaseError(f"text version {current} is missing")
        chain.append((current, row[1], row[2], bytes(row[3])))
        current = row[0]
        if len(chain) > KEYFRAME_EVERY * 4:
            raise sqlite3.DatabaseError(f"text version {version_id} has a broken chain")
    text = cache[current] if current is not None else ""
    for vid, keep_start, keep_end, inserted in reversed(chain):
        text = _apply(text, keep_start, keep_end, _unpack(inserted))
        cache[vid] = text
    return cache[version_id]


def check_versions(conn: sqlite3.Connection) -> str | None:
    """Rebuild every stored text version; a sentence naming the first broken one, else None."""
    cache: dict[int, str] = {}
    try:
        ids = [row[0] for row in conn.execute("SELECT id FROM text_version ORDER BY id")]
    except sqlite3.Error:
        return None  # a file from before format 3: nothing stored this way
    for version_id in ids:
        try:
            version_text(conn, version_id, cache)
        except (sqlite3.Error, zlib.error, UnicodeDecodeError, TypeError, IndexError) as error:
            return f"text version {version_id} in its change log cannot be read ({error})"
    return None


# ------------------------------------------------------------------ internals
def _continues(
    newest: tuple[object, ...],
    who: str,
    ref: str,
    field: str,
    after_submission: bool,
    stamp: datetime,
    meeting: str,
) -> bool:
    if field in SEPARATE_FIELDS or (newest[2], newest[3], newest[4]) != (who, ref, field):
        return False
    if bool(newest[6]) != after_submission or str(newest[7]) != meeting:
        return False
    try:
        last = datetime.fromisoformat(str(newest[1]))
    except ValueError:
        return False
    return 0 <= (stamp - last).total_seconds() <= BURST_SECONDS


def _version_of(conn: sqlite3.Connection, ref: str, field: str, text: str) -> int | None:
    """The version holding ``text`` as the field's current value, made when there is none."""
    if not text:
        return None
    row = conn.execute(
        "SELECT new_version FROM change_log WHERE ref = ? AND field = ? "
        "AND new_version IS NOT NULL ORDER BY id DESC LIMIT 1",
        (ref, field),
    ).fetchone()
    if row is not None and version_text(conn, row[0], {}) == text:
        return int(row[0])
    return _add_version(conn, None, text)


def _add_version(conn: sqlite3.Connection, base: int | None, text: str) -> int:
    base_text, depth = "", -1
    if base is not None:
        depth = int(
            conn.execute("SELECT depth FROM text_version WHERE id = ?", (base,)).fetchone()[0]
        )
        base_text = version_text(conn, base, {})
    if base is None or depth + 1 >= KEYFRAME_EVERY:
        cursor = conn.execute(
            "INSERT INTO text_version(base, depth, keep_start, keep_end, inserted) "
            "VALUES (NULL, 0, 0, 0, ?)",
            (_pack(text),),
        )
    else:
        keep_start, keep_end, middle = _delta(base_text, text)
        cursor = conn.execute(
            "INSERT INTO text_version(base, depth, keep_start, keep_end, inserted) "
            "VALUES (?, ?, ?, ?, ?)",
            (base, depth + 1, keep_start, keep_end, _pack(middle)),
        )
    return int(cursor.lastrowid or 0)


def _rewrite_version(conn: sqlite3.Connection, version_id: int, text: str) -> None:
    """Make the newest version hold ``text`` (the burst it records goes on)."""
    base = conn.execute("SELECT base FROM text_version WHERE id = ?", (version_id,)).fetchone()[0]
    if base is None:
        values = (0, 0, _pack(text))
    else:
        keep_start, keep_end, middle = _delta(version_text(conn, base, {}), text)
        values = (keep_start, keep_end, _pack(middle))
    conn.execute(
        "UPDATE text_version SET keep_start = ?, keep_end = ?, inserted = ? WHERE id = ?",
        (*values, version_id),
    )


def _delta(before: str, after: str) -> tuple[int, int, str]:
    """(kept start, kept end, new middle): ``after`` as ``before`` with its middle replaced."""
    limit = min(len(before), len(after))
    start = 0
    while start < limit and before[start] == after[start]:
        start += 1
    end = 0
    while end < limit - start and before[-1 - end] == after[-1 - end]:
        end += 1
    return start, end, after[start : len(after) - end]


def _apply(before: str, keep_start: int, keep_end: int, middle: str) -> str:
    return before[:keep_start] + middle + before[len(before) - keep_end :]


def _pack(text: str) -> bytes:
    data = text.encode("utf-8")
    packed = zlib.compress(data, 6)
    return _ZLIB + packed if len(packed) < len(data) else _PLAIN + data


def _unpack(stored: bytes) -> str:
    kind, data = stored[:1], stored[1:]
    if kind == _ZLIB:
        data = zlib.decompress(data)
    elif kind != _PLAIN:
        raise sqlite3.DatabaseError("a text version is stored in an unknown form")
    return data.decode("utf-8")
