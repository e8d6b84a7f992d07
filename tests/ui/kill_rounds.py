"""The kill harness: typing apps killed at random moments, and what each kill lost.

Shared by ``tests/ui/test_kill_while_typing.py`` and ``bench/bench_kill.py``; the typing app is
``tests/ui/app_driver.py`` in its ``type`` mode.
"""

from __future__ import annotations

import contextlib
import os
import random
import signal
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

from tests.ui.driver_children import (
    REPO,
    child_command,
    child_env,
    crash_signs,
    narratives_of,
    working_narratives,
)
from tests.ui.driver_plans import typist_text


@dataclass(frozen=True, slots=True)
class KillRound:
    """One kill: how much of what was typed the working copy and the user's file kept."""

    worker: int
    round: int
    ref: str
    typed: int  # characters typed before the kill
    working_chars: int  # of them, in the working copy
    file_chars: int  # of them, in the user's file
    working_loss_s: float  # seconds of typing lost from the working copy
    file_loss_s: float  # and from the user's file
    recovered: bool  # the app offered (and took back) unsaved work when this round started
    needless_offer: bool  # ... though the user's file already held all of it
    longest_gap_s: float  # the longest wait between two keystrokes (the app too busy to type)
    problems: tuple[str, ...] = ()

    @property
    def working_loss(self) -> int:
        return self.typed - self.working_chars

    @property
    def file_loss(self) -> int:
        return self.typed - self.file_chars


@dataclass
class _Typing:
    """A typing child, and what it has printed so far (read as it goes, on its own thread)."""

    child: subprocess.Popen[str]
    lines: list[str] = field(default_factory=list)
    times: list[float] = field(default_factory=list)  # when each character was typed
    started: threading.Event = field(default_factory=threading.Event)  # the first key typed
    ended: threading.Event = field(default_factory=threading.Event)  # its output closed
    news: threading.Event = field(default_factory=threading.Event)  # either of them
    working: Path | None = None

    def read(self) -> None:
        assert self.child.stdout is not None
        try:
            for line in self.child.stdout:
                line = line.rstrip("\n")
                self.lines.append(line)
                word, _, rest = line.partition(" ")
                if word == "working":
                    self.working = Path(rest)
                elif word == "typed":
                    self.times.append(float(rest.split()[1]))
                    self.started.set()
                    self.news.set()
        finally:
            self.ended.set()
            self.news.set()

    @property
    def recovered(self) -> bool:
        return "recovering" in self.lines

    def longest_gap(self) -> float:
        return max((b - a for a, b in zip(self.times, self.times[1:], strict=False)), default=0)

    def loss(self, saved: str, killed_at: float) -> tuple[int, float]:
        """(characters typed, seconds of typing lost) when ``saved`` is what was kept."""
        typed = max(len(self.times), len(saved))  # the last one may not have been printed
        if len(saved) >= len(self.times):
            return typed, 0.0
        return typed, killed_at - self.times[len(saved)]


def _kill(child: subprocess.Popen[str]) -> None:
    with contextlib.suppress(ProcessLookupError):
        if hasattr(signal, "SIGKILL"):
            os.kill(child.pid, signal.SIGKILL)
        else:  # Windows: TerminateProcess, just as sudden
            child.kill()
    child.wait()


_MEASURING = threading.Lock()  # one read-only open at a time: they share the data folder


@dataclass
class _Worker:
    """Types into one return, round after round, killing the app at a random moment."""

    number: int
    folder: Path
    rng: random.Random
    refs: list[str]
    min_s: float
    max_s: float
    interval_ms: int
    results: list[KillRound] = field(default_factory=list)
    error: BaseException | None = None

    @property
    def path(self) -> Path:
        return self.folder / "typing.stocktake"

    def run(self, rounds: int) -> None:
        try:
            previous: tuple[str, str, str] | None = None  # ref, its working copy, its file
            for number in range(rounds):
                result, previous = self.one_round(number, previous)
                self.results.append(result)
        except BaseException as error:  # reported by run_kill_rounds
            self.error = error

    def one_round(
        self, number: int, previous: tuple[str, str, str] | None
    ) -> tuple[KillRound, tuple[str, str, str]]:
        ref = self.refs[number % len(self.refs)]
        logs = self.folder.parent / "logs" / f"worker-{self.number}-round-{number}"
        logs.parent.mkdir(parents=True, exist_ok=True)
        problems: list[str] = []
        with logs.with_suffix(".stderr").open("w", encoding="utf-8") as stderr:
            command = child_command("type", self.path, "Typist", "--ref", ref)
            child = subprocess.Popen(
                [*command, "--interval-ms", str(self.interval_ms)],
                cwd=REPO,
                env=child_env(self.folder.parent / f"appdata-{self.number}"),
                stdout=subprocess.PIPE,
                stderr=stderr,
                text=True,
                encoding="utf-8",
            )
            typing = _Typing(child)
            reader = threading.Thread(target=typing.read, daemon=True)
            reader.start()
            typing.news.wait(90)  # the first key, or the app's end (a slow start under load)
            if typing.started.is_set():
                kill_at = typing.times[0] + self.rng.uniform(self.min_s, self.max_s)
                typing.ended.wait(max(0.0, kill_at - time.monotonic()))  # unless it ends first
            else:
                problems.append("the app never started typing")
            if typing.ended.is_set():
                with contextlib.suppress(subprocess.TimeoutExpired):
                    child.wait(10)  # its output has closed: it is ending by itself
            if child.poll() is not None:
                problems.append(f"the app ended by itself, exit code {child.returncode}")
            killed_at = time.monotonic()
            _kill(child)
            reader.join(10)
        logs.with_suffix(".stdout").write_text("\n".join(typing.lines), encoding="utf-8")
        problems += crash_signs(logs.with_suffix(".stderr").read_text(encoding="utf-8"))

        with _MEASURING:
            in_file = narratives_of(self.path)
            working = typing.working
            if working is None or not working.exists():
                problems.append("no working copy was left behind")
                in_working = in_file
            else:
                in_working = working_narratives(working)
        text = typist_text()
        for name, saved in (("user's file", in_file[ref]), ("working copy", in_working[ref])):
            if not text.startswith(saved):
                problems.append(f"the {name} holds text that was not typed: {saved[-40:]!r}")
        if previous is not None and in_file[previous[0]] != previous[1]:
            problems.append(f"{previous[0]}: the work left by the last kill is not in the file")
        typed, working_loss = typing.loss(in_working[ref], killed_at)
        _, file_loss = typing.loss(in_file[ref], killed_at)
        result = KillRound(
            worker=self.number,
            round=number,
            ref=ref,
            typed=typed,
            working_chars=len(in_working[ref]),
            file_chars=len(in_file[ref]),
            working_loss_s=round(working_loss, 3),
            file_loss_s=round(file_loss, 3),
            recovered=typing.recovered,
            needless_offer=typing.recovered and previous is not None and previous[1] == previous[2],
            longest_gap_s=round(typing.longest_gap(), 3),
            problems=tuple(problems),
        )
        return result, (ref, in_working[ref], in_file[ref])


def run_kill_rounds(
    base: Path,
    *,
    workers: int = 3,
    rounds: int = 10,
    seed: int | None = None,
    min_s: float = 2.0,
    max_s: float = 6.0,
    interval_ms: int = 120,
) -> tuple[int, list[KillRound]]:
    """Kill a typing app ``workers * rounds`` times: each worker (in parallel) types into its
    own return, a fresh narrative each round, and is killed ``min_s``-``max_s`` seconds into
    the typing. Returns the seed (to replay a failure) and each round's figures."""
    from stocktake_desktop.document import ReturnDocument
    from stocktake_desktop.template import default_template

    seed = random.randrange(2**32) if seed is None else seed
    refs = [question.ref for question in default_template().questions]
    team = []
    for number in range(workers):
        folder = base / f"worker-{number}"
        folder.mkdir(parents=True, exist_ok=True)
        worker = _Worker(
            number,
            folder,
            random.Random(seed + number),
            refs[number::workers],
            min_s,
            max_s,
            interval_ms,
        )
        ReturnDocument.create(worker.path, "Leicestershire", "Setup").close()
        team.append(worker)
    threads = [threading.Thread(target=w.run, args=(rounds,)) for w in team]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    for worker in team:
        if worker.error is not None:
            raise RuntimeError(
                f"kill worker {worker.number} failed (seed {seed})"
            ) from worker.error
    return seed, [result for worker in team for result in worker.results]


def left_beside(base: Path) -> list[Path]:
    """Files the kills left beside the returns (temporaries, journals), the lock apart."""
    return [
        path
        for path in sorted(base.glob("worker-*/*"))
        if path.name not in ("typing.stocktake", "typing.stocktake.lock")
    ]


def summarise(results: list[KillRound]) -> dict[str, float]:
    """Maximum and median losses, in seconds of typing and in characters."""
    columns = {
        "working_s": [r.working_loss_s for r in results],
        "file_s": [r.file_loss_s for r in results],
        "working_chars": [float(r.working_loss) for r in results],
        "file_chars": [float(r.file_loss) for r in results],
        "gap_s": [r.longest_gap_s for r in results],
    }
    figures: dict[str, float] = {}
    for name, values in columns.items():
        figures[f"{name}_max"] = max(values)
        figures[f"{name}_median"] = statistics.median(values)
    return figures


def describe(results: list[KillRound]) -> str:
    """One line per kill, for the test's output and the bench."""
    lines = ["worker round ref   typed working file  lost working   lost file  recovered"]
    for r in results:
        lines.append(
            f"{r.worker:>6} {r.round:>5} {r.ref:<5} {r.typed:>5} {r.working_chars:>7} "
            f"{r.file_chars:>4}  {r.working_loss:>3} ({r.working_loss_s:5.2f} s) "
            f"{r.file_loss:>3} ({r.file_loss_s:5.2f} s)  {'yes' if r.recovered else 'no'}"
            + (" (needlessly)" if r.needless_offer else "")
        )
    return "\n".join(lines)
