"""What the driven app's user does: the soak's plan and the kill harness's typing.

Pure data, with no Qt: the parent and the child (``tests/ui/app_driver.py``) make the same plan
from the same seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

SAMPLE = (
    "the board agreed a joint plan for people with learning disabilities and autism, "
    "reviewed every placement out of area, and asked commissioners to report progress "
    "to the health and wellbeing board each quarter; the clinical commissioning group "
    "and the council share a register, case managers visit families, advocates attend "
    "reviews, and the pooled budget funds local support so that nobody stays in hospital "
    "longer than they need to. safeguarding leads audit care plans, providers publish "
    "their outcomes, and we learnt from Winterbourne View that families must be heard"
)
WORDS = tuple(SAMPLE.split())
SOAK_REFS = ("1.1", "2.1", "4.5", "6.9", "8.1")
FIND_WORD = "Lighthouse"  # typed once (narrative 4.5), so find has one certain match


@dataclass(frozen=True, slots=True)
class Step:
    """One thing the user does. ``expect`` is the narrative being edited afterwards."""

    kind: str  # goto, type, zoom-in, zoom-out, paste, undo, tabs, find, export, quit
    arg: str = ""
    expect: str | None = None


@dataclass(frozen=True, slots=True)
class SoakPlan:
    steps: tuple[Step, ...]
    expected: dict[str, str]  # the narrative of each ref once the session is over
    keystrokes: int  # typed: characters, Enter and Backspace (pastes and shortcuts apart)


def apply_keys(text: str, keys: str) -> str:
    """``text`` after typing ``keys`` at its end: ``\\n`` is Enter, ``\\b`` is Backspace."""
    out = list(text)
    for key in keys:
        if key == "\b":
            if out:
                out.pop()
        else:
            out.append(key)
    return "".join(out)


def _keys(rng: random.Random, count: int, extra: str = "") -> str:
    """About ``count`` keystrokes of sentences and paragraphs, with typing slips put right."""
    keys: list[str] = []
    line = 0
    while len(keys) < count:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 16))]
        sentence = " ".join(words)
        sentence = sentence[0].upper() + sentence[1:].rstrip(",;") + ". "
        for char in sentence:
            if char.isalpha() and rng.random() < 0.01:  # a slip, put right with Backspace
                keys += [rng.choice("qxzj"), "\b"]
            keys.append(char)
        line += len(sentence)
        if line > rng.randint(300, 500):
            keys[-1] = "\n"  # the sentence's last space becomes a new paragraph
            line = 0
    if extra:
        keys += list(extra)
    return "".join(keys)


def soak_plan(total_keystrokes: int = 20_000, seed: int = 2013) -> SoakPlan:
    """A long session: five narratives typed in two halves each, zooming in twice after the
    first half and out twice after the second (ten of each), a paste that is undone and one
    that stays, every tab visited, a find, an export, and quitting."""
    rng = random.Random(seed)
    per_half = total_keystrokes // (2 * len(SOAK_REFS)) + 1
    steps: list[Step] = []
    texts: dict[str, str] = {}
    keystrokes = 0

    def type_keys(ref: str, keys: str) -> None:
        nonlocal keystrokes
        texts[ref] = apply_keys(texts.get(ref, ""), keys)
        keystrokes += len(keys)
        steps.append(Step("type", keys, texts[ref]))

    for number, ref in enumerate(SOAK_REFS):
        steps.append(Step("goto", ref, texts.get(ref, "")))
        type_keys(ref, _keys(rng, per_half))
        steps += [Step("zoom-in"), Step("zoom-in")]
        if number == 1:
            pasted = "Pasted by mistake: the wrong paragraph from another return."
            steps.append(Step("paste", pasted, texts[ref] + pasted))
            steps.append(Step("undo", "", texts[ref]))  # takes back the paste, nothing else
            kept = "Pasted from the minutes:\nthe board signed off the plan on 4 June.\n"
            texts[ref] += kept
            steps.append(Step("paste", kept, texts[ref]))
        extra = f" {FIND_WORD} project. " if number == 2 else ""
        type_keys(ref, _keys(rng, per_half, extra))
        steps += [Step("zoom-out"), Step("zoom-out")]
        if number == 2:
            steps.append(Step("tabs"))
        if number == 3:
            steps.append(Step("find", FIND_WORD))
    steps += [Step("export"), Step("quit")]
    return SoakPlan(tuple(steps), dict(texts), keystrokes)


def typist_text(length: int = 2000) -> str:
    """What the kill harness's typist types: words and spaces, the same every time."""
    rng = random.Random(120)
    words: list[str] = []
    while sum(len(w) + 1 for w in words) < length:
        words.append(rng.choice(WORDS).strip(",;."))
    return " ".join(words)[:length]
