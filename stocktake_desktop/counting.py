"""Counts in words, singular or plural as the number needs: "1 item", "2 items"."""

from __future__ import annotations


def how_many(count: int, one: str, many: str = "") -> str:
    """``count`` and its noun: "1 item", "2 items", "0 items"; ``many`` for an irregular
    plural ("1 person", "3 people")."""
    return f"{count} {one if count == 1 else (many or one + 's')}"
