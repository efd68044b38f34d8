"""One article with everything the archive knows about it."""

from __future__ import annotations

import json

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import UsageError
from archive.store.schema import articles, entities, entity_mentions, paragraphs, quotes

ARTICLE_FIELDS = (
    "id", "title", "published", "published_from", "dateline", "language", "language_from", "source",
    "url", "authors", "editor", "related", "source_path", "record", "format", "content_hash", "ingested_at",
)


def get_article(engine: Engine, article_id: int) -> dict:
    """The article's metadata, ``paragraphs``, ``quotes`` and ``entities``; ``UsageError`` if absent."""
    with engine.connect() as connection:
        row = connection.execute(sa.select(articles).where(articles.c.id == article_id)).mappings().first()
        if row is None:
            raise UsageError(f"no article with id {article_id}")
        article = {field: row[field] for field in ARTICLE_FIELDS}
        for field in ("authors", "related"):
            article[field] = json.loads(row[field]) if row[field] else []
        article["paragraphs"] = list(
            connection.execute(
                sa.select(paragraphs.c.text).where(paragraphs.c.article_id == article_id).order_by(paragraphs.c.position)
            ).scalars()
        )
        article["quotes"] = [
            dict(r)
            for r in connection.execute(
                sa.select(paragraphs.c.position.label("paragraph"), quotes.c.speaker, quotes.c.cue, quotes.c.text,
                          quotes.c.start, quotes.c.end)
                .join(paragraphs, paragraphs.c.id == quotes.c.paragraph_id)
                .where(quotes.c.article_id == article_id)
                .order_by(paragraphs.c.position, quotes.c.start)
            ).mappings()
        ]
        article["entities"] = [
            dict(r)
            for r in connection.execute(
                sa.select(entities.c.name, entities.c.type, sa.func.count().label("mentions"))
                .join(entity_mentions, entity_mentions.c.entity_id == entities.c.id)
                .where(entity_mentions.c.article_id == article_id)
                .group_by(entities.c.id)
                .order_by(entities.c.type, sa.func.count().desc(), entities.c.name)
            ).mappings()
        ]
    return article
