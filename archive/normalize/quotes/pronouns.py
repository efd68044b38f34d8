"""Resolve "he" / "she" / "dia" to a person: the most recent candidate the pronoun can stand for.

Candidates are the people seen before the pronoun: the named subject opening the pronoun's own
sentence, the named subjects of speech verbs, the speakers of earlier quotes. The most recent one
wins unless it cannot be meant: an organisation is never "he" or "she", and in English a person
known to be a woman is never "he" (nor a man "she"). Gender comes from the article itself — a title
("Mrs. Clinton", "Mr. Trump"), a gendered role ("the congresswoman") — or else from the given name
(1990 US Census lists). Indonesian pronouns (ia, dia, beliau) carry no gender: recency decides.
"""

from __future__ import annotations

import re
from typing import Callable, NamedTuple

from .. import lexicon

_GIVEN = lexicon.tagged("en", "given_names")
_GENDERED = lexicon.tagged("en", "gendered_words")
_PRONOUN_GENDER = {**lexicon.tagged("id", "pronouns"), **lexicon.tagged("en", "pronouns")}
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")


class Candidate(NamedTuple):
    """Someone a pronoun may stand for: where they were seen, their name and role, and whether
    they are a body (an organisation), which no personal pronoun stands for."""

    where: tuple[int, int]
    name: str
    role: str | None
    body: bool = False


class Genders:
    """The gender of the people of one article, read from the article on demand."""

    def __init__(self, paragraphs: list[str]):
        self._text = "\n".join(paragraphs)
        self._seen: dict[str, str | None] = {}

    def of(self, name: str, role: str | None = None) -> str | None:
        """``masculine``, ``feminine`` or None (unknown)."""
        for word in _WORD.findall(role or ""):
            if word.casefold() in _GENDERED:
                return _GENDERED[word.casefold()]
        if name not in self._seen:
            self._seen[name] = self._read(name)
        return self._seen[name]

    def _read(self, name: str) -> str | None:
        words = name.split()
        if not words:
            return None
        # "Mrs. Clinton", "Mr. Trump": a title before the surname anywhere in the article
        surname = re.escape(words[-1])
        for m in re.finditer(rf"\b(Mrs|Ms|Miss|Mr|Sir|Dame|Lady|Lord)\.?\s+(?:[A-Z][\w.'’\-]*\s+)*{surname}\b", self._text):
            return _GENDERED.get(m.group(1).casefold())
        # the given name: the first of a full name, or a name used alone ("Melanie said")
        return _GIVEN.get(words[0].casefold())


def pronoun_gender(pronoun: str) -> str | None:
    """The gender a pronoun points to (``he`` masculine); None when it carries none (``dia``)."""
    gender = _PRONOUN_GENDER.get(pronoun.casefold())
    return gender if gender in ("masculine", "feminine") else None


def antecedent(
    pronoun: str,
    candidates: list[Candidate],
    genders: Genders,
    full: Callable[[Candidate], str],
    body: Callable[[Candidate], bool],
) -> Candidate | None:
    """The most recent candidate that ``pronoun`` can stand for; ``full`` completes a candidate's
    name (its given name tells the gender), ``body`` tells an organisation named in the article."""
    wanted = pronoun_gender(pronoun)
    personal = pronoun.casefold() in _PRONOUN_GENDER  # "he", "dia"; not "-nya" nor "perusahaan itu"
    for candidate in sorted(candidates, key=lambda c: c.where, reverse=True):
        if personal and (candidate.body or body(candidate)):
            continue
        if wanted is not None:
            known = genders.of(full(candidate) or candidate.name, candidate.role)
            if known is not None and known != wanted:
                continue
        return candidate
    return None
