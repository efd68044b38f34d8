"""Tokenize a string into words with offsets and group capitalized words into chunks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from archive.normalize.entities import lexicon
from archive.normalize.entities.gazetteer import norm

# Dotted abbreviations (U.S., U.K.) | words with inner hyphens/apostrophes | numbers with letters.
_TOKEN = re.compile(r"(?:[A-Z]\.){2,}|[^\W\d_]\w*(?:[-'’]\w+)*|\d\w*")
_SENTENCE_END = ".!?:;…"
_SENTENCE_END_CHARS = frozenset(_SENTENCE_END)


@dataclass(slots=True)
class Token:
    """One word: offsets into its string, its text and shape flags."""

    start: int
    end: int
    text: str
    norm: str
    cap: bool
    upper: bool
    sentence_start: bool


@dataclass(slots=True)
class Chunk:
    """A run of capitalized tokens (plus the lower-case connectors between them)."""

    tokens: list[Token]
    index: int  # position of the first token in the string's token list


@lru_cache(maxsize=1 << 16)
def _shape(word: str) -> tuple[str, bool, bool]:
    """``(norm, cap, upper)`` of a word: pure, and news text repeats its words, so it is cached."""
    letters = [c for c in word if c.isalpha()]
    upper = len(letters) >= 2 and all(c.isupper() for c in letters)
    return norm(word), word[0].isupper(), upper


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with offsets; possessive 's is cut off ("Putin's" -> "Putin")."""
    out: list[Token] = []
    prev_end = 0
    prev: Token | None = None
    for m in _TOKEN.finditer(text):
        start, end = m.span()
        word = m.group()
        if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
            end -= 2
            word = word[:-2]
        word_norm, cap, upper = _shape(word)
        prev = Token(start, end, word, word_norm, cap, upper, _starts_sentence(text, prev_end, start, prev))
        out.append(prev)
        prev_end = end
    return out


def _starts_sentence(text: str, prev_end: int, start: int, prev: Token | None) -> bool:
    if prev is None:
        return True
    gap = text[prev_end:start]
    if gap == " " or _SENTENCE_END_CHARS.isdisjoint(gap):
        return False
    if gap.lstrip().startswith(".") and (len(prev.text) == 1 or (prev.norm,) in lexicon.TITLES):
        return False  # "Mr. Smith", "George W. Bush"
    return True


def chunks(text: str, tokens: list[Token]) -> list[Chunk]:
    """Maximal runs of capitalized tokens separated by single spaces (or connectors between them)."""
    out: list[Chunk] = []
    i, n = 0, len(tokens)
    while i < n:
        if not tokens[i].cap:
            i += 1
            continue
        run = [tokens[i]]
        j = i + 1
        while j < n:
            gap = text[run[-1].end:tokens[j].start]
            tok = tokens[j]
            if tok.cap and _joins(gap, run[-1]):
                run.append(tok)
                j += 1
                continue
            # a lower-case connector between two capitalized words: "Bank of America", "bin", "van der"
            if (not tok.cap and gap == " " and tok.norm in _CONNECTORS and j + 1 < n
                    and tokens[j + 1].cap and text[tok.end:tokens[j + 1].start] == " "):
                run.append(tok)
                j += 1
                continue
            break
        while run and not run[-1].cap:
            run.pop()
        out.append(Chunk(run, i))
        i = j
    return out


_CONNECTORS = lexicon.NAME_PARTICLES | lexicon.ORG_CONNECTORS


def _joins(gap: str, prev: Token) -> bool:
    if gap in (" ", "\u00a0"):
        return True
    # an initial or a dotted title inside a name: "Wicky V. Olindo", "Mr. Smith"
    return gap in (". ", ".\u00a0") and (len(prev.text) == 1 and prev.cap or (prev.norm,) in lexicon.TITLES)

