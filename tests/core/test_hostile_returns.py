"""A return is untrusted input: hostile and damaged variants of a real return are refused with
one clear sentence, never run, never modified, and leave no lock or working copy behind."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import main
from stocktake_desktop import paths
from stocktake_desktop.document import ReturnDocument, ReturnError
from stocktake_desktop.document.schema import FORMAT_VERSION, create_schema
from stocktake_desktop.template import default_template
from tests.core.test_export_support import build_seed_return

ROOT = Path(__file__).resolve().parents[2]
Mutation = Callable[[Path], None]


# --------------------------------------------------------------------- the real return
@pytest.fixture(scope="module")
def real_return(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """The complete seed return with embedded evidence and a draft export recorded."""
    base = tmp_path_factory.mktemp("real")
    evidence = base / "minutes.pdf"
    evidence.write_bytes(b"%PDF-1.4 minutes of the partnership board")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("STOCKTAKE_DATA_DIR", str(base / "appdata"))
        path = build_seed_return(base / "leics.stocktake")
        with ReturnDocument.open(path, "Alice") as document:
            document.add_evidence("1.1", evidence, embed=True)
            document.record_submission("draft-0001", final=False)
    yield path


def tables_of(path: Path) -> list[str]:
    conn = sqlite3.connect(path)
    try:
        rows = conn.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"
        ).fetchall()
    finally:
        conn.close()
    return sorted(row[0] for row in rows)


# --------------------------------------------------------------------- ways to change a file
def run_sql(*statements: str) -> Mutation:
    def mutate(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()

    return mutate


def rewrite_definition(name: str, old: str, new: str) -> Mutation:
    """Change an object's stored definition directly (as a hex editor could)."""

    def mutate(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (name,)).fetchone()
            assert old in sql[0]
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute(
                "UPDATE sqlite_master SET sql = ? WHERE name = ?", (sql[0].replace(old, new), name)
            )
        finally:
            conn.close()

    return mutate


def with_null(table: str, column: str, where: str) -> Mutation:
    """A NULL in a NOT NULL column: constraint lifted, NULL written, constraint put back."""

    def mutate(path: Path) -> None:
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            sql = conn.execute("SELECT sql FROM sqlite_master WHERE name = ?", (table,)).fetchone()
            original = sql[0]
            lifted = original.replace(f"{column} TEXT NOT NULL", f"{column} TEXT")
            assert lifted != original
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (lifted, table))
        finally:
            conn.close()
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            conn.execute(f"UPDATE {table} SET {column} = NULL WHERE {where}")
            conn.execute("PRAGMA writable_schema = ON")
            conn.execute("UPDATE sqlite_master SET sql = ? WHERE name = ?", (original, table))
        finally:
            conn.close()

    return mutate


def cut_to(fraction: float) -> Mutation:
    def mutate(path: Path) -> None:
        data = path.read_bytes()
        path.write_bytes(data[: int(len(data) * fraction)])

    return mutate


def overwrite(offset: int, data: bytes) -> Mutation:
    def mutate(path: Path) -> None:
        with path.open("r+b") as handle:
            handle.seek(offset)
            handle.write(data)

    return mutate


def replace_whole(data: bytes) -> Mutation:
    def mutate(path: Path) -> None:
        path.write_bytes(data)

    return mutate


def old_format(*statements: str) -> Mutation:
    """A format-1 return (as the first release wrote it), then changed by ``statements``."""

    def mutate(path: Path) -> None:
        path.unlink()
        template = default_template()
        conn = sqlite3.connect(path, isolation_level=None)
        try:
            create_schema(conn, 1)
            conn.executemany(
                "INSERT INTO meta(key, value) VALUES (?, ?)",
                [
                    ("template_id", template.id),
                    ("template_hash", template.content_hash),
                    ("locality", "Rutland"),
                    ("created_at", "2013-06-01T10:00:00+01:00"),
                    ("created_by", "Alice"),
                    ("app_version", "0.1"),
                ],
            )
            conn.executemany(
                "INSERT INTO answer(ref) VALUES (?)", [(q.ref,) for q in template.questions]
            )
            for statement in statements:
                conn.execute(statement)
        finally:
            conn.close()

    return mutate


FORGE = "INSERT OR REPLACE INTO completion(key, value) VALUES ('sign_off.chair_hwb.name', 'Forged')"
BAD_UTF8 = "CAST(x'C328' AS TEXT)"
LOG_ROW = (
    "INSERT INTO change_log(at, who, ref, field, old, new) "
    "VALUES ({at}, {who}, '1.1', 'narrative', {old}, '')"
)
NOW = "'2026-11-22T10:00:00+00:00'"


def log_row(at: str = NOW, who: str = "'Mallory'", old: str = "''") -> str:
    return LOG_ROW.format(at=at, who=who, old=old)


STRUCTURE: dict[str, Mutation] = {
    "trigger forging the chair's sign-off": run_sql(
        f"CREATE TRIGGER forge AFTER UPDATE ON answer BEGIN {FORGE}; END"
    ),
    "trigger hiding change-log entries": run_sql(
        "CREATE TRIGGER hide BEFORE INSERT ON change_log BEGIN SELECT RAISE(IGNORE); END"
    ),
    "trigger on completion": run_sql(
        f"CREATE TRIGGER again AFTER INSERT ON completion BEGIN {FORGE}; END"
    ),
    "trigger on evidence": run_sql(
        "CREATE TRIGGER gone AFTER DELETE ON evidence BEGIN DELETE FROM answer; END"
    ),
    "trigger on meta": run_sql(
        "CREATE TRIGGER rename AFTER UPDATE ON meta BEGIN UPDATE answer SET narrative = ''; END"
    ),
    "extra view": run_sql("CREATE VIEW everything AS SELECT * FROM answer"),
    "view calling a function": run_sql("CREATE VIEW noise AS SELECT randomblob(16) AS x"),
    "extra table": run_sql("CREATE TABLE notes (x TEXT)"),
    "extra index": run_sql("CREATE INDEX by_narrative ON answer(narrative)"),
    "expression index": run_sql("CREATE INDEX lowered ON answer(lower(narrative))"),
    "statistics table": run_sql("ANALYZE"),
    "dropped index": run_sql("DROP INDEX evidence_ref"),
    "dropped update trigger": run_sql("DROP TRIGGER change_log_no_update"),
    "dropped delete trigger": run_sql("DROP TRIGGER change_log_no_delete"),
    "append-only trigger emptied": run_sql(
        "DROP TRIGGER change_log_no_delete",
        "CREATE TRIGGER change_log_no_delete BEFORE DELETE ON change_log BEGIN SELECT 1; END",
    ),
    "added column": run_sql("ALTER TABLE answer ADD COLUMN extra TEXT"),
    "renamed column": run_sql("ALTER TABLE answer RENAME COLUMN support_required TO support"),
    "renamed table": run_sql("ALTER TABLE submission RENAME TO sent"),
    "NOT NULL lifted": rewrite_definition("answer", "narrative TEXT NOT NULL", "narrative TEXT"),
    "default changed": rewrite_definition("answer", "DEFAULT '[]'", "DEFAULT '[3]'"),
    "comment added": rewrite_definition("meta", "WITHOUT ROWID", "WITHOUT ROWID -- note"),
    "format 1 with a planted trigger": old_format(
        f"CREATE TRIGGER forge AFTER UPDATE ON answer BEGIN {FORGE}; END"
    ),
    "format 1 with a later table": old_format(
        "CREATE TABLE submission (id INTEGER PRIMARY KEY, at TEXT NOT NULL, "
        "bundle_id TEXT NOT NULL, final INTEGER NOT NULL, by TEXT NOT NULL)"
    ),
}

HEADER_AND_BYTES: dict[str, Mutation] = {
    "another application id": run_sql("PRAGMA application_id = 1"),
    "format 0": run_sql("PRAGMA user_version = 0"),
    "negative format": run_sql("PRAGMA user_version = -1"),
    "newer format": run_sql(f"PRAGMA user_version = {FORMAT_VERSION + 7}"),
    "cut in half": cut_to(0.5),
    "cut to the header": cut_to(0.003),
    "header magic damaged": overwrite(0, b"SQLite format 4"),
    "page size damaged": overwrite(16, b"\x00\x03"),
    "empty": replace_whole(b""),
    "text": replace_whole(b"Winterbourne View stocktake notes\n"),
    "zeros": replace_whole(bytes(8192)),
}

VALUES: dict[str, Mutation] = {
    "codes not JSON": run_sql("UPDATE answer SET codes = '[1,' WHERE ref = '1.1'"),
    "codes an object": run_sql("""UPDATE answer SET codes = '{"a": 1}' WHERE ref = '1.1'"""),
    "codes as strings": run_sql("""UPDATE answer SET codes = '["1"]' WHERE ref = '1.1'"""),
    "codes as booleans": run_sql("UPDATE answer SET codes = '[true]' WHERE ref = '1.1'"),
    "codes as decimals": run_sql("UPDATE answer SET codes = '[1.0]' WHERE ref = '1.1'"),
    "code outside the list": run_sql("UPDATE answer SET codes = '[99]' WHERE ref = '1.1'"),
    "code of 40 digits": run_sql(f"UPDATE answer SET codes = '[{'9' * 40}]' WHERE ref = '1.1'"),
    "codes nested deeply": run_sql(
        f"UPDATE answer SET codes = '{'[' * 100_000}{']' * 100_000}' WHERE ref = '1.1'"
    ),
    "codes as binary": run_sql("UPDATE answer SET codes = x'5b5d' WHERE ref = '1.1'"),
    "narrative not UTF-8": run_sql(f"UPDATE answer SET narrative = {BAD_UTF8} WHERE ref = '2.1'"),
    "narrative as binary": run_sql("UPDATE answer SET narrative = x'00ff' WHERE ref = '2.1'"),
    "narrative NULL": with_null("answer", "narrative", "ref = '2.1'"),
    "note NULL": with_null("answer", "good_practice_note", "ref = '1.1'"),
    "good practice as text": run_sql("UPDATE answer SET good_practice = 'yes' WHERE ref = '1.1'"),
    "good practice as decimal": run_sql("UPDATE answer SET good_practice = 0.5 WHERE ref = '1.1'"),
    "locality not UTF-8": run_sql(f"UPDATE meta SET value = {BAD_UTF8} WHERE key = 'locality'"),
    "locality as binary": run_sql("UPDATE meta SET value = x'41' WHERE key = 'locality'"),
    "locality NULL": with_null("meta", "value", "key = 'locality'"),
    "locality missing": run_sql("DELETE FROM meta WHERE key = 'locality'"),
    "edition missing": run_sql("DELETE FROM meta WHERE key = 'template_id'"),
    "edition fingerprint missing": run_sql("DELETE FROM meta WHERE key = 'template_hash'"),
    "creation time not a time": run_sql(
        "UPDATE meta SET value = 'last June' WHERE key = 'created_at'"
    ),
    "evidence size as text": run_sql("UPDATE evidence SET size = 'big'"),
    "evidence content as text": run_sql("UPDATE evidence SET content = 'not bytes'"),
    "evidence path as binary": run_sql("UPDATE evidence SET original_path = x'2f'"),
    "evidence question not UTF-8": run_sql(f"UPDATE evidence SET ref = {BAD_UTF8}"),
    "evidence time not a time": run_sql("UPDATE evidence SET added_at = 'soon'"),
    "sign-off date not a date": run_sql(
        "UPDATE completion SET value = 'next Tuesday' WHERE key = 'sign_off.chair_hwb.date'"
    ),
    "sign-off date impossible": run_sql(
        "UPDATE completion SET value = '2026-02-30' WHERE key = 'sign_off.chair_hwb.date'"
    ),
    "sign-off name as binary": run_sql(
        "UPDATE completion SET value = x'00' WHERE key = 'sign_off.chair_hwb.name'"
    ),
    "completion key not UTF-8": run_sql(
        f"INSERT INTO completion(key, value) VALUES ({BAD_UTF8}, 'x')"
    ),
    "contributor changes as text": run_sql("UPDATE contributor SET changes = 'many'"),
    "contributor seen not a time": run_sql("UPDATE contributor SET first_seen = 'yesterday'"),
    "log author not UTF-8": run_sql(log_row(who=BAD_UTF8)),
    "log time not a time": run_sql(log_row(at="'yesterday'")),
    "log time without its offset": run_sql(log_row(at="'2026-11-22T10:00:00'")),
    "log time out of range": run_sql(log_row(at="'0001-01-01T00:00:00+14:00'")),
    "log value as binary": run_sql(log_row(old="x'ff'")),
    "log flag as text": run_sql(
        "INSERT INTO change_log(at, who, ref, field, old, new, after_submission) "
        f"VALUES ({NOW}, 'Mallory', '1.1', 'narrative', '', '', 'yes')"
    ),
    "submission flag as text": run_sql("UPDATE submission SET final = 'yes'"),
    "submission id as binary": run_sql("UPDATE submission SET bundle_id = x'01'"),
    "submission time not a time": run_sql("UPDATE submission SET at = 'Friday'"),
}


def dropped_tables(path: Path) -> dict[str, Mutation]:
    return {f"dropped table {table}": run_sql(f"DROP TABLE {table}") for table in tables_of(path)}


def all_variants(path: Path) -> dict[str, Mutation]:
    return STRUCTURE | HEADER_AND_BYTES | VALUES | dropped_tables(path)


# --------------------------------------------------------------------- assertions
def listing(folder: Path) -> list[str]:
    return sorted(str(p.relative_to(folder)) for p in folder.rglob("*"))


def assert_refused_cleanly(path: Path, *, read_only: bool) -> str:
    before = path.read_bytes()
    beside = listing(path.parent)
    try:
        document = ReturnDocument.open(path, "Bob", read_only=read_only, recover=False)
    except ReturnError as error:
        message = str(error)
    else:  # pragma: no cover - reported as a failure below
        document.close()
        pytest.fail(f"{path.name} opened (read_only={read_only})")
    assert message and "\n" not in message and message.endswith("."), message
    assert "Traceback" not in message
    assert path.read_bytes() == before
    assert listing(path.parent) == beside  # no lock, no temporary file
    assert not list(paths.working_dir().iterdir())  # no working copy, no read-only copy
    return message


@pytest.fixture
def variant_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "variants"
    folder.mkdir()
    return folder


def make_variant(real: Path, folder: Path, mutation: Mutation) -> Path:
    path = folder / "leics.stocktake"
    shutil.copyfile(real, path)
    mutation(path)
    return path


# --------------------------------------------------------------------- tests
def test_every_hostile_or_damaged_variant_is_refused_cleanly(
    real_return: Path, variant_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    variants = all_variants(real_return)
    assert len(variants) >= 50
    started = time.perf_counter()
    messages: dict[str, str] = {}
    for label, mutation in variants.items():
        folder = variant_folder / label.replace(" ", "-").replace("'", "")
        folder.mkdir()
        path = make_variant(real_return, folder, mutation)
        edit = assert_refused_cleanly(path, read_only=False)
        assert assert_refused_cleanly(path, read_only=True) == edit, label
        messages[label] = edit
        before = path.read_bytes()
        for command in (["info"], ["dump"], ["check"], ["export", "--out", str(folder / "out")]):
            code = main.main([command[0], str(path), *command[1:]])
            out, err = capsys.readouterr()
            assert code == 2, (label, command, out, err)
            assert err.count("\n") == 1 and err.startswith("error: "), (label, command, err)
            assert err.strip() == f"error: {edit}", (label, command)
        assert path.read_bytes() == before
    elapsed = time.perf_counter() - started
    with capsys.disabled():
        print(f"\n{len(variants)} hostile/damaged variants refused in {elapsed:.1f} s")
    assert "altered outside Stocktake Desktop" in messages["trigger forging the chair's sign-off"]
    assert "damaged" in messages["narrative not UTF-8"]


def test_a_planted_trigger_is_refused_and_never_runs(
    real_return: Path, variant_folder: Path, tmp_path: Path
) -> None:
    path = make_variant(
        real_return, variant_folder, STRUCTURE["trigger forging the chair's sign-off"]
    )
    # The planted trigger works: any program that updates an answer forges the sign-off.
    control = tmp_path / "control.stocktake"
    shutil.copyfile(path, control)
    run_sql("UPDATE answer SET narrative = 'x' WHERE ref = '1.1'")(control)
    conn = sqlite3.connect(control)
    forged = conn.execute(
        "SELECT value FROM completion WHERE key = 'sign_off.chair_hwb.name'"
    ).fetchone()
    conn.close()
    assert forged == ("Forged",)

    before = path.read_bytes()
    message = assert_refused_cleanly(path, read_only=False)
    assert message == (
        "leics.stocktake cannot be opened safely: it has been altered outside Stocktake Desktop "
        '(it has an extra trigger "forge" on "answer").'
    )
    answers = tmp_path / "answers.json"
    answers.write_text(
        json.dumps(
            {
                "format": "stocktake-answers",
                "version": 1,
                "answers": {"1.1": {"narrative": "Imported by Bob"}},
            }
        ),
        encoding="utf-8",
    )
    done = subprocess.run(
        [sys.executable, str(ROOT / "main.py"), "import", str(path), str(answers), "--as", "Bob"],
        capture_output=True,
        text=True,
        env={"STOCKTAKE_DATA_DIR": str(tmp_path / "child"), "PATH": ""},
        check=False,
    )
    assert done.returncode == 2
    assert done.stderr == f"error: {message}\n"
    assert path.read_bytes() == before


def test_a_damaged_file_gets_one_line_from_the_real_command_line(
    real_return: Path, variant_folder: Path, tmp_path: Path
) -> None:
    path = make_variant(real_return, variant_folder, VALUES["narrative not UTF-8"])
    for command in ("info", "dump", "check"):
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), command, str(path)],
            capture_output=True,
            text=True,
            env={"STOCKTAKE_DATA_DIR": str(tmp_path / "child"), "PATH": ""},
            check=False,
        )
        assert done.returncode == 2
        assert done.stdout == ""
        assert done.stderr == (
            "error: leics.stocktake is damaged, so it cannot be opened: in the answer to 2.1, "
            "the narrative field is not valid text (UTF-8).\n"
        )


def test_the_real_return_itself_opens(real_return: Path, variant_folder: Path) -> None:
    path = make_variant(real_return, variant_folder, lambda _path: None)
    with ReturnDocument.open(path, "Bob") as document:
        assert document.locality == "Leicestershire"
        assert document.evidence("1.1")[0].embedded
    with ReturnDocument.open(path, "Bob", read_only=True) as document:
        assert document.summary().answered == len(document.template.questions)


def test_every_connection_distrusts_the_schema(new_return: ReturnDocument) -> None:
    conn = new_return._conn  # the document's own connection
    assert conn.execute("PRAGMA trusted_schema").fetchone()[0] == 0
    assert conn.execute("PRAGMA cell_size_check").fetchone()[0] == 1
