"""Publishing the user's file from the working copy (whole, synced, atomically replaced), and
the rolling backups."""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from datetime import datetime
from pathlib import Path

from stocktake_desktop import paths
from stocktake_desktop.document import changelog
from stocktake_desktop.document.backups import keep_backup, list_backups, saving_temp_for
from stocktake_desktop.document.base import DocumentBase, _last_change_id
from stocktake_desktop.document.checks import reason
from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.errors import ReadOnlyError, StorageError
from stocktake_desktop.document.files import (
    fsync_dir,
    fsync_file,
    replace_with_retries,
)

log = logging.getLogger(__name__)

BACKUP_INTERVAL_SECONDS = 300


class Saving(DocumentBase):
    """Saving: ``publish`` writes the user's file; the autosaver calls it after changes."""

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
            self._ensure_backup_locked()  # the file as opened is kept before it is replaced
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
            self.back_up()

    def back_up(self) -> None:
        """Keep a copy of the user's file as it is now; the last ten are kept per return."""
        if self._working is None or not self.path.exists():
            return
        if keep_backup(self.path, self._backups_folder()) is not None:
            self._last_backup = datetime.now().timestamp()

    def ensure_backup(self) -> None:
        """Keep a copy of the user's file as it was opened, unless this session has one. Opening
        makes it, or, for the window, this once the window is on screen (``open`` with
        ``back_up=False``); every save makes sure of it first, so it is never missed."""
        if self._working is None:
            return
        with self._publish_lock:
            self._ensure_backup_locked()

    def _ensure_backup_locked(self) -> None:
        if self._last_backup == 0.0:
            self.back_up()

    def backups(self) -> list[Path]:
        return [] if self._working is None else list_backups(self._backups_folder())

    def _backups_folder(self) -> Path:
        assert self._working is not None
        return paths.backups_dir() / self._working.db.stem
