"""Find speech verbs in text by looking words up in a set (faster than a regex alternation of the
hundreds of verb forms the lexicon holds, which the regex engine tries one by one at each letter).

A :class:`VerbSet` answers ``finditer`` / ``search`` / ``match`` like a compiled pattern whose
match has ``start()``, ``end()`` and ``group("cue")``, so callers read the same either way.
Forms of two words ("pointed out", "weighed in") are matched as a word and the one after it.
Only lower-case words count: "Said" opening a sentence is a name as often as a verb.
"""

from __future__ import annotations

import re
from typing import Iterable, Iterator, NamedTuple

_WORD = re.compile(r"[a-z][a-z'’\-]*")


class VerbMatch(NamedTuple):
    begin: int
    finish: int
    cue: str

    def start(self) -> int:
        return self.begin

    def end(self) -> int:
        return self.finish

    def group(self, _name: str = "cue") -> str:
        return self.cue


class VerbSet:
    """The verb forms of one list (a form of two words is a word and the one that must follow it)."""

    def __init__(self, forms: Iterable[str]):
        self.single: set[str] = set()
        self.second: dict[str, set[str]] = {}
        for form in forms:
            parts = form.split()
            if len(parts) == 1:
                self.single.add(form)
            elif len(parts) == 2:
                self.second.setdefault(parts[0], set()).add(parts[1])

    def _at(self, text: str, m: re.Match, hi: int) -> VerbMatch | None:
        word = m.group()
        if word in self.second:
            nxt = _WORD.match(text, m.end() + 1, hi) if text[m.end() : m.end() + 1] == " " else None
            if nxt and nxt.group() in self.second[word]:
                return VerbMatch(m.start(), nxt.end(), f"{word} {nxt.group()}")
        if word in self.single and (m.start() == 0 or not text[m.start() - 1].isalnum()):
            return VerbMatch(m.start(), m.end(), word)
        return None

    def finditer(self, text: str, lo: int = 0, hi: int | None = None) -> Iterator[VerbMatch]:
        hi = len(text) if hi is None else hi
        single, second = self.single, self.second
        for m in _WORD.finditer(text, lo, hi):
            word = m.group()
            if word not in single and word not in second:
                continue  # most words: no verb form starts with them (what _at would find)
            found = self._at(text, m, hi)
            if found is not None:
                yield found

    def search(self, text: str, lo: int = 0, hi: int | None = None) -> VerbMatch | None:
        return next(self.finditer(text, lo, hi), None)

    def match(self, text: str, pos: int, hi: int | None = None) -> VerbMatch | None:
        hi = len(text) if hi is None else hi
        m = _WORD.match(text, pos, hi)
        return self._at(text, m, hi) if m else None
