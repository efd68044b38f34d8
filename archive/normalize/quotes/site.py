"""What an attribution rule sees: one quote in its paragraph (a :class:`Site`), what the rules
decided for each quote (:class:`Found`), and how a list of named rules is applied in order."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Callable, NamedTuple, Sequence

from .cues import Attribution, parse_head
from .marks import Span

_WORDS = re.compile(r"[^\W\d_][\w'’\-]*")
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from dan di ke dari yang untuk atau".split())
_EMPTY_TAIL = re.compile(r"[\s.,;:!?)\]]*")


class _lazy:
    """A property computed on first use and then kept (``functools.cached_property`` without its
    lock: a site lives in one thread, and the rules ask for the same facts many times)."""

    def __init__(self, func):
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __get__(self, obj, owner=None):
        if obj is None:
            return self
        value = obj.__dict__[self.name] = self.func(obj)
        return value


class _Nobody:
    """The answer of a rule that decides the quote has no speaker (a term, a title, a nickname)."""

    def __repr__(self) -> str:
        return "NOBODY"


NOBODY = _Nobody()


@dataclass
class Found:
    """What the rules decided for one quote: its attribution and the rule that gave it."""

    para: int
    span: Span
    attribution: Attribution | None = None
    rule: str | None = None
    whole: bool = False  # the quote is the entire paragraph
    chain: int | None = None  # index of the first piece of a quote continued over paragraphs


@dataclass
class Site:
    """One quote in its paragraph, with what the rules need to read around it."""

    paras: Sequence[str]
    para: int  # index of the paragraph
    before: int  # index of the previous paragraph with text, or -1
    span: Span
    index: int  # the span's position among the paragraph's spans
    lo: int  # where this quote's context starts: after the previous quote and its attribution
    limit: int  # where the next quote opens (or the paragraph ends)
    language: str | None
    continued: bool  # the quote restarts one left open at the end of the previous paragraph
    last: Found | None  # the previous quote of the same paragraph
    earlier: list[Found] = field(default_factory=list)  # all the paragraph's quotes before this one
    previous: Found | None = None  # the last quote given an attribution, in any paragraph before
    history: list[Found] = field(default_factory=list)  # every quote before this one, in order

    @property
    def text(self) -> str:
        return self.paras[self.para]

    @_lazy
    def quoted(self) -> str:
        return self.text[self.span.start : self.span.end]

    @_lazy
    def whole(self) -> bool:
        """The quote is all the paragraph holds (but for marks and final punctuation)."""
        return not self.text[: self.span.open].strip() and bool(_EMPTY_TAIL.fullmatch(self.text, self.span.close))

    @_lazy
    def term_like(self) -> bool:
        return term_like(self.quoted)

    @_lazy
    def sentence_like(self) -> bool:
        return len(_WORDS.findall(self.quoted)) >= 3 and not self.term_like

    @_lazy
    def head(self) -> Attribution | None:
        """The attribution before the quote in its sentence (colon, according to, reported speech)."""
        return parse_head(self.text, self.lo, self.span.open, self.language)


class Rule(NamedTuple):
    name: str
    apply: Callable[[Site], "Attribution | _Nobody | None"]


def term_like(text: str) -> bool:
    """A short capitalised phrase without sentence punctuation: a title or a name, not speech.
    (A final period or comma does not count: American style sets them inside the marks, "Cake Boss.")"""
    ws = _WORDS.findall(text)
    if not ws or len(ws) > 8 or text.rstrip().rstrip(".,")[-1:] in ".!?":
        return False
    content = [w for w in ws if w.casefold() not in _SMALL_WORDS]
    return bool(content) and all(w[:1].isupper() for w in content)


def sentence_like(text: str) -> bool:
    """Three words or more and not a title: words someone may have said."""
    return len(_WORDS.findall(text)) >= 3 and not term_like(text)


def apply_rules(site: Site, rules: Sequence[Rule]) -> tuple[Attribution | None, str | None]:
    """The first rule that answers decides: (attribution, rule name), or (None, None)."""
    for rule in rules:
        found = rule.apply(site)
        if found is NOBODY:
            return None, rule.name
        if found is not None:
            return found, rule.name
    return None, None
