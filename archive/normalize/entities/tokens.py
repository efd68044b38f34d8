"""Tokenize a string into words with offsets and group capitalized words into chunks."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from archive.normalize.entities import lexicon
from archive.normalize.entities.gazetteer import norm

# Dotted abbreviations (U.S., U.K.) | words with inner hyphens/apostrophes | numbers with letters.
# Each match also captures the gap before the word (no character of a gap can start a word), so
# offsets follow from lengths and the gap needs no slicing. The empty word at the end of the text
# takes the trailing gap in one match (else every position of it would be scanned to the end again).
_TOKEN = re.compile(r"([\W_]*)((?:[A-Z]\.){2,}|[^\W\d_]\w*(?:[-'’]\w+)*|\d\w*|\Z)")
_SENTENCE_END = ".!?:;…"
_SENTENCE_END_CHARS = frozenset(_SENTENCE_END)


class Token(NamedTuple):
    """One word: offsets into its string, its text and shape flags (a tuple, built without a Python
    ``__init__``: one is made for every word of every paragraph, see :func:`tokenize`)."""

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


@lru_cache(maxsize=1 << 14)
def _shape(match: str) -> tuple[str, str, bool, bool, int]:
    """``(word, norm, cap, upper, cut)`` of a regex match: pure, and news text repeats its words, so
    it is cached. A possessive 's is cut off ("Putin's" -> "Putin"); ``cut`` is how many characters."""
    word, cut = match, 0
    if len(word) > 2 and word[-2] in "'’" and word[-1] in "sS":
        word, cut = word[:-2], 2
    letters = [c for c in word if c.isalpha()]
    upper = len(letters) >= 2 and all(c.isupper() for c in letters)
    return word, norm(word), word[0].isupper(), upper, cut


def tokenize(text: str) -> list[Token]:
    """Words of ``text`` with offsets; possessive 's is cut off ("Putin's" -> "Putin").

    The text is split at whitespace first: a piece of letters and digits only is one word, whole
    (most are), and only the other pieces go through ``_TOKEN`` (a word never spans whitespace,
    and a gap is any run of non-word characters, so a piece reads the same alone as in the text).
    """
    out: list[Token] = []
    append = out.append
    shape, new, no_end, find = _shape, tuple.__new__, _SENTENCE_END_CHARS.isdisjoint, text.find  # locals: hot loop
    pos = cut = end = 0  # end of the last word's match (and the possessive cut from it); end of the last piece
    word = word_norm = ""
    spaces_only = False  # text[pos:start] is whitespace only: it ends no sentence
    for piece in text.split():
        at = find(piece, end)
        end = at + len(piece)
        if piece.isalnum():  # one word, the whole piece
            if not out:
                sentence_start = True
            elif spaces_only:
                sentence_start = False
            else:
                gap = text[pos:at]
                sentence_start = not no_end(gap) and (cut > 0 or _ends_sentence(gap, word, word_norm))
            pos = end
            word, word_norm, cap, upper, cut = shape(piece)
            append(new(Token, (at, end - cut, word, word_norm, cap, upper, sentence_start)))
            spaces_only = True
            continue
        start = at
        for inner, match in _TOKEN.findall(piece):
            if not match:
                break  # the end of the piece
            start += len(inner)
            if out:
                gap = text[pos:start]
                # after a cut possessive 's the gap starts with it, so it is no abbreviation's dot
                sentence_start = not no_end(gap) and (cut > 0 or _ends_sentence(gap, word, word_norm))
            else:
                sentence_start = True
            pos = start + len(match)
            word, word_norm, cap, upper, cut = shape(match)
            append(new(Token, (start, pos - cut, word, word_norm, cap, upper, sentence_start)))
            start = pos
        spaces_only = False
    return out


def _ends_sentence(gap: str, word: str, word_norm: str) -> bool:
    """A gap holding sentence punctuation ends the sentence, unless it is the dot of an abbreviation."""
    if gap.lstrip().startswith(".") and (len(word) == 1 or (word_norm,) in lexicon.TITLES):
        return False  # "Mr. Smith", "George W. Bush"
    return True


def chunks(text: str, tokens: list[Token]) -> list[Chunk]:
    """Maximal runs of capitalized tokens separated by single spaces (or connectors between them)."""
    out: list[Chunk] = []
    n = len(tokens)
    j = 0  # tokens before j are taken by the last chunk
    for i in [k for k, tok in enumerate(tokens) if tok.cap]:
        if i < j:
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
    return out


_CONNECTORS = lexicon.NAME_PARTICLES | lexicon.ORG_CONNECTORS


def _joins(gap: str, prev: Token) -> bool:
    if gap in (" ", "\u00a0"):
        return True
    # an initial or a dotted title inside a name: "Wicky V. Olindo", "Mr. Smith"
    return gap in (". ", ".\u00a0") and (len(prev.text) == 1 and prev.cap or (prev.norm,) in lexicon.TITLES)

