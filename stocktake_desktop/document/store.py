"""The return document: one SQLite file per return, edited through a private working copy.

Edits go to a working copy in the data folder (WAL, fast, survives a crash of the app). The
user's file is only ever written whole: ``VACUUM INTO`` a temporary file beside it, fsync, and
an atomic replace. So the user's file is always a complete, self-contained return that can be
copied, emailed or kept on a network drive, and a crash loses at most the last moment's edits,
which the working copy still holds for the next start.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import logging
import sqlite3
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from stocktake_desktop import __version__, paths
from stocktake_desktop.document import access, changelog, journals, schema
from stocktake_desktop.document.backups import (
    keep_backup,
    list_backups,
    saving_temp_for,
    sweep_stale_temporaries,
)
from stocktake_desktop.document.checks import (
    check_readable,
    copy_return,
    inspect_return,
    reason,
    remove_db,
)
from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.errors import (
    AnswerError,
    ReadOnlyError,
    ReturnError,
    StorageError,
)
from stocktake_desktop.document.evidence import evidence_state, iso_from_timestamp
from stocktake_desktop.document.files import (
    fsync_dir,
    fsync_file,
    real_file,
    replace_with_retries,
    sha256_file,
)
from stocktake_desktop.document.lock import ReturnLock
from stocktake_desktop.document.models import (
    Answer,
    ChangeLogEntry,
    Contributor,
    EvidenceLink,
    EvidenceState,
    Submission,
    Summary,
)
from stocktake_desktop.document.working import (
    UnsavedWorkError,
    WorkingCopy,
    read_only_copy_path,
    unsaved_work_for,
)
from stocktake_desktop.template import Question, Template
from stocktake_desktop.text import normalise_line, normalise_text

log = logging.getLogger(__name__)

DescribeCodes = Callable[[Iterable[int]], str]
BACKUP_INTERVAL_SECONDS = 300


def now_iso() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


def with_extension(path: Path) -> Path:
    """FILE as given, with the return extension added only when it has none."""
    return path if path.suffix else path.with_suffix(schema.EXTENSION)


class ReturnDocument:
    """An open return. Create with :meth:`create` or :meth:`open`; always :meth:`close`."""

    def __init__(
        self,
        *,
        path: Path,
        template: Template,
        db_path: Path,
        editor: str,
        lock: ReturnLock | None,
        working: WorkingCopy | None,
    ) -> None:
        self.path = path
        self.template = template
        self.editor = normalise_line(editor) or "Unknown"
        self._db_path = db_path
        self._lock = lock
        self._working = working
        self._conn = _connect(db_path)
        self._publish_lock = threading.Lock()
        self._last_backup = 0.0
        self._closed = False

    # ----------------------------------------------------------------- opening and closing
    @classmethod
    def create(
        cls, path: Path, locality: str, editor: str, template: Template | None = None
    ) -> ReturnDocument:
        """Make a new return at ``path`` (never overwriting an existing file) and save it."""
        from stocktake_desktop.template import default_template

        template = template or default_template()
        path = Path(path)
        locality = normalise_line(locality)
        if not locality:
            raise AnswerError("Please give the locality (the local authority area) for the return.")
        access.check_creatable(path)

        def prepare(working: WorkingCopy) -> Template:
            working.set_aside()
            conn = _connect(working.db)
            try:
                schema.create_schema(conn)
                with _transaction(conn):
                    conn.executemany(
                        "INSERT INTO meta(key, value) VALUES (?, ?)",
                        [
                            ("template_id", template.id),
                            ("template_hash", template.content_hash),
                            ("locality", locality),
                            ("created_at", now_iso()),
                            ("created_by", normalise_line(editor)),
                            ("app_version", __version__),
                        ],
                    )
                    conn.executemany(
                        "INSERT INTO answer(ref) VALUES (?)", [(q.ref,) for q in template.questions]
                    )
            finally:
                conn.close()
            return template

        document = cls._open_locked(path, editor, prepare)
        document.publish()
        return document

    @classmethod
    def open(
        cls,
        path: Path,
        editor: str,
        *,
        read_only: bool = False,
        recover: bool | None = None,
        take_over: bool = False,
        set_aside_journal: bool = False,
    ) -> ReturnDocument:
        """Open a return. When a session ended leaving changes that never reached the file,
        ``recover=True`` takes them back, ``recover=False`` sets them aside in the backups
        folder, and the default raises UnsavedWorkError so the caller asks first.

        ``take_over`` replaces another computer's lock (after asking the user);
        ``set_aside_journal`` moves a journal another program left beside the file to the
        backups folder (after asking). Raises NotAReturnError (file untouched), or a
        CannotEditError such as LockedError or ReadOnlyFileError (offer read-only instead).
        """
        path = real_file(Path(path))
        if read_only:
            temp = read_only_copy_path()
            copy_return(path, temp)
            try:
                template = inspect_return(temp, shown_as=path)
                return cls(
                    path=path,
                    template=template,
                    db_path=temp,
                    editor=editor,
                    lock=None,
                    working=None,
                )
            except BaseException:
                remove_db(temp)
                raise
        recovering = bool(recover) and unsaved_work_for(path) is not None
        if not recovering:
            check_readable(path)
        access.check_before_editing(path, set_aside_journal=set_aside_journal)
        moved: list[Path] = []

        def prepare(working: WorkingCopy) -> Template:
            if not recovering:
                work = unsaved_work_for(path)
                if work is not None and recover is None:
                    raise UnsavedWorkError(work)
                working.set_aside()
                copy_return(path, working.db)
            try:
                template = inspect_return(working.db, shown_as=path)
                if set_aside_journal and not recovering:
                    moved.extend(journals.set_aside(path, working.db.stem))
            except BaseException:
                if not recovering:
                    working.remove()
                raise
            if not recovering:
                working.write_info(published_change=_last_change_id(working.db))
            return template

        document = cls._open_locked(path, editor, prepare, take_over=take_over)
        log.info(
            "opened %s for editing by %s%s", path, editor, " (recovered)" if recovering else ""
        )
        document._backup_now()
        if recovering or moved:
            try:
                document.publish()
            except BaseException:
                journals.put_back(moved, path)  # as it was: nothing is lost or half-done
                with contextlib.suppress(ReturnError):
                    document.close()  # keeps recovered work for the next open to offer
                raise
        return document

    @classmethod
    def _open_locked(
        cls,
        path: Path,
        editor: str,
        prepare: Callable[[WorkingCopy], Template],
        *,
        take_over: bool = False,
    ) -> ReturnDocument:
        """Take the lock, let ``prepare`` fill the working copy, and open it for editing."""
        lock = ReturnLock(path, editor)
        lock.acquire(take_over=take_over)
        for removed in sweep_stale_temporaries(path):
            log.info("removed %s, left by a save that never finished", removed)
        try:
            working = WorkingCopy(path)
            template = prepare(working)
            working.claim(editor)
            return cls(
                path=path,
                template=template,
                db_path=working.db,
                editor=editor,
                lock=lock,
                working=working,
            )
        except BaseException:
            lock.release()
            raise

    def close(self) -> None:
        """Save anything not yet saved, then let go of the working copy and the lock."""
        if self._closed:
            return
        try:
            if not self.read_only and self.has_unpublished_changes():
                self.publish()
        finally:
            with self._publish_lock:
                self._closed = True
                self._conn.close()
                if self._working is None:
                    remove_db(self._db_path)
                elif not self.has_unpublished_changes_on_disk():
                    self._working.remove()
                else:  # left for the next open, even in this same run, to offer back
                    log.warning("closed %s with unsaved work kept for recovery", self.path)
                    self._working.release()
                if self._lock is not None:
                    self._lock.release()

    def __enter__(self) -> ReturnDocument:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # ----------------------------------------------------------------- properties
    @property
    def read_only(self) -> bool:
        return self._working is None

    @property
    def closed(self) -> bool:
        return self._closed

    @property
    def locality(self) -> str:
        return self._meta("locality")

    def _meta(self, key: str) -> str:
        row = self._conn.execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else ""

    # ----------------------------------------------------------------- reading
    def answer(self, ref: str) -> Answer:
        self._question(ref)
        row = self._conn.execute(
            "SELECT ref, codes, narrative, good_practice, good_practice_note, support_required "
            "FROM answer WHERE ref = ?",
            (ref,),
        ).fetchone()
        return _answer_from_row(row) if row else Answer(ref)

    def answers(self) -> dict[str, Answer]:
        rows = self._conn.execute(
            "SELECT ref, codes, narrative, good_practice, good_practice_note, support_required "
            "FROM answer"
        ).fetchall()
        stored = {row[0]: _answer_from_row(row) for row in rows}
        return {q.ref: stored.get(q.ref, Answer(q.ref)) for q in self.template.questions}

    def evidence(self, ref: str | None = None) -> list[EvidenceLink]:
        sql = (
            "SELECT id, ref, original_path, file_name, size, sha256, modified, added_by, added_at, "
            "content IS NOT NULL FROM evidence"
        )
        if ref is None:
            rows = self._conn.execute(sql + " ORDER BY id").fetchall()
        else:
            rows = self._conn.execute(sql + " WHERE ref = ? ORDER BY id", (ref,)).fetchall()
        return [_evidence_from_row(row) for row in rows]

    def evidence_link(self, evidence_id: int) -> EvidenceLink:
        for link in self.evidence():
            if link.id == evidence_id:
                return link
        raise AnswerError(f"There is no evidence file with id {evidence_id}.")

    def embedded_content(self, evidence_id: int) -> bytes | None:
        row = self._conn.execute(
            "SELECT content FROM evidence WHERE id = ?", (evidence_id,)
        ).fetchone()
        return bytes(row[0]) if row and row[0] is not None else None

    def completion(self) -> dict[str, str]:
        """Completed-by and sign-off values by key, e.g. ``completed_by.name``."""
        return dict(self._conn.execute("SELECT key, value FROM completion").fetchall())

    def completed_by(self) -> dict[str, str]:
        values = self.completion()
        return {
            f.key: values.get(f"completed_by.{f.key}", "")
            for f in self.template.completed_by_fields
        }

    def sign_off(self) -> dict[str, tuple[str, str]]:
        """Role key -> (name, date as ISO yyyy-mm-dd or "")."""
        values = self.completion()
        return {
            role.key: (
                values.get(f"sign_off.{role.key}.name", ""),
                values.get(f"sign_off.{role.key}.date", ""),
            )
            for role in self.template.sign_off_roles
        }

    def change_log(self, ref: str | None = None) -> list[ChangeLogEntry]:
        return changelog.entries(self._conn, ref)

    def contributors(self) -> list[Contributor]:
        rows = self._conn.execute(
            "SELECT name, first_seen, last_seen, changes FROM contributor ORDER BY first_seen"
        ).fetchall()
        return [Contributor(*row) for row in rows]

    def submissions(self) -> list[Submission]:
        rows = self._conn.execute(
            "SELECT id, at, bundle_id, final, by FROM submission ORDER BY id"
        ).fetchall()
        return [Submission(row[0], row[1], row[2], bool(row[3]), row[4]) for row in rows]

    def last_final_submission(self) -> Submission | None:
        finals = [s for s in self.submissions() if s.final]
        return finals[-1] if finals else None

    def changes_since_submission(self) -> list[ChangeLogEntry]:
        """Changes logged after the latest final submission (not those before it)."""
        last = self.last_final_submission()
        if last is None:
            return []
        log = self.change_log()
        marker = _submission_note(last.bundle_id, final=True)
        start = max((e.id for e in log if e.field == "export" and e.new == marker), default=0)
        return [e for e in log if e.after_submission and e.id > start and e.field != "export"]

    def summary(self) -> Summary:
        answers = self.answers().values()
        last = self._conn.execute(
            "SELECT at, who FROM change_log ORDER BY id DESC LIMIT 1"
        ).fetchone() or (self._meta("created_at"), self._meta("created_by"))
        return Summary(
            locality=self.locality,
            template_id=self.template.id,
            answered=sum(1 for a in answers if a.is_answered),
            total=len(self.template.questions),
            last_change_at=last[0],
            last_change_by=last[1],
            submissions=tuple(self.submissions()),
        )

    def evidence_state(self, link: EvidenceLink) -> EvidenceState:
        return evidence_state(link)

    # ----------------------------------------------------------------- editing
    def set_locality(self, locality: str) -> None:
        locality = normalise_line(locality)
        if not locality:
            raise AnswerError("The locality cannot be empty.")
        old = self.locality
        if old == locality:
            return
        with self._edit() as conn:
            conn.execute("UPDATE meta SET value = ? WHERE key = 'locality'", (locality,))
            self._log(conn, "", "locality", old, locality)

    def set_codes(self, ref: str, codes: Iterable[int]) -> None:
        question = self._question(ref)
        chosen = tuple(sorted(set(codes)))
        unknown = [c for c in chosen if c not in question.code_values()]
        if unknown:
            raise AnswerError(
                f"{ref}: code {', '.join(map(str, unknown))} is not in this question's list "
                f"({question.code_list_text()})."
            )
        if len(chosen) > 1 and not question.multiple:
            raise AnswerError(f"{ref}: only one status code can be chosen for this question.")
        self._set_answer_field(ref, "codes", json.dumps(chosen), question.coded_as_text)

    def set_narrative(self, ref: str, text: str) -> None:
        self._set_text(ref, "narrative", text)

    def set_good_practice_note(self, ref: str, text: str) -> None:
        self._set_text(ref, "good_practice_note", text)

    def set_support_required(self, ref: str, text: str) -> None:
        self._set_text(ref, "support_required", text)

    def set_good_practice(self, ref: str, flag: bool) -> None:
        self._question(ref)
        self._set_answer_field(ref, "good_practice", int(bool(flag)), None)

    def set_answer(self, answer: Answer) -> None:
        """Set every field of one answer (used by import), logging each field that changes."""
        self.set_codes(answer.ref, answer.codes)
        self.set_narrative(answer.ref, answer.narrative)
        self.set_good_practice(answer.ref, answer.good_practice)
        self.set_good_practice_note(answer.ref, answer.good_practice_note)
        self.set_support_required(answer.ref, answer.support_required)

    def add_evidence(self, ref: str, file: Path, *, embed: bool = True) -> EvidenceLink:
        """Attach ``file`` to ``ref``: a copy is kept in the return, so the return carries its
        evidence when it is moved or emailed; ``embed=False`` only links to the file."""
        self._question(ref)
        file = Path(file)
        found = _read_evidence(ref, file, keep_copy=embed)
        with self._edit() as conn:
            cursor = conn.execute(
                "INSERT INTO evidence(ref, original_path, file_name, size, sha256, modified, "
                "added_by, added_at, content) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    ref,
                    str(file.absolute()),
                    file.name,
                    found.size,
                    found.sha256,
                    found.modified,
                    self.editor,
                    now_iso(),
                    found.content,
                ),
            )
            self._log(conn, ref, "evidence", "", file.name)
            evidence_id = cursor.lastrowid
        return self.evidence_link(int(evidence_id or 0))

    def keep_copy_of_evidence(self, evidence_id: int) -> EvidenceLink:
        """Store a copy of a linked file in the return (it must be unchanged since attached)."""
        link = self.evidence_link(evidence_id)
        if link.embedded:
            return link
        file = Path(link.original_path)
        try:
            content = file.read_bytes()
        except OSError as error:
            raise StorageError(f"{link.ref}: cannot read {file}: {reason(error)}.") from error
        if hashlib.sha256(content).hexdigest() != link.sha256:
            raise AnswerError(
                f"{link.ref}: {link.file_name} has changed since it was attached; relink it to "
                "the version you mean, then keep a copy."
            )
        with self._edit() as conn:
            conn.execute("UPDATE evidence SET content = ? WHERE id = ?", (content, evidence_id))
            self._log(conn, link.ref, "evidence", link.file_name, f"{link.file_name} (copy kept)")
        return self.evidence_link(evidence_id)

    def remove_evidence(self, evidence_id: int) -> None:
        link = self.evidence_link(evidence_id)
        with self._edit() as conn:
            conn.execute("DELETE FROM evidence WHERE id = ?", (evidence_id,))
            self._log(conn, link.ref, "evidence", link.file_name, "")

    def relink_evidence(self, evidence_id: int, file: Path) -> EvidenceLink:
        """Point a link at a moved or renamed file, taking its current size and checksum (and
        its content, when the return keeps a copy)."""
        link = self.evidence_link(evidence_id)
        file = Path(file)
        found = _read_evidence(link.ref, file, keep_copy=link.embedded)
        with self._edit() as conn:
            conn.execute(
                "UPDATE evidence SET original_path = ?, file_name = ?, size = ?, sha256 = ?, "
                "modified = ?, content = coalesce(?, content) WHERE id = ?",
                (
                    str(file.absolute()),
                    file.name,
                    found.size,
                    found.sha256,
                    found.modified,
                    found.content,
                    evidence_id,
                ),
            )
            self._log(conn, link.ref, "evidence", link.original_path, str(file.absolute()))
        return self.evidence_link(evidence_id)

    def set_completed_by(self, key: str, value: str) -> None:
        if key not in {f.key for f in self.template.completed_by_fields}:
            raise AnswerError(f"Unknown completed-by field {key!r}.")
        self._set_completion(f"completed_by.{key}", normalise_line(value))

    def set_sign_off(self, role: str, name: str | None = None, date: str | None = None) -> None:
        """Set a signatory's name and/or sign-off date (ISO yyyy-mm-dd, or "" to clear)."""
        if role not in {r.key for r in self.template.sign_off_roles}:
            raise AnswerError(f"Unknown sign-off role {role!r}.")
        if name is not None:
            self._set_completion(f"sign_off.{role}.name", normalise_line(name))
        if date is not None:
            date = date.strip()
            if date:
                try:
                    datetime.strptime(date, "%Y-%m-%d")
                except ValueError as error:
                    raise AnswerError(
                        f"Sign-off date {date!r} is not a date (yyyy-mm-dd)."
                    ) from error
            self._set_completion(f"sign_off.{role}.date", date)

    def record_submission(self, bundle_id: str, *, final: bool) -> Submission:
        with self._edit() as conn:
            conn.execute(
                "INSERT INTO submission(at, bundle_id, final, by) VALUES (?, ?, ?, ?)",
                (now_iso(), bundle_id, int(final), self.editor),
            )
            self._log(conn, "", "export", "", _submission_note(bundle_id, final=final))
        return self.submissions()[-1]

    @contextlib.contextmanager
    def batch(self) -> Iterator[None]:
        """Make several edits as one: all are recorded, or none (e.g. an import)."""
        with self._edit():
            yield

    # ----------------------------------------------------------------- saving
    def has_unpublished_changes(self) -> bool:
        if self._working is None or self._closed:
            return False
        return self._last_change() > self._working.published_change()

    def has_unpublished_changes_on_disk(self) -> bool:
        if self._working is None:
            return False
        return _last_change_id(self._working.db) > self._working.published_change()

    def publish(self) -> datetime:
        """Write the user's file from the working copy: whole, synced, atomically replaced.

        Safe to call from a background thread. Raises StorageError with a reason to show.
        """
        if self._working is None:
            raise ReadOnlyError(f"{self.path} is open read-only.")
        with self._publish_lock:
            if self._closed:
                raise ReadOnlyError(f"{self.path.name} has been closed.")
            lost_to = self._lock.lost_to() if self._lock is not None else None
            if lost_to is not None:
                raise StorageError(
                    f"Could not save {self.path.name}: editing was taken over by "
                    f"{lost_to.describe()}, and saving here would overwrite their work. Your "
                    "latest changes are kept safely on this computer."
                )
            temp = saving_temp_for(self.path)
            try:
                # mode=rw: never create an empty database if the working copy has gone.
                reader = connect(self._working.db.as_uri() + "?mode=rw", uri=True)
                try:
                    change = changelog.revision(reader)
                    with contextlib.suppress(FileNotFoundError):
                        temp.unlink()
                    reader.execute("VACUUM INTO ?", (str(temp),))
                finally:
                    reader.close()
                fsync_file(temp)
                replace_with_retries(temp, self.path)
                fsync_dir(self.path.parent)
            except (OSError, sqlite3.Error) as error:
                with contextlib.suppress(OSError):
                    temp.unlink()
                log.warning("saving %s failed: %s", self.path, error)
                raise StorageError(f"Could not save {self.path.name}: {reason(error)}") from error
            log.debug("saved %s at revision %d", self.path, change)
            self._working.write_info(published_change=change)
            self._maybe_backup()
            return datetime.now()

    def _maybe_backup(self) -> None:
        if datetime.now().timestamp() - self._last_backup >= BACKUP_INTERVAL_SECONDS:
            self._backup_now()

    def _backup_now(self) -> None:
        """Keep a copy of the user's file as it is now; the last ten are kept per return."""
        if self._working is None or not self.path.exists():
            return
        if keep_backup(self.path, self._backups_folder()) is not None:
            self._last_backup = datetime.now().timestamp()

    def backups(self) -> list[Path]:
        return [] if self._working is None else list_backups(self._backups_folder())

    def _backups_folder(self) -> Path:
        assert self._working is not None
        return paths.backups_dir() / self._working.db.stem

    # ----------------------------------------------------------------- internals
    def _question(self, ref: str) -> Question:
        try:
            return self.template.question(ref)
        except KeyError as error:
            raise AnswerError(f"There is no question {ref} in this stocktake.") from error

    def _set_text(self, ref: str, field: str, text: str) -> None:
        self._question(ref)
        self._set_answer_field(ref, field, normalise_text(text), None)

    def _set_answer_field(
        self, ref: str, field: str, value: object, describe: DescribeCodes | None
    ) -> None:
        row = self._conn.execute(f"SELECT {field} FROM answer WHERE ref = ?", (ref,)).fetchone()
        old = row[0] if row else None
        if old == value:
            return
        with self._edit() as conn:
            conn.execute("INSERT OR IGNORE INTO answer(ref) VALUES (?)", (ref,))
            conn.execute(f"UPDATE answer SET {field} = ? WHERE ref = ?", (value, ref))
            self._log(
                conn, ref, field, _describe(field, old, describe), _describe(field, value, describe)
            )

    def _set_completion(self, key: str, value: str) -> None:
        old = self.completion().get(key, "")
        if old == value:
            return
        with self._edit() as conn:
            conn.execute(
                "INSERT INTO completion(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, value),
            )
            self._log(conn, "", key, old, value)

    @contextlib.contextmanager
    def _edit(self) -> Iterator[sqlite3.Connection]:
        if self._working is None:
            raise ReadOnlyError(f"{self.path.name} is open read-only; changes cannot be made.")
        if self._closed:
            raise ReadOnlyError(f"{self.path.name} has been closed.")
        if self._conn.in_transaction:  # part of a batch(): the batch commits
            yield self._conn
            return
        try:
            with _transaction(self._conn) as conn:
                yield conn
        except sqlite3.Error as error:
            raise StorageError(f"Could not record the change: {reason(error)}") from error

    def _log(self, conn: sqlite3.Connection, ref: str, field: str, old: str, new: str) -> None:
        after = field != "export" and bool(
            conn.execute("SELECT count(*) FROM submission WHERE final = 1").fetchone()[0]
        )
        changelog.record(
            conn, who=self.editor, ref=ref, field=field, old=old, new=new, after_submission=after
        )

    def _last_change(self) -> int:
        return changelog.revision(self._conn)


# --------------------------------------------------------------------- helpers
def _connect(db: Path) -> sqlite3.Connection:
    conn = connect(db, check_same_thread=False)
    conn.execute("PRAGMA journal_mode = WAL")
    conn.execute("PRAGMA synchronous = NORMAL")
    conn.execute("PRAGMA foreign_keys = ON")
    return conn


@contextlib.contextmanager
def _transaction(conn: sqlite3.Connection) -> Iterator[sqlite3.Connection]:
    conn.execute("BEGIN IMMEDIATE")
    try:
        yield conn
    except BaseException:
        conn.execute("ROLLBACK")
        raise
    conn.execute("COMMIT")


def _last_change_id(db: Path) -> int:
    conn = connect(db)
    try:
        return changelog.revision(conn)
    finally:
        conn.close()


@dataclass(frozen=True, slots=True)
class _EvidenceFile:
    size: int
    sha256: str
    modified: str
    content: bytes | None


def _read_evidence(ref: str, file: Path, *, keep_copy: bool) -> _EvidenceFile:
    """Size, checksum and time of an attachable file, and its bytes when a copy is kept."""
    from stocktake_desktop.document.evidence import check_attachable

    check_attachable(file, ref)  # never a folder, device, pipe or /proc file
    try:
        stat = file.stat()
        content = file.read_bytes() if keep_copy else None
        digest = hashlib.sha256(content).hexdigest() if content is not None else sha256_file(file)
    except OSError as error:
        raise StorageError(
            f"{ref}: cannot read the evidence file {file}: {reason(error)}."
        ) from error
    return _EvidenceFile(stat.st_size, digest, iso_from_timestamp(stat.st_mtime), content)


def _answer_from_row(row: tuple) -> Answer:  # type: ignore[type-arg]
    return Answer(
        ref=row[0],
        codes=tuple(json.loads(row[1])),
        narrative=row[2],
        good_practice=bool(row[3]),
        good_practice_note=row[4],
        support_required=row[5],
    )


def _evidence_from_row(row: tuple) -> EvidenceLink:  # type: ignore[type-arg]
    return EvidenceLink(
        id=row[0],
        ref=row[1],
        original_path=row[2],
        file_name=row[3],
        size=row[4],
        sha256=row[5],
        modified=row[6],
        added_by=row[7],
        added_at=row[8],
        embedded=bool(row[9]),
    )


def _submission_note(bundle_id: str, *, final: bool) -> str:
    """The change-log entry of an export; also how later changes are found."""
    return f"{'final' if final else 'draft'} bundle {bundle_id}"


def _describe(field: str, value: object, describe: DescribeCodes | None) -> str:
    if value is None:
        return ""
    if field == "codes":
        return describe(json.loads(str(value))) if describe else str(value)
    if field == "good_practice":
        return "Yes" if value else "No"
    return str(value)


def _stamp() -> str:
    return datetime.now().strftime("%Y%m%d-%H%M%S-%f")
