"""Raw document in, normalized ``Article`` out: the pure function the ingest workers run."""

from __future__ import annotations

import datetime as dt
import hashlib
from dataclasses import replace

from archive.errors import InputError
from archive.limits import MAX_ARTICLE_CHARS
from archive.normalize.cleanup import clean_line, clean_text, fold
from archive.dateline import split_dateline
from archive.normalize.dates import decide_published
from archive.normalize.entities import extract_entities
from archive.normalize.fingerprint import simhash_words
from archive.normalize.furniture import classify_line, split_authors, split_trailing_editor
from archive.normalize.language import decide_language
from archive.normalize.metadata import decide_authors, decide_title
from archive.normalize.model import Article, Entity, Quote
from archive.normalize.paragraphs import dedupe, split_blocks
from archive.normalize.quotes import extract_quotes
from archive.normalize.stemming import stem_words
from archive.normalize.words import words
from archive.readers.base import RawDocument

# Bylines only count near the top of the body; further down "By ..." is prose.
_BYLINE_WINDOW = 3


class _Layout:
    """What the line pass found: body lines, title and the furniture turned into metadata."""

    def __init__(self) -> None:
        self.title: str | None = None
        self.lines: list[str] = []  # "" marks a blank line (paragraph break)
        self.related: list[str] = []
        self.editor: str | None = None
        self.authors: list[str] = []


def _read_layout(lines: list[str], title: str | None, has_title_line: bool) -> _Layout:
    layout = _Layout()
    layout.title = title
    body_seen = 0
    for raw_line in lines:
        line = clean_line(raw_line)
        if not line:
            layout.lines.append("")
            continue
        kind = classify_line(line)
        if has_title_line and layout.title is None and kind.kind == "text":
            layout.title = line  # plain-text scrapes: the first line of text (not furniture) is the title
            continue
        if kind.kind == "text":
            layout.lines.append(line)
            body_seen += 1
        elif kind.kind == "related" and kind.value not in layout.related:
            layout.related.append(kind.value)
        elif kind.kind == "editor":
            layout.editor = kind.value
        elif kind.kind == "byline":
            if body_seen < _BYLINE_WINDOW and not layout.authors:
                layout.authors = split_authors(kind.value)
            else:
                layout.lines.append(line)
                body_seen += 1
    return layout


def link_speakers(quotes: list[Quote], entities: list[Entity]) -> list[Quote]:
    """Point each quote's speaker at the person entity with that name or alias (case-insensitive)."""
    by_name: dict[str, str] = {}
    for entity in entities:
        if entity.type == "person":
            for name in (entity.name, *entity.aliases):
                by_name.setdefault(name.casefold(), entity.key)
    return [
        replace(q, speaker_key=by_name.get(q.speaker.casefold())) if q.speaker else q
        for q in quotes
    ]


def content_hash(paragraphs: list[str]) -> str:
    """Hash of the normalized body: the same story saved twice, in any format, hashes the same.

    The title is left out (an HTML page's title carries the site name, its JSON record's does
    not), and case and spacing are folded.
    """
    digest = hashlib.sha256()
    for paragraph in paragraphs:
        digest.update(fold(paragraph).encode("utf-8"))
        digest.update(b"\n")
    return digest.hexdigest()


def normalize(raw: RawDocument, *, default_source: str | None = None, today: dt.date | None = None) -> Article:
    """Clean one raw document into an article; raise ``InputError`` when no article text remains.

    Every metadata decision is made here, once, from the reader's candidates: title, date (``today`` bounds it:
    later dates are rejected), language and authors.
    """
    if len(raw.text) > MAX_ARTICLE_CHARS:  # the quote and entity rules would take minutes on it
        raise InputError(
            f"{len(raw.text):,} characters of text: more than any news article needs (at most {MAX_ARTICLE_CHARS:,})"
        )
    title = decide_title(raw.values("title"), [m.value for m in raw.values("site")], raw.url)
    title = clean_line(clean_text(title)) if title else None
    if raw.paragraphs is None:
        layout = _read_layout(clean_text(raw.text).split("\n"), title, True)
        paragraphs = split_blocks(layout.lines)
    else:
        lines: list[str] = []
        for paragraph in raw.paragraphs:
            lines.extend([*clean_text(paragraph).split("\n"), ""])
        layout = _read_layout(lines, title, False)
        paragraphs = [p for p in layout.lines if p]
    paragraphs = dedupe(paragraphs)
    if paragraphs:
        paragraphs[-1], editor = split_trailing_editor(paragraphs[-1])
        layout.editor = layout.editor or editor
    dateline = None
    if paragraphs:
        dateline, paragraphs[0] = split_dateline(paragraphs[0])
    paragraphs = [p for p in paragraphs if p]
    if not paragraphs:
        reason = "title but no body" if layout.title else "no article text (empty or only page furniture)"
        raise InputError(reason)

    texts = [layout.title or "", *paragraphs]
    language, language_from = decide_language(raw.values("language"), "\n".join(texts))
    published, published_from = decide_published(raw.values("published"), texts, language, today)
    quotes = extract_quotes(paragraphs, language)
    entities, mentions = extract_entities(
        paragraphs, language, title=layout.title, dateline=dateline, speakers=[q.speaker for q in quotes if q.speaker]
    )
    paragraph_words = [words(p) for p in paragraphs]  # read once for the stems and the fingerprint
    return Article(
        source_path=raw.source_path,
        record=raw.record,
        format=raw.format,
        content_hash=content_hash(paragraphs),
        title=layout.title,
        paragraphs=paragraphs,
        published=published,
        published_from=published_from,
        dateline=dateline,
        language=language,
        language_from=language_from,
        editor=layout.editor,
        url=raw.url,
        source=raw.source or default_source,
        authors=decide_authors(raw.values("author")) or layout.authors,
        related=layout.related,
        quotes=link_speakers(quotes, entities),
        entities=entities,
        mentions=mentions,
        stemmed=[stem_words(w, language) for w in paragraph_words],
        simhash=simhash_words([w for p in paragraph_words for w in p]),
    )
