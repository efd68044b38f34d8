"""Name keys and forms the resolver compares: a person's key, a name's words, an organization's core
name. Pure functions of a string, cached (an article repeats its names)."""

from __future__ import annotations

from functools import lru_cache

from archive.normalize.entities import lexicon
from archive.normalize.entities.gazetteer import norm

# Legal forms and articles that are no part of an organization's core name.
_LEGAL = lexicon.ORG_SUFFIXES | {"pt", "cv", "perum", "persero", "the"}


def is_acronym(surface: str) -> bool:
    """One word of capitals, seven letters at most ("KPK", "S.E.C.")."""
    word = surface.replace(".", "")
    return " " not in surface and word.isupper() and len(word) <= 7


@lru_cache(maxsize=1 << 14)
def person_key(name: str) -> str:
    return "person:" + " ".join(name.casefold().split())


def org_key(surface: str) -> str:
    """An organization's entity key: its name case-folded, spaces collapsed."""
    return "organization:" + " ".join(surface.casefold().split())


@lru_cache(maxsize=1 << 14)
def name_words(name: str) -> tuple[str, ...]:
    """Casefolded words of a name, hyphens split ("Kassym-Jomart" -> "kassym", "jomart"): pure, cached."""
    return tuple(name.casefold().replace("-", " ").split())


@lru_cache(maxsize=1 << 14)
def name_set(name: str) -> frozenset[str]:
    """The words of :func:`name_words` as a set, to test that a short name's words are all in it."""
    return frozenset(name_words(name))


@lru_cache(maxsize=1 << 14)
def norm_words(name: str) -> tuple[str, ...]:
    """Words of the normalized name (see :func:`norm`): pure, cached."""
    return tuple(norm(name).split())


@lru_cache(maxsize=1 << 14)
def core(name: str) -> str:
    """An organization name without legal forms ("PT Astra Otoparts Tbk" -> "astra otoparts")."""
    return " ".join(w for w in norm_words(name) if w not in _LEGAL)
