"""Per-language word lists shared by the extractors, kept as data files in ``lexicon/data/<lang>/``.

Each file is plain text: ``#`` starts a comment, words are separated by spaces, and one line is one
entry (a verb with its forms, a pronoun with its gender). A multi-word form is written with ``_``
("pointed_out"). Lists are read once and cached; everything is lower case.

To extend a list, edit its file: the quote and entity extractors read the same files, so a title
or a speech verb added once counts for both.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

LANGUAGES = ("en", "id")


@lru_cache(maxsize=None)
def entries(language: str, name: str) -> tuple[tuple[str, ...], ...]:
    """The lines of ``data/<language>/<name>.txt`` as tuples of words (comments and blanks dropped)."""
    text = files(__name__).joinpath("data", language, f"{name}.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            out.append(tuple(w.replace("_", " ") for w in line.casefold().split()))
    return tuple(out)


@lru_cache(maxsize=None)
def words(name: str, languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """Every word of list ``name`` in the given languages (a language without the list adds nothing)."""
    out: set[str] = set()
    for language in languages:
        if files(__name__).joinpath("data", language, f"{name}.txt").is_file():
            for entry in entries(language, name):
                out.update(entry)
    return frozenset(out)


@lru_cache(maxsize=None)
def heads(name: str, languages: tuple[str, ...] = LANGUAGES) -> frozenset[str]:
    """The first word of each entry of list ``name``: the words of a ``word tag`` list."""
    return frozenset(
        entry[0]
        for language in languages
        if files(__name__).joinpath("data", language, f"{name}.txt").is_file()
        for entry in entries(language, name)
    )


@lru_cache(maxsize=None)
def tagged(language: str, name: str) -> dict[str, str]:
    """A list of ``word tag`` lines as a mapping (``he masculine``)."""
    return {entry[0]: entry[1] for entry in entries(language, name) if len(entry) > 1}


class VerbForms(NamedTuple):
    """The five forms of an English verb, as a verb list gives them."""

    base: str
    third: str
    past: str
    participle: str
    gerund: str


@lru_cache(maxsize=None)
def verbs(language: str, name: str) -> tuple[VerbForms, ...]:
    """A verb list whose lines hold five forms each (``say says said said saying``)."""
    out = []
    for entry in entries(language, name):
        if len(entry) != 5:
            raise ValueError(f"{language}/{name}.txt: {' '.join(entry)!r} needs five forms")
        out.append(VerbForms(*entry))
    return tuple(out)
