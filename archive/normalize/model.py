"""Plain dataclasses the normalizer returns: no database, no I/O."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Quote:
    """A quotation inside one paragraph.

    ``paragraph`` is the 0-based index of the paragraph; ``start``/``end`` are character offsets
    of the quoted text (without its quote marks) in that paragraph, so
    ``paragraphs[paragraph][start:end] == text``. ``speaker`` is the fullest name the article
    gives (titles stripped), a role noun phrase ("the spokesman") when no name is given, or
    ``None`` for scare quotes and titles that nobody says. ``cue`` is the speech verb
    (``kata``, ``lanjutnya``, ``said``...), or ``None``. ``rule`` names the attribution rule
    that gave the speaker, so each rule can be checked on its own.
    """

    paragraph: int
    start: int
    end: int
    text: str
    speaker: str | None = None
    cue: str | None = None
    role: str | None = None
    rule: str | None = None  # the attribution rule that fired (archive/normalize/quotes/rules.py)
    speaker_key: str | None = None  # the speaker's entity key, filled by the pipeline once entities are known


@dataclass(frozen=True)
class Entity:
    """A person, organization or place, canonical within one article.

    ``key`` is stable across the archive: ``place:RU`` for a country (ISO code), otherwise
    ``<type>:<casefolded canonical name>``. ``name`` is the display name (the fullest name, as
    written in the article's language); ``aliases`` are the other surfaces seen for it.
    """

    key: str
    name: str
    type: str  # person | organization | place
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True)
class Mention:
    """One occurrence of an entity.

    In the body: ``paragraphs[paragraph][start:end] == surface`` with ``field == "paragraph"``.
    In the title or dateline (``field`` ``"title"``/``"dateline"``): ``paragraph`` is ``None`` and the
    offsets point into that string (the seed names Nur Sultan only in its dateline).
    """

    entity_key: str
    paragraph: int | None
    start: int
    end: int
    surface: str
    field: str = "paragraph"


@dataclass
class Article:
    """A fully normalized article, ready for the store."""

    source_path: str
    record: int
    format: str
    content_hash: str
    title: str | None
    paragraphs: list[str]
    published: str | None = None
    published_from: str | None = None  # "metadata" | "text"
    dateline: str | None = None
    language: str | None = None
    language_from: str | None = None  # "metadata" | "detected"
    editor: str | None = None
    url: str | None = None
    source: str | None = None
    authors: list[str] = field(default_factory=list)
    related: list[str] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    mentions: list[Mention] = field(default_factory=list)
    stemmed: list[str] = field(default_factory=list)  # each paragraph as stems, for the stemmed index
    simhash: int | None = None  # near-duplicate fingerprint of the text
