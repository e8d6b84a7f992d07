"""Sign-off that stays honest: a sign-off made before later changes to the answers has
lapsed until the signatory confirms it again (a new date, today).

The moment of signing is the change-log entry that last set the role's name or date (so a date
typed in long after the meeting it records still counts from when it was typed); an answer
changed after it and not changed back makes the sign-off lapse.
"""

from __future__ import annotations

from datetime import date

from stocktake_desktop.document.base import ANSWER_FIELDS
from stocktake_desktop.document.completion import CompletionAndSubmissions
from stocktake_desktop.document.errors import AnswerError
from stocktake_desktop.document.history import AnswerHistory
from stocktake_desktop.document.models import AnswerChange, FieldChange, SignOffLapse


class SignOffLapses(AnswerHistory, CompletionAndSubmissions):
    """Which sign-offs have lapsed, and confirming one again."""

    def lapsed_sign_offs(self) -> list[SignOffLapse]:
        """Each signed role whose sign-off came before answers that have changed since."""
        found = []
        sign_off = self.sign_off()
        for role in self.template.sign_off_roles:
            name, signed_on = sign_off[role.key]
            if not name:
                continue
            signed_at = self._signed_entry(role.key)
            if signed_at is None:
                continue
            changes = _answer_fields_only(self.changes_after_entry(signed_at))
            if changes:
                found.append(SignOffLapse(role.key, role.label, name, signed_on, changes))
        return found

    def confirm_sign_off(self, role: str) -> str:
        """The signatory confirms the return as it is now: the sign-off date becomes today
        (recorded even when it already was today). Returns the new date, ISO."""
        if role not in {r.key for r in self.template.sign_off_roles}:
            raise AnswerError(f"Unknown sign-off role {role!r}.")
        if not self.sign_off()[role][0]:
            raise AnswerError("A sign-off can only be confirmed once the signatory is named.")
        key = f"sign_off.{role}.date"
        today = date.today().isoformat()
        old = self.completion().get(key, "")
        with self._edit() as conn:
            conn.execute(
                "INSERT INTO completion(key, value) VALUES (?, ?) "
                "ON CONFLICT(key) DO UPDATE SET value = excluded.value",
                (key, today),
            )
            self._log(conn, "", key, old, today)
        return today

    def _signed_entry(self, role: str) -> int | None:
        row = self._conn.execute(
            "SELECT max(id) FROM change_log WHERE ref = '' AND field IN (?, ?)",
            (f"sign_off.{role}.name", f"sign_off.{role}.date"),
        ).fetchone()
        return int(row[0]) if row[0] is not None else None


def _answer_fields_only(changes: list[AnswerChange]) -> tuple[AnswerChange, ...]:
    """The changes to answers themselves (not to their agreement status)."""
    kept = []
    for change in changes:
        fields: tuple[FieldChange, ...] = tuple(
            f for f in change.fields if f.field in ANSWER_FIELDS
        )
        if fields:
            kept.append(AnswerChange(change.ref, fields))
    return tuple(kept)
