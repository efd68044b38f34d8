"""The typed span of one string that segmentation produces and the resolver links."""

from __future__ import annotations

from dataclasses import dataclass

from archive.normalize.entities.gazetteer import Place


@dataclass(slots=True)
class Item:
    """A typed span of one string: ``kind`` is person, run (a name without evidence), org or place."""

    kind: str
    start: int
    end: int
    surface: str
    place: Place | None = None
    alias: str | None = None  # surface with the title kept ("Presiden Rusia Vladimir Putin")
    paren: bool = False  # an acronym written in brackets: "(BIL)"
    sentence_start: bool = False
    size: int = 1  # number of words
