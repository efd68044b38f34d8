"""The raw document every reader produces: bytes of one format in, one shape out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class Meta:
    """One thing a file says about its article, and where it says it.

    ``field`` is ``title``, ``published``, ``language``, ``author`` or ``site``; ``value`` is as the file writes
    it (a date string unparsed, a language tag as declared); ``origin`` names the place (``og:title``, ``<h1>``,
    ``json-ld datePublished``, ``json date_publish``, ``byline``). The normalizer decides from these.
    """

    field: str
    value: str
    origin: str


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before normalization.

    Plain-text readers fill only ``text`` (the whole decoded file, lines intact) and leave the
    layout to ``archive.normalize``. Structured readers (HTML, JSON, WARC) also report whatever
    metadata the format carries as ``metadata`` candidates (the normalizer decides title, date,
    language and authors from them); ``paragraphs`` is set when the format already separates them.
    """

    source_path: str
    text: str
    format: str
    record: int = 0  # position of the record inside a multi-record file (JSONL, WARC)
    paragraphs: tuple[str, ...] | None = None
    metadata: tuple[Meta, ...] = field(default_factory=tuple)
    url: str | None = None
    source: str | None = None
    notes: tuple[str, ...] = ()  # what reading had to repair (stray bytes replaced), for the file's report

    def values(self, name: str) -> list[Meta]:
        """The metadata candidates for one field, in the order the reader found them."""
        return [m for m in self.metadata if m.field == name]


@dataclass(frozen=True)
class RecordError:
    """A bad record inside an otherwise readable multi-record file (one bad JSONL line).

    Readers yield it in place of the record, so the good records of the file are still ingested
    and the failure is reported with its position.
    """

    source_path: str
    record: int
    reason: str


@dataclass(frozen=True)
class ReadOptions:
    """Reader settings chosen by the user (built once at the CLI edge).

    ``field_map`` maps a RawDocument field name (``title``, ``text``, ``published``, ``url``...)
    to the name a JSON source uses for it (``--map text=article_body``).
    """

    field_map: Mapping[str, str] = field(default_factory=dict)
