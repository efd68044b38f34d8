"""The typed span of one string that segmentation produces and the resolver links."""

from __future__ import annotations

from dataclasses import dataclass

from archive.normalize.entities.gazetteer import Place


@dataclass(slots=True)
class Item:
    """A typed span of one string: ``kind`` is person, org, place, run (a name without evidence) or
    acro (an acronym without evidence); the last two are what the tagger may type (refine.py)."""

    kind: str
    start: int
    end: int
    surface: str
    place: Place | None = None
    alias: str | None = None  # surface with the title kept ("Presiden Rusia Vladimir Putin")
    paren: bool = False  # an acronym written in brackets: "(BIL)"
    sentence_start: bool = False
    size: int = 1  # number of words
    refers: str | None = None  # the name of the person this one is another name of ("X alias Y": Y refers to X)
