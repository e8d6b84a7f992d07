"""Checking that a file is a return this version can read.

The user's file is only ever read: ``copy_return`` makes a private byte-for-byte copy (with any
journal another program left beside it), and ``inspect_return`` checks (and, for an older
format, upgrades) that copy: its header, ``quick_check``, its exact structure (so that nothing
planted in it can run), every value's type and text, and what the app parses.
"""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
from pathlib import Path

from stocktake_desktop.document import journals, schema
from stocktake_desktop.document.connections import connect
from stocktake_desktop.document.content_check import (
    check_meaning,
    check_required_meta,
    check_values,
)
from stocktake_desktop.document.errors import NotAReturnError
from stocktake_desktop.document.schema_check import check_structure
from stocktake_desktop.template import Template, TemplateError, find_template

_SQLITE_HEADER = b"SQLite format 3\x00"


def check_readable(path: Path) -> None:
    """Fail with one clear message when ``path`` cannot be a return; never modifies it."""
    try:
        if not path.exists():
            raise NotAReturnError(f"{path} does not exist.")
        if path.is_dir():
            raise NotAReturnError(f"{path} is a folder, not a return file.")
        if not path.is_file():
            raise NotAReturnError(f"{path} is not a file (it may be a device or a pipe).")
        with path.open("rb") as handle:
            header = handle.read(len(_SQLITE_HEADER))
    except PermissionError as error:
        raise NotAReturnError(f"{path} cannot be read: permission denied.") from error
    except OSError as error:
        raise NotAReturnError(f"{path} cannot be read: {reason(error)}.") from error
    if not header:
        raise NotAReturnError(f"{path.name} is empty, so it is not a Stocktake return.")
    if header != _SQLITE_HEADER:
        raise NotAReturnError(
            f"{path.name} is not a Stocktake return (it is not in the return file format)."
        )


def inspect_return(db: Path, shown_as: Path) -> Template:
    """Check a private copy of a return; migrate it if it is older. Returns its template."""
    name = shown_as.name
    check_readable(db)
    try:
        conn = connect(db)
    except sqlite3.Error as error:
        raise NotAReturnError(f"{name} cannot be opened: {reason(error)}.") from error
    try:
        try:
            app_id = conn.execute("PRAGMA application_id").fetchone()[0]
            version = conn.execute("PRAGMA user_version").fetchone()[0]
            if app_id != schema.APPLICATION_ID:
                raise NotAReturnError(f"{name} is a database, but not a Stocktake return.")
            if version > schema.FORMAT_VERSION:
                raise NotAReturnError(
                    f"{name} was saved by a newer version of Stocktake Desktop (file format "
                    f"{version}; this version reads up to {schema.FORMAT_VERSION}). Please update."
                )
            if version < 1:
                raise NotAReturnError(f"{name} is not a complete Stocktake return.")
            check = conn.execute("PRAGMA quick_check").fetchone()[0]
            if check != "ok":
                raise sqlite3.DatabaseError(check)
            check_structure(conn, version, name)
            check_values(conn, name)
            meta = check_required_meta(conn, name)
        except sqlite3.DatabaseError as error:
            raise _damaged(name, error) from error
        template_id = meta["template_id"]
        try:
            template = find_template(template_id)
        except (KeyError, TemplateError) as error:
            raise NotAReturnError(
                f"{name} was made for the stocktake edition {template_id[:60]!r}, which this "
                "version of Stocktake Desktop does not have."
            ) from error
        if meta.get("template_hash") != template.content_hash:
            raise NotAReturnError(
                f"{name} was made for a different version of {template.display_name} "
                f"(its questions do not match this app's copy), so it cannot be opened safely."
            )
        try:
            check_meaning(conn, name, template)
        except sqlite3.DatabaseError as error:
            raise _damaged(name, error) from error
        if version < schema.FORMAT_VERSION:
            try:
                schema.migrate(conn, version)
            except sqlite3.Error as error:
                raise NotAReturnError(f"{name} could not be upgraded: {reason(error)}.") from error
        return template
    finally:
        conn.close()


def _damaged(name: str, error: sqlite3.DatabaseError) -> NotAReturnError:
    return NotAReturnError(
        f"{name} is damaged or incomplete (it may have been cut short while copying): "
        f"{reason(error)}."
    )


def copy_return(source: Path, target: Path) -> None:
    """Copy the user's file byte for byte into a private file; the original is only read."""
    check_readable(source)
    remove_db(target)
    try:
        shutil.copyfile(source, target)
        if journals.copy_journals(source, target):
            journals.settle(target, source)
    except OSError as error:
        remove_db(target)
        raise NotAReturnError(f"{source} cannot be read: {reason(error)}.") from error
    except BaseException:
        remove_db(target)
        raise


def remove_db(db: Path) -> None:
    for suffix in ("", "-wal", "-shm", "-journal"):
        with contextlib.suppress(FileNotFoundError):
            Path(str(db) + suffix).unlink()


def reason(error: BaseException) -> str:
    """A short human reason from an OS or SQLite error."""
    if isinstance(error, OSError) and error.strerror:
        return error.strerror.rstrip(".")
    text = str(error) or type(error).__name__
    if "disk is full" in text or "No space" in text:
        return "the disk is full"
    return text.rstrip(".")
