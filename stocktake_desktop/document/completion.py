"""Completed by, the three sign-offs, and the submissions made from a return."""

from __future__ import annotations

from datetime import datetime

from stocktake_desktop.document.base import DocumentBase, now_iso
from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.models import (
    ChangeLogEntry,
    Submission,
)
from stocktake_desktop.text import normalise_line


class CompletionAndSubmissions(DocumentBase):
    """Who completed and signed off the return, and each export recorded in it."""

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


def _submission_note(bundle_id: str, *, final: bool) -> str:
    """The change-log entry of an export; also how later changes are found."""
    return f"{'final' if final else 'draft'} bundle {bundle_id}"
