"""Is a received manifest.json exactly the documented shape? Are a bundle's names safe?

Used by ``verify``, which reads bundles from anyone: every field's type is checked, every path
must be a plain relative name inside the bundle, and each problem is one short line.
"""

from __future__ import annotations

import json
import re
import unicodedata
from datetime import datetime
from typing import Any

from stocktake_desktop.export.manifest import BUNDLE_ID_NAME, FORMAT, MANIFEST_NAME
from stocktake_desktop.interchange_read import one_line, shown

MAX_FILE_BYTES = 4 * 1024**3  # one file of a bundle; evidence is emailed, so far smaller
MAX_NAME_BYTES = 1024
MAX_LISTED = 10
HEX64 = re.compile(r"[0-9a-f]{64}")
_WINDOWS_ILLEGAL = set('<>:"|?*')

_ENTRY: dict[str, Any] = {"path": str, "size": int, "sha256": str, "role": str, "ref?": str}
_SHAPE: dict[str, Any] = {
    "format": str,
    "app": {"name": str, "version": str},
    "stocktake": {"id": str, "name": str, "content_hash": str},
    "locality": str,
    "exported_at": str,
    "exported_by": str,
    "kind": str,
    "ready": bool,
    "return_fingerprint": str,
    "files": [_ENTRY],
    "sent_separately": [_ENTRY],
    "evidence_missing_at_export": [{"ref": str, "name": str}],
}
_NOUNS = {
    str: "text",
    int: "a whole number",
    bool: "true or false",
    list: "a list",
    dict: "an object",
}


def name_problem(name: str) -> str:
    """Why ``name`` (a "/"-separated path inside a bundle) is unsafe, or "" when it is fine."""
    if not name:
        return "is empty"
    if any(unicodedata.category(ch) == "Cc" for ch in name):
        return "contains a control character"
    if "\\" in name:
        return "contains a backslash"
    if name.startswith("/") or re.match(r"[A-Za-z]:", name):
        return "is an absolute path"
    parts = name.split("/")
    if ".." in parts:
        return "climbs out of its folder (..)"
    if "" in parts or "." in parts:
        return "has an empty or '.' part"
    bad = sorted(_WINDOWS_ILLEGAL.intersection(name))
    if bad:
        return f"has a character Windows cannot use ({''.join(bad)})"
    if len(name.encode("utf-8", "surrogatepass")) > MAX_NAME_BYTES:
        return "is too long"
    return ""


def parse_manifest(raw: bytes) -> tuple[dict[str, Any] | None, list[str]]:
    """The manifest and [] when ``raw`` is a manifest of the documented shape; else problems."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None, [f"{MANIFEST_NAME} is not UTF-8 text"]
    try:
        data = json.loads(text, parse_constant=_refuse_constant, object_pairs_hook=_no_duplicates)
    except RecursionError:
        return None, [f"{MANIFEST_NAME} nests lists or objects too deeply"]
    except ValueError as error:  # JSONDecodeError, a duplicate key, NaN, a huge number
        return None, [f"{MANIFEST_NAME} is not valid JSON ({one_line(str(error), 120)})"]
    problems: list[str] = []
    _check(data, _SHAPE, "", problems)
    if not problems:
        _check_values(data, problems)
    if problems:
        listed = problems[:MAX_LISTED] + (
            [f"and {len(problems) - MAX_LISTED} more"] if len(problems) > MAX_LISTED else []
        )
        return None, [f"{MANIFEST_NAME} is not the documented shape: {'; '.join(listed)}"]
    return data, []


def _refuse_constant(name: str) -> None:
    raise ValueError(f"{name} is not a JSON number")


def _no_duplicates(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    result: dict[str, Any] = {}
    for key, value in pairs:
        if key in result:
            raise ValueError(f"the key {shown(key)} is given twice")
        result[key] = value
    return result


def _check(value: Any, shape: Any, where: str, problems: list[str]) -> None:
    if isinstance(shape, dict):
        if not isinstance(value, dict):
            problems.append(f"{where or 'the manifest'}: should be an object, not {shown(value)}")
            return
        fields = {key.rstrip("?"): key.endswith("?") for key in shape}
        for key in value:
            if key not in fields:
                problems.append(f"{_join(where, key)}: unknown field")
        for key, optional in fields.items():
            if key in value:
                _check(
                    value[key], shape[key + "?" if optional else key], _join(where, key), problems
                )
            elif not optional:
                problems.append(f"{_join(where, key)}: missing")
    elif isinstance(shape, list):
        if not isinstance(value, list):
            problems.append(f"{where}: should be a list, not {shown(value)}")
            return
        for index, item in enumerate(value):
            _check(item, shape[0], f"{where}[{index}]", problems)
    elif type(value) is not shape:  # exactly: true is not a number, 12.0 is not a size
        problems.append(f"{where}: should be {_NOUNS[shape]}, not {shown(value)}")


def _join(where: str, key: str) -> str:
    plain = key.isascii() and key.replace("_", "").isalnum() and len(key) <= 40
    name = key if plain else shown(key)
    return f"{where}.{name}" if where else name


def _check_values(data: dict[str, Any], problems: list[str]) -> None:
    def bad(where: str, value: Any, what: str) -> None:
        problems.append(f"{where}: {shown(value)} is not {what}")

    if data["format"] != FORMAT:
        bad("format", data["format"], f'"{FORMAT}"')
    if data["kind"] not in ("final", "draft"):
        bad("kind", data["kind"], '"final" or "draft"')
    fingerprint = data["return_fingerprint"]
    if not (fingerprint.startswith("sha256:") and HEX64.fullmatch(fingerprint[7:])):
        bad("return_fingerprint", fingerprint, "sha256: and 64 hexadecimal digits")
    try:
        datetime.fromisoformat(data["exported_at"])
    except ValueError:
        bad("exported_at", data["exported_at"], "a date and time")
    seen: set[str] = set()
    for group in ("files", "sent_separately"):
        for index, entry in enumerate(data[group]):
            where = f"{group}[{index}]"
            path = entry["path"]
            problem = name_problem(path)
            if problem:
                problems.append(f"{where}.path: {shown(path)} {problem}")
            elif path in (MANIFEST_NAME, BUNDLE_ID_NAME):
                bad(f"{where}.path", path, "a file the manifest can list")
            elif path.casefold() in seen:
                problems.append(f"{where}.path: {shown(path)} is listed twice")
            seen.add(path.casefold())
            if not 0 <= entry["size"] <= MAX_FILE_BYTES:
                bad(f"{where}.size", entry["size"], "a size from 0 to 4 GB")
            if not HEX64.fullmatch(entry["sha256"]):
                bad(f"{where}.sha256", entry["sha256"], "64 lowercase hexadecimal digits")
            roles = ("evidence",) if group == "sent_separately" else ("workbook", "pdf", "evidence")
            if entry["role"] not in roles:
                bad(f"{where}.role", entry["role"], " or ".join(f'"{r}"' for r in roles))
