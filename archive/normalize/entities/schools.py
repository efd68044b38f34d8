"""School names in Indonesian text: "SMA Negeri 6 Jakarta" is one organization, not the place Jakarta.

A school is named by its kind ("SMA", "SMPN", "Madrasah Aliyah"), an optional status ("Negeri",
"Swasta", "Islam Terpadu"), an optional number and its own name or town, in that order
(lexicon/data/id/school_heads.txt). The rules would read only the town in it, as a place; this pass
puts the whole name in its place. Schools are organizations in the archive's type convention.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Sequence

from archive.normalize import lexicon as shared_lexicon
from archive.normalize.entities import lexicon
from archive.normalize.entities.items import Item
from archive.normalize.entities.tokens import Token

MAX_NAME_WORDS = 4  # words of the school's own name or town after the kind, status and number
_NUMBER = re.compile(r"^(\d{1,3}|[IVX]{1,5})$")
# Capitalized words that end a school's name rather than continue it ("SMA Negeri 1 Dan …"); "Negara"
# and "Kota" may be part of one.
_NOT_IN_NAME = lexicon.STOPWORDS - {"negara", "kota"}


@lru_cache(maxsize=1)
def _lists() -> tuple[frozenset[tuple[str, ...]], frozenset[tuple[str, ...]]]:
    kinds, qualifiers = set(), set()
    for word, tag in shared_lexicon.tagged("id", "school_heads").items():
        (kinds if tag == "school" else qualifiers).add(tuple(word.split()))
    return frozenset(kinds), frozenset(qualifiers)


@lru_cache(maxsize=1)
def first_words() -> frozenset[str]:
    """Words a school name can open with: a cheap test before looking further."""
    return frozenset(kind[0] for kind in _lists()[0])


def _phrase(tokens: Sequence[Token], i: int, phrases: frozenset[tuple[str, ...]], text: str) -> int:
    """Width of the longest phrase of ``phrases`` at ``i``, its words capitalized and one space apart."""
    for n in range(min(4, len(tokens) - i), 0, -1):
        words = tokens[i:i + n]
        if tuple(t.norm for t in words) in phrases and all(t.cap for t in words) and \
                all(_spaced(text, tokens, k) for k in range(i + 1, i + n)):
            return n
    return 0


def _spaced(text: str, tokens: Sequence[Token], k: int) -> bool:
    """Token ``k`` exists and follows the one before it after a single space."""
    return k < len(tokens) and text[tokens[k - 1].end:tokens[k].start] == " "


def school_at(text: str, tokens: Sequence[Token], i: int) -> int:
    """Width in tokens of a school name opening at ``i`` (0 if none)."""
    kinds, qualifiers = _lists()
    width = _phrase(tokens, i, kinds, text)
    if not width:
        return 0
    head = tokens[i]
    if width == 1 and head.text == head.text.capitalize():
        return 0  # an abbreviation is written in capitals ("SMA", "MTs"); "Man" and "Ma" are words
    j = i + width
    if _spaced(text, tokens, j):
        j += _phrase(tokens, j, qualifiers, text)
    if _spaced(text, tokens, j) and _NUMBER.match(tokens[j].text):
        j += 1
    named = 0
    while named < MAX_NAME_WORDS and _spaced(text, tokens, j) and tokens[j].cap \
            and tokens[j].norm not in _NOT_IN_NAME and tokens[j].norm not in first_words():
        j += 1
        named += 1
    return j - i if j > i + width else 0


def with_schools(text: str, tokens: Sequence[Token], items: list[Item]) -> list[Item]:
    """The items of a string with each school name as one organization, replacing the spans inside it."""
    words = first_words()
    found: list[Item] = []
    k = 0
    while k < len(tokens):
        width = school_at(text, tokens, k) if tokens[k].norm in words else 0
        if width:
            first, last = tokens[k], tokens[k + width - 1]
            found.append(Item("org", first.start, last.end, text[first.start:last.end],
                              sentence_start=first.sentence_start, size=width))
            k += width
        else:
            k += 1
    if not found:
        return items
    kept = [it for it in items if not any(f.start < it.end and it.start < f.end for f in found)]
    return sorted(kept + found, key=lambda it: it.start)
