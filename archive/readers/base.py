"""The raw document every reader produces: bytes of one format in, one shape out."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Mapping


@dataclass(frozen=True)
class RawDocument:
    """One article as a reader found it, before normalization.

    Plain-text readers fill only ``text`` (the whole decoded file, lines intact) and leave the
    layout to ``archive.normalize``. Structured readers (HTML, JSON, WARC) also fill whatever
    metadata the format carries; ``paragraphs`` is set when the format already separates them.
    """

    source_path: str
    text: str
    format: str
    record: int = 0  # position of the record inside a multi-record file (JSONL, WARC)
    title: str | None = None
    paragraphs: tuple[str, ...] | None = None
    published: str | None = None  # ISO date (YYYY-MM-DD) from metadata, if any
    language: str | None = None  # ISO 639-1 code from metadata, if any
    url: str | None = None
    source: str | None = None
    authors: tuple[str, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # what reading had to repair (stray bytes replaced), for the file's report


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
