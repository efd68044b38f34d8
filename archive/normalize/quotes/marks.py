"""Find quotation spans in one paragraph: which marks open, which close, and what they enclose.

Double marks (straight, curly, mixed, low-9, guillemets, doubled single marks) are paired first;
single marks (‘ ’ and straight ') are paired only outside double spans, so a quote nested in
another stays part of the outer text. An apostrophe between two letters (don't, Putin's,
Jum'at, Putin’s) never opens or closes anything.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# Doubled single marks (''/``) stand for a double mark in some scraped texts, so they come first.
# (Spelled as alternatives that each open with a literal, which the regex engine skips to fast.)
_DOUBLE = re.compile(r"''|``|\"|“|”|„|«|»")
_SINGLE = re.compile(r"[‘’'‹›]")
_ANY_MARK = re.compile(r"[\"“”„«»‘’'‹›`]")  # most paragraphs have none
# The open quote's text so far ends a sentence: its next opening mark restarts it.
_SENTENCE_DONE = re.compile(r"[.!?][\"”’')\]]?\s+$")
_DOUBLE_OPEN_ONLY = frozenset(("“", "„", "«", "``"))
_DOUBLE_CLOSE_ONLY = frozenset(("»",))
_SINGLE_OPENERS = frozenset("‘'‹")  # ’ is far more often an apostrophe, so it never opens
_SINGLE_CLOSERS = frozenset("’'›")
# A closing mark right after "s" and before a lower-case word is the plural possessive
# ("the teachers' union"), not the end of the quote, when a later closer exists.
_POSSESSIVE_TAIL = re.compile(r"\s+[a-z]")


@dataclass(frozen=True)
class Span:
    """One quotation: mark positions plus the trimmed text offsets inside the paragraph."""

    open: int  # index of the opening mark
    start: int  # first character of the quoted text
    end: int  # end of the quoted text (exclusive)
    close: int  # index just after the closing mark, or len(paragraph) when unclosed
    closed: bool
    single: bool
    continues: bool = False  # it goes on with the quote before it, left open ('"A. "B."')


def _trim(paragraph: str, lo: int, hi: int) -> tuple[int, int]:
    """Strip spaces and the comma that ends a quote before its attribution ("…," kata X)."""
    while lo < hi and paragraph[lo].isspace():
        lo += 1
    while hi > lo and (paragraph[hi - 1].isspace() or paragraph[hi - 1] == ","):
        hi -= 1
    return lo, hi


def _make(paragraph: str, open_: int, text_lo: int, text_hi: int, close: int, closed: bool, single: bool, continues: bool = False):
    start, end = _trim(paragraph, text_lo, text_hi)
    if end - start < (2 if single else 1):
        return None
    return Span(open_, start, end, close, closed, single, continues)


def _double_spans(paragraph: str) -> list[Span]:
    spans: list[Span] = []
    opened: tuple[int, int] | None = None  # (mark start, mark end) of the open quote
    continuing = False  # the open quote goes on with the span before it
    n = len(paragraph)
    for m in _DOUBLE.finditer(paragraph):
        a, b = m.span()
        mark = m.group()
        nxt = paragraph[b] if b < n else ""
        prv = paragraph[a - 1] if a else ""
        if opened is None:
            # An opening mark touches the text it opens; a lone closer outside a quote is stray.
            if mark not in _DOUBLE_CLOSE_ONLY and nxt and not nxt.isspace():
                opened = (a, b)
            elif mark in ("“", '"') and nxt == " " and (not prv or prv.isspace()) and _DOUBLE.search(paragraph, b + 1):
                opened = (a, b)  # a stray space after the opener ("“ I love what I’m doing.”")
            continue
        fresh = (not prv or prv.isspace()) and nxt and not nxt.isspace()
        if fresh and (mark in _DOUBLE_OPEN_ONLY or mark == '"') and _SENTENCE_DONE.search(paragraph, opened[1], a):
            # '"A. "B."': a new opening mark after a finished sentence, the quote never closed: it
            # runs on (news style for a quote of several sentences, flattened into one paragraph)
            span = _make(paragraph, opened[0], opened[1], a, a, False, False, continues=continuing)
            if span:
                spans.append(span)
            opened, continuing = (a, b), True
            continue
        if mark in _DOUBLE_OPEN_ONLY and fresh:
            opened = (a, b)  # a fresh opener: the previous quote was never closed, drop it
            continue
        span = _make(paragraph, opened[0], opened[1], a, b, True, False, continues=continuing)
        if span:
            spans.append(span)
        opened, continuing = None, False
    if opened is not None:
        span = _make(paragraph, opened[0], opened[1], n, n, False, False, continues=continuing)
        if span:
            spans.append(span)
    return spans


def _single_spans(paragraph: str, blocked: list[Span]) -> list[Span]:
    spans: list[Span] = []
    n = len(paragraph)
    marks = [
        m.start()
        for m in _SINGLE.finditer(paragraph)
        if not any(s.open <= m.start() < s.close for s in blocked)
    ]
    opened: int | None = None
    for idx, a in enumerate(marks):
        mark = paragraph[a]
        prv = paragraph[a - 1] if a else ""
        nxt = paragraph[a + 1] if a + 1 < n else ""
        if prv.isalnum() and nxt.isalnum():
            continue  # apostrophe inside a word
        if opened is None:
            if mark in _SINGLE_OPENERS and not prv.isalnum() and nxt.isalpha():
                opened = a
            continue
        if mark in _SINGLE_CLOSERS and prv and not prv.isspace() and not nxt.isalnum():
            later = any(paragraph[c] in _SINGLE_CLOSERS for c in marks[idx + 1 :])
            if prv in "sS" and later and _POSSESSIVE_TAIL.match(paragraph, a + 1):
                continue
            span = _make(paragraph, opened, opened + 1, a, a + 1, True, True)
            if span:
                spans.append(span)
            opened = None
    if opened is not None:
        span = _make(paragraph, opened, opened + 1, n, n, False, True)
        if span:
            spans.append(span)
    return spans


def find_spans(paragraph: str) -> list[Span]:
    """All quote spans of a paragraph in order; a span nested in another is dropped."""
    if not _ANY_MARK.search(paragraph):
        return []
    doubles = _double_spans(paragraph)
    singles = _single_spans(paragraph, doubles)
    if singles:
        doubles = [d for d in doubles if not any(s.open < d.open and d.close <= s.close for s in singles)]
        return sorted(doubles + singles, key=lambda s: s.open)
    return doubles


def opens_paragraph(paragraph: str, span: Span) -> bool:
    """True when only spaces come before the span's opening mark (a continued quote's restart)."""
    return not paragraph[: span.open].strip()
