"""One copy's change log as merging reads it: each field's values over time, the entries two
copies share, and a fingerprint that names one entry.

Texts are rebuilt only when asked for (a return with 200 versions of every answer has some
36,000 of them), each version once.
"""

from __future__ import annotations

import bisect
import hashlib
import sqlite3
from dataclasses import dataclass

from stocktake_desktop.document import changelog
from stocktake_desktop.document.conflicts import COMPLETION, RETURN
from stocktake_desktop.document.history import HISTORY_FIELDS

#: (ref, field) as conflicts name them; see :mod:`stocktake_desktop.document.conflicts`.
Key = tuple[str, str]

#: An answer's fields as the change log names them (each has versions).
ANSWER_KEYS = HISTORY_FIELDS
_COLUMNS = "id, at, who, ref, field, old, new, after_submission, old_version, new_version, meeting"
_ID, _AT, _WHO, _REF, _FIELD, _OLD, _NEW, _AFTER, _OLD_V, _NEW_V, _MEETING = range(11)


@dataclass(frozen=True, slots=True)
class Latest:
    """The newest change of one field: its value, who wrote it and on which copy."""

    value: str
    who: str
    copy: str
    at: str = ""

    @property
    def created(self) -> tuple[str, str, str]:
        """When, by whom and what: the same in two copies when it is one change."""
        return (self.at, self.who, self.value)


class History:
    """The change log of one copy (``name`` is its file name, the copy its own changes were
    written on)."""

    def __init__(self, conn: sqlite3.Connection, name: str) -> None:
        self.name = name
        self._conn = conn
        self.rows: list[tuple[object, ...]] = conn.execute(
            f"SELECT {_COLUMNS} FROM change_log ORDER BY id"
        ).fetchall()
        self.copies: dict[int, str] = dict(
            conn.execute("SELECT entry, copy FROM change_copy").fetchall()
        )
        self._texts: dict[int, str] = {}
        self._by_key: dict[Key, list[int]] = {}
        self._plain: dict[str, list[int]] = {"attendee": [], "evidence": []}
        for index, row in enumerate(self.rows):
            key = key_of(str(row[_REF]), str(row[_FIELD]), str(row[_OLD]), str(row[_NEW]))
            if key is not None:
                self._by_key.setdefault(key, []).append(index)
            elif row[_FIELD] in self._plain:
                self._plain[str(row[_FIELD])].append(index)
        self._ids = [int(str(row[_ID])) for row in self.rows]

    @property
    def newest(self) -> int:
        """The id of the newest entry (0 when the log is empty)."""
        return self._ids[-1] if self._ids else 0

    def keys(self) -> set[Key]:
        return set(self._by_key)

    def value_at(self, key: Key, through: int) -> str | None:
        """The field's value just after entry ``through``; None when it was never changed (its
        value then is the copy's value now)."""
        found = self._by_key.get(key)
        if not found:
            return None
        position = bisect.bisect_right([self._ids[i] for i in found], through)
        if position:
            return self._key_value(key, found[position - 1], _NEW)
        return self._key_value(key, found[0], _OLD)

    def latest(self, key: Key) -> Latest | None:
        found = self._by_key.get(key)
        if not found:
            return None
        index = found[-1]
        return Latest(self._key_value(key, index, _NEW), self.who(index), self.copy_of(index))

    def creation(self, key: Key) -> Latest | None:
        """The first change of one field (for an action or meeting: its creation)."""
        found = self._by_key.get(key)
        if not found:
            return None
        index = found[0]
        return Latest(
            self._key_value(key, index, _NEW), self.who(index), self.copy_of(index), self.at(index)
        )

    def values_of(self, key: Key) -> set[str]:
        """Every value the field has had."""
        return {self._key_value(key, index, _NEW) for index in self._by_key.get(key, [])}

    def entry_id(self, index: int) -> int:
        return self._ids[index]

    def who(self, index: int) -> str:
        return str(self.rows[index][_WHO])

    def copy_of(self, index: int) -> str:
        """The copy entry ``index`` was written on: a merged change keeps its own."""
        return self.copies.get(self._ids[index], self.name)

    def at(self, index: int) -> str:
        return str(self.rows[index][_AT])

    def raw(self, index: int, column: str) -> str:
        return str(self.rows[index][_OLD if column == "old" else _NEW])

    @property
    def attendee_rows(self) -> list[int]:
        """Indexes of the entries adding, changing or removing attendees, oldest first."""
        return self._plain["attendee"]

    def evidence_rows(self, ref: str) -> list[int]:
        """Indexes of the entries about one question's evidence, oldest first."""
        return [i for i in self._plain["evidence"] if self.rows[i][_REF] == ref]

    def index_of(self, entry_id: int) -> int | None:
        position = bisect.bisect_left(self._ids, entry_id)
        if position < len(self._ids) and self._ids[position] == entry_id:
            return position
        return None

    def fingerprint(self, entry_id: int) -> str | None:
        """A digest of entry ``entry_id`` (when, who, what, both values, the copy a merged
        change came from; never the file's own name, which people change); None when there is
        no such entry."""
        index = self.index_of(entry_id)
        if index is None:
            return None
        row = self.rows[index]
        parts = [str(row[i]) for i in (_ID, _AT, _WHO, _REF, _FIELD, _AFTER, _MEETING)]
        parts += [self._value(index, _OLD), self._value(index, _NEW)]
        parts.append(self.copies.get(entry_id, ""))
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()

    def same_entry(self, other: History, index: int) -> bool:
        """Whether entry ``index`` is the same in both logs, its texts included."""
        entry_id = self._ids[index]
        if self.rows[index] != other.rows[index]:
            return False
        if self.copies.get(entry_id) != other.copies.get(entry_id):
            return False
        return all(
            self._value(index, which) == other._value(index, which) for which in (_OLD, _NEW)
        )

    def _key_value(self, key: Key, index: int, which: int) -> str:
        """A field's value in entry ``index``: a meeting's or action's line without its id (an
        action's led by its question), "" where the item did not exist."""
        text = self._value(index, which)
        if key[0] == "meeting":
            return item_line(text.removeprefix("started "))
        if key[0] == "action":
            return f"{self.rows[index][_REF]} | {item_line(text)}" if text else ""
        return text

    def _value(self, index: int, which: int) -> str:
        row = self.rows[index]
        version = row[_NEW_V if which == _NEW else _OLD_V]
        if version is None:
            return str(row[which])
        return changelog.version_text(self._conn, int(str(version)), self._texts)


def shared_prefix(mine: History, theirs: History) -> int:
    """The id of the last entry both logs share (0 when none): the entries both copies kept
    from before they parted, identical in id, time, author, field and values."""
    count = 0
    for a, b in zip(mine.rows, theirs.rows, strict=False):
        if a != b or mine.copies.get(int(str(a[_ID]))) != theirs.copies.get(int(str(b[_ID]))):
            break
        count += 1
    # Only the newest entry when they parted can have been extended since (its text
    # rewritten in place), so its texts are compared too.
    if count and not mine.same_entry(theirs, count - 1):
        count -= 1
    return int(str(mine.rows[count - 1][_ID])) if count else 0


def key_of(ref: str, field: str, old: str, new: str) -> Key | None:
    """The field a change-log entry changed, as merging names it; None for entries that are
    not a field's value (exports, merges, conflicts, evidence, attendees)."""
    if ref and field in ANSWER_KEYS:
        return (ref, field)
    if ref:
        return ("action", _item_id(new or old)) if field == "action" else None
    if field.startswith(("completed_by.", "sign_off.")):
        return (COMPLETION, field)
    if field == "locality":
        return (RETURN, field)
    if field == "meeting" and not new.startswith("ended "):
        return ("meeting", _item_id(new.removeprefix("started ")))
    return None


def item_line(value: str) -> str:
    """A meeting's or action's line without its id ("m2: Board…" -> "Board…")."""
    return value.partition(": ")[2]


def _item_id(line: str) -> str:
    return line.partition(": ")[0]
