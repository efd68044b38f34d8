"""Measures shared by the evaluation commands: precision/recall/F1 and the speaker match rule."""

from __future__ import annotations

import re

_WORD = re.compile(r"\w[\w’'\-]*")


def prf(matched: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall and F1 from counts (1.0 where nothing was predicted or expected)."""
    p = matched / predicted if predicted else 1.0
    r = matched / gold if gold else 1.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def speaker_matches(speaker: str | None, gold: str | None) -> bool:
    """The speaker is right when the last word of ours is among the gold speaker's words
    (case-insensitive, a possessive "'s" dropped): "Trump" for "Mr. Trump" or "Trump's", "Xi" for
    "Xi Jinping", "Clyburn" for "Rep. Jim Clyburn (D-S.C.), head of …". The measure the issue's
    PolNeAR scoring uses."""
    ours = _WORD.findall(speaker or "")
    return bool(ours) and _bare(ours[-1]) in {_bare(w) for w in _WORD.findall(gold or "")}


def _bare(word: str) -> str:
    """A word without a possessive ending: the gold source "Trump's" (of "Trump's claim that …")
    names Trump."""
    word = word.casefold()
    return word[:-2] if word.endswith(("'s", "’s")) and len(word) > 2 else word
