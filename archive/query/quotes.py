"""Who said what: quotes by speaker (alias-aware), by text, by article; speakers by quote count."""

from __future__ import annotations

from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.normalize.cleanup import fold_name
from archive.errors import QueryError, UsageError
from archive.query.parse import DEFAULT_TIME_LIMIT, parse_query
from archive.store import backend
from archive.store.schema import articles, entities, entity_aliases, paragraphs, quotes

QUOTE_FIELDS = ("id", "speaker", "text", "cue", "role", "article_id", "paragraph", "published", "title", "rule")
SPEAKER_FIELDS = ("speaker", "quotes", "articles", "entity_id", "first_quoted", "last_quoted")


@dataclass(frozen=True)
class QuoteQuery:
    """Which quotes to list (built once at the CLI edge)."""

    text: str | None = None
    speaker: str | None = None
    article_id: int | None = None
    include_unattributed: bool = False
    limit: int = 50
    offset: int = 0
    time_limit: float | None = DEFAULT_TIME_LIMIT  # seconds before "query too expensive"; None: no limit


def fold_speaker(name: str) -> str:
    """A speaker name as ``speaker_condition`` compares it (``fold_name``: case folded in any script,
    hyphens and spacing forgiven: "kassym-jomart tokayev" and "Kassym Jomart Tokayev" agree)."""
    folded = fold_name(name)
    if not folded:
        raise UsageError("--speaker needs a name")
    return folded


def speaker_condition(folded: str | sa.BindParameter) -> sa.ColumnElement[bool]:
    """Quotes by a ``fold_speaker`` name (or a parameter taking one): any alias of the linked entity,
    or the stored speaker, folded in Python at write time (``quotes.speaker_folded``, migration 0004)."""
    # Literal '-' and ' ' (not bound parameters) so the expression matches the index of migration 0003.
    hyphen, space = sa.literal_column("'-'"), sa.literal_column("' '")
    alias_match = sa.func.replace(entity_aliases.c.folded, hyphen, space) == folded
    by_alias = sa.select(entity_aliases.c.entity_id).where(alias_match)
    # Two index look-ups joined by UNION: as ``a IN (…) OR b = x`` PostgreSQL scans every quote.
    speaking = sa.union(
        sa.select(quotes.c.id).where(quotes.c.speaker_entity_id.in_(by_alias)),
        sa.select(quotes.c.id).where(quotes.c.speaker_folded == folded),
    )
    return quotes.c.id.in_(speaking)


def find_quotes(engine: Engine, query: QuoteQuery) -> list[dict]:
    """Quotes with their speaker, article title and date, in article order (best match first with text)."""
    statement = (
        sa.select(
            quotes.c.id, quotes.c.speaker, quotes.c.text, quotes.c.cue, quotes.c.role, quotes.c.article_id,
            paragraphs.c.position.label("paragraph"), articles.c.published, articles.c.title, quotes.c.rule,
        )
        .join(paragraphs, paragraphs.c.id == quotes.c.paragraph_id)
        .join(articles, articles.c.id == quotes.c.article_id)
    )
    if query.speaker is not None:
        statement = statement.where(speaker_condition(fold_speaker(query.speaker)))
    elif not query.include_unattributed:
        statement = statement.where(quotes.c.speaker.is_not(None))
    if query.article_id is not None:
        statement = statement.where(quotes.c.article_id == query.article_id)
    # Undated articles last on every engine (PostgreSQL puts NULL first in descending order).
    order = [articles.c.published.desc().nulls_last(), quotes.c.article_id, paragraphs.c.position, quotes.c.start]
    engine_backend = backend.of(engine)
    if query.text:
        sql = engine_backend.search
        hits = sql.quote_matches(sql.render_match(parse_query(query.text))).subquery("hits")
        statement = statement.join(hits, hits.c.quote_id == quotes.c.id)
        order = [hits.c.rank, *order]
    statement = statement.order_by(*order).limit(query.limit).offset(query.offset)
    with engine.connect() as connection, engine_backend.time_limit(connection, query.time_limit):
        try:
            return [dict(row) for row in connection.execute(statement).mappings()]
        except sa.exc.DBAPIError as exc:
            if engine_backend.search.is_syntax_error(exc):
                raise QueryError(f"cannot search quotes for {query.text!r}: {' '.join(str(exc.orig).split())}") from None
            raise


def list_speakers(engine: Engine, limit: int = 50, name: str | None = None) -> list[dict]:
    """Speakers (an entity, or the name as stored when unlinked), most quoted first."""
    # One name per group (the entity's, or the stored speaker's when there is no entity), taken
    # with min() so every engine accepts it (PostgreSQL has no SQLite's bare-column rule).
    display = sa.func.min(sa.func.coalesce(entities.c.name, quotes.c.speaker))
    statement = (
        sa.select(
            display.label("speaker"),
            sa.func.count(quotes.c.id).label("quotes"),
            sa.func.count(sa.distinct(quotes.c.article_id)).label("articles"),
            quotes.c.speaker_entity_id.label("entity_id"),
            sa.func.min(articles.c.published).label("first_quoted"),
            sa.func.max(articles.c.published).label("last_quoted"),
        )
        .select_from(quotes)
        .join(articles, articles.c.id == quotes.c.article_id)
        .outerjoin(entities, entities.c.id == quotes.c.speaker_entity_id)
        .where(quotes.c.speaker.is_not(None))
        .group_by(quotes.c.speaker_entity_id, sa.case((quotes.c.speaker_entity_id.is_(None), quotes.c.speaker), else_=None))
        .order_by(sa.func.count(quotes.c.id).desc(), display)
        .limit(limit)
    )
    if name is not None:
        statement = statement.where(speaker_condition(fold_speaker(name)))
    with engine.connect() as connection:
        return [dict(row) for row in connection.execute(statement).mappings()]
