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
from typing import Callable, Iterable, NamedTuple

from .. import lexicon

_GIVEN = lexicon.tagged("en", "given_names")
_GENDERED = lexicon.tagged("en", "gendered_words")
_PRONOUN_GENDER = {**lexicon.tagged("id", "pronouns"), **lexicon.tagged("en", "pronouns")}
_WORD = re.compile(r"[^\W\d_][\w'’\-]*")
# A title right before a name, its given names between: "Mrs. Clinton", "Mr. Donald J. Trump".
_TITLE_BEFORE = re.compile(r"\b(Mrs|Ms|Miss|Mr|Sir|Dame|Lady|Lord)\.?\s+(?:[A-Z][\w.'’\-]*\s+)*$")


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

    def given(self, name: str) -> str | None:
        """The gender of a name used alone in the article, read as a given name ("Melanie")."""
        return _GIVEN.get(name.casefold())

    def _read(self, name: str) -> str | None:
        words = name.split()
        if not words:
            return None
        # "Mrs. Clinton", "Mr. Trump": a title before the surname anywhere in the article
        surname, text = words[-1], self._text
        at = text.find(surname)
        while at >= 0:
            end = at + len(surname)
            if (at == 0 or not text[at - 1].isalnum()) and (end == len(text) or not text[end].isalnum()):
                m = _TITLE_BEFORE.search(text, max(0, at - 40), at)
                if m:
                    return _GENDERED.get(m.group(1).casefold())
            at = text.find(surname, end)
        # the given name: the first of a full name that is one ("Elizabeth Warren", not "Warren";
        # "Rival Hillary Clinton")
        return next((_GIVEN[w.casefold()] for w in words[:-1] if w.casefold() in _GIVEN), None)


def pronoun_gender(pronoun: str) -> str | None:
    """The gender a pronoun points to (``he`` masculine); None when it carries none (``dia``)."""
    gender = _PRONOUN_GENDER.get(pronoun.casefold())
    return gender if gender in ("masculine", "feminine") else None


def antecedent(
    pronoun: str,
    candidates: Iterable[Candidate],
    genders: Genders,
    full: Callable[[Candidate], str],
    body: Callable[[Candidate], bool],
) -> Candidate | None:
    """The first candidate (``candidates`` come most recent first) that ``pronoun`` can stand for;
    ``full`` completes a candidate's name (its given name tells the gender), ``body`` tells an
    organisation named in the article."""
    wanted = pronoun_gender(pronoun)
    personal = pronoun.casefold() in _PRONOUN_GENDER  # "he", "dia"; not "-nya" nor "perusahaan itu"
    for candidate in candidates:
        if personal and (candidate.body or body(candidate)):
            continue
        if wanted is not None:
            known = genders.of(candidate.name, candidate.role)
            if known is None and " " not in candidate.name:
                # "Warren": the given name of Elizabeth Warren; "Melanie" used alone: her own
                fuller = full(candidate)
                known = genders.of(fuller) if " " in fuller else genders.given(fuller)
            if known is not None and known != wanted:
                continue
        return candidate
    return None
