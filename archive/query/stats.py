"""Archive-wide figures: table counts, languages, sources, date range, top speakers and entities."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.store.schema import PUBLIC_TABLES, articles, entities, entity_mentions, metadata, quotes


def _top(connection, column, *, where=None, limit: int = 10) -> list[dict]:
    query = sa.select(column.label("name"), sa.func.count().label("count")).group_by(column)
    if where is not None:
        query = query.where(where)
    query = query.order_by(sa.func.count().desc(), column.asc().nulls_first()).limit(limit)  # as SQLite sorts NULL
    return [dict(r) for r in connection.execute(query).mappings()]


def archive_stats(engine: Engine, top: int = 10) -> dict:
    """Counts per table and the archive's spread over languages, sources, dates, speakers, entities."""
    with engine.connect() as connection:
        counts = {
            name: connection.execute(sa.select(sa.func.count()).select_from(metadata.tables[name])).scalar_one()
            for name in PUBLIC_TABLES
        }
        first, last = connection.execute(sa.select(sa.func.min(articles.c.published), sa.func.max(articles.c.published))).one()
        top_entities = [
            dict(r)
            for r in connection.execute(
                sa.select(entities.c.name, entities.c.type, sa.func.count().label("count"))
                .join(entity_mentions, entity_mentions.c.entity_id == entities.c.id)
                .group_by(entities.c.id)
                .order_by(sa.func.count().desc(), entities.c.name)
                .limit(top)
            ).mappings()
        ]
        return {
            "tables": counts,
            "first_published": first,
            "last_published": last,
            "languages": _top(connection, articles.c.language, limit=top),
            "sources": _top(connection, articles.c.source, limit=top),
            "top_speakers": _top(connection, quotes.c.speaker, where=quotes.c.speaker.is_not(None), limit=top),
            "top_entities": top_entities,
        }
