"""The hand-off email: an RFC 6068 mailto link under 2,000 characters, and opening it."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

import pytest

from stocktake_desktop.export import mailto
from stocktake_desktop.export.mailto import (
    MAX_LENGTH,
    encode,
    handoff_body,
    handoff_url,
    mailto_url,
    open_email,
    open_folder,
)

INBOX = "Sarah.Brown@local.gov.uk"
SUBJECT = "Winterbourne View stocktake return – Brighton & Hove"
BUNDLE_ID = "a" * 64


def decode(url: str) -> tuple[str, dict[str, str]]:
    parts = urlsplit(url)
    assert parts.scheme == "mailto"
    fields = {key: values[0] for key, values in parse_qs(parts.query, strict_parsing=True).items()}
    return unquote(parts.path), fields


def test_encoding_of_ampersands_plus_signs_line_breaks_and_non_ascii() -> None:
    assert encode("a & b") == "a%20%26%20b"
    assert encode("C++ + 1") == "C%2B%2B%20%2B%201"
    assert encode("one\ntwo\r\nthree\rfour") == "one%0D%0Atwo%0D%0Athree%0D%0Afour"
    assert encode("–") == "%E2%80%93"
    assert encode("Łódź") == "%C5%81%C3%B3d%C5%BA"
    assert encode("a=b?c#d%e/f") == "a%3Db%3Fc%23d%25e%2Ff"
    assert encode("safe-._~") == "safe-._~"


def test_mailto_round_trips() -> None:
    body = "Line 1 & more\nLine 2: 5+5=10\n– Łódź"
    url = mailto_url(INBOX, SUBJECT, body)
    assert url.startswith("mailto:Sarah.Brown@local.gov.uk?subject=Winterbourne%20View")
    assert "%E2%80%93%20Brighton%20%26%20Hove" in url
    assert all(ord(ch) < 128 for ch in url) and " " not in url and "\n" not in url
    assert "+" not in url  # a literal plus sign would read as a space in some clients
    to, fields = decode(url)
    assert to == INBOX
    assert fields == {"subject": SUBJECT, "body": body.replace("\n", "\r\n")}


def test_handoff_body_lists_the_bundle_id_and_files() -> None:
    files = ["WV.xlsx", "WV.pdf", "evidence/1.1 Minutes & notes.pdf", "manifest.json"]
    body = handoff_body("Leicestershire", "WV.zip", BUNDLE_ID, files, final=True)
    assert "final return for Leicestershire: WV.zip" in body
    assert f"Bundle id: {BUNDLE_ID}" in body
    assert "- evidence/1.1 Minutes & notes.pdf" in body
    draft = handoff_body("Leicestershire", "WV.zip", BUNDLE_ID, files, final=False)
    assert "draft return (not the final submission)" in draft


def test_long_file_lists_are_cut_with_and_n_more() -> None:
    files = [f"evidence/{n}.{n} Ωμέγα report number {n} & appendix.pdf" for n in range(200)]
    url = handoff_url(INBOX, SUBJECT, "Brighton & Hove", "WV.zip", BUNDLE_ID, files, final=True)
    assert len(url) < MAX_LENGTH
    _to, fields = decode(url)
    body = fields["body"]
    listed = [line for line in body.splitlines() if line.startswith("- evidence/")]
    assert 0 < len(listed) < 200
    assert f"- and {200 - len(listed)} more (listed in manifest.json)" in body
    assert f"Bundle id: {BUNDLE_ID}" in body
    # With one more file the link would have been too long: the list is as long as it can be.
    longer = handoff_body(
        "Brighton & Hove", "WV.zip", BUNDLE_ID, files, final=True, shown=len(listed) + 1
    )
    assert len(mailto_url(INBOX, SUBJECT, longer)) >= MAX_LENGTH


def test_a_short_list_is_not_cut() -> None:
    files = ["a.xlsx", "a.pdf", "manifest.json", "bundle-id.txt"]
    url = handoff_url(INBOX, SUBJECT, "X", "a.zip", BUNDLE_ID, files, final=True)
    assert "more" not in decode(url)[1]["body"]


def test_open_email_attaches_with_xdg_email_on_linux(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    launched: list[list[str]] = []
    monkeypatch.setattr(mailto.sys, "platform", "linux")
    monkeypatch.setattr(mailto.shutil, "which", lambda name: f"/usr/bin/{name}")
    zip_path = tmp_path / "bundle.zip"
    assert open_email("mailto:x@y.z", zip_path, launched.append) == "xdg-email --attach"
    assert launched == [["xdg-email", "--utf8", "--attach", str(zip_path), "mailto:x@y.z"]]
    assert open_folder(tmp_path, launched.append) == "xdg-open"
    assert launched[-1] == ["xdg-open", str(tmp_path)]


def test_open_email_without_xdg_email(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    launched: list[list[str]] = []
    opened: list[str] = []
    monkeypatch.setattr(mailto.sys, "platform", "linux")
    monkeypatch.setattr(mailto.shutil, "which", lambda name: None)
    monkeypatch.setattr(mailto.webbrowser, "open", opened.append)
    assert open_email("mailto:x@y.z", tmp_path / "b.zip", launched.append) == "webbrowser"
    assert opened == ["mailto:x@y.z"] and launched == []
    monkeypatch.setattr(mailto.sys, "platform", "darwin")
    assert open_email("mailto:x@y.z", tmp_path / "b.zip", launched.append) == "open"
    assert launched == [["open", "mailto:x@y.z"]]


def test_the_subject_comes_from_the_stocktake_and_a_draft_says_so() -> None:
    from stocktake_desktop.export.mailto import subject_line

    pattern = "Winterbourne View stocktake return – {locality}"
    assert subject_line(pattern, "Brighton & Hove", final=True) == SUBJECT
    assert subject_line(pattern, "Brighton & Hove", final=False) == (
        f"{SUBJECT} (DRAFT, not the final submission)"
    )


def test_open_file_uses_the_system_handler(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    launched: list[list[str]] = []
    draft = tmp_path / "bundle.eml"
    monkeypatch.setattr(mailto.sys, "platform", "darwin")
    assert mailto.open_file(draft, launched.append) == "open"
    monkeypatch.setattr(mailto.sys, "platform", "linux")
    monkeypatch.setattr(mailto.shutil, "which", lambda name: f"/usr/bin/{name}")
    assert mailto.open_file(draft, launched.append) == "xdg-open"
    assert launched == [["open", str(draft)], ["xdg-open", str(draft)]]
