"""Full-text search over paragraphs and titles, ranked, with highlighted snippets."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import QueryError
from archive.query.parse import parse_query
from archive.store import sqlite

HIT_OPEN, HIT_CLOSE = sqlite.HIT_OPEN, sqlite.HIT_CLOSE

FIELDS = ("article_id", "title", "published", "language", "source", "paragraph", "snippet", "score", "text")


@dataclass(frozen=True)
class SearchOptions:
    """A search as the user asked for it (built once at the CLI edge)."""

    query: str
    limit: int = 20
    offset: int = 0
    raw: bool = False  # pass FTS5 syntax through unchanged


def match_string(query: str, raw: bool = False) -> str:
    """The FTS MATCH string for user text: literal-safe unless ``raw``."""
    if raw:
        if not query.strip():
            raise QueryError("empty query")
        return query
    return sqlite.render_match(parse_query(query))


def search(engine: Engine, options: SearchOptions) -> list[dict]:
    """Hits as dicts with ``FIELDS``; ``snippet`` marks matches with HIT_OPEN/HIT_CLOSE."""
    match = match_string(options.query, options.raw)
    with engine.connect() as connection:
        try:
            rows = sqlite.search_hits(connection, match, limit=options.limit, offset=options.offset)
        except sa.exc.OperationalError as exc:
            if not sqlite.is_fts_syntax_error(exc):
                raise
            if options.raw:
                raise QueryError(f"invalid search syntax: {exc.orig} (drop --raw to search the words literally)") from None
            # Operators that still do not combine (e.g. "a OR (NOT b)"): search the words.
            literal = sqlite.render_literal(parse_query(options.query))
            rows = sqlite.search_hits(connection, literal, limit=options.limit, offset=options.offset)
    return [
        {
            "article_id": row.article_id,
            "title": row.title,
            "published": row.published,
            "language": row.language,
            "source": row.source,
            "paragraph": row.paragraph,
            "snippet": row.snippet,
            "score": round(row.score, 4),
            "text": row.text,
        }
        for row in rows
    ]
