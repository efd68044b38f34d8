"""About whom: entities with mention and article counts and their aliases."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import UsageError
from archive.store.schema import entities, entity_aliases, entity_mentions

ENTITY_FIELDS = ("id", "name", "type", "mentions", "articles", "aliases")
ENTITY_TYPES = ("person", "organization", "place")


def fold_entity(name: str) -> str:
    """An entity name as ``entity_ids_for`` compares it with the aliases: casefolded, spacing squeezed."""
    folded = " ".join(name.casefold().split())
    if not folded:
        raise UsageError("an entity name is needed (got an empty one)")
    return folded


def entity_ids_for(folded: str | sa.BindParameter) -> sa.Select:
    """Ids of entities with an alias equal to a ``fold_entity`` name (or a parameter taking one)."""
    return sa.select(entity_aliases.c.entity_id).where(entity_aliases.c.folded == folded)


def list_entities(
    engine: Engine,
    *,
    type: str | None = None,
    min_mentions: int = 1,
    name: str | None = None,
    limit: int = 50,
) -> list[dict]:
    """Entities, most mentioned first; ``aliases`` lists the other names seen for each."""
    if type is not None and type not in ENTITY_TYPES:
        raise UsageError(f"unknown entity type {type!r}: choose {', '.join(ENTITY_TYPES)}")
    mentions = sa.func.count(entity_mentions.c.id)
    statement = (
        sa.select(
            entities.c.id, entities.c.name, entities.c.type,
            mentions.label("mentions"),
            sa.func.count(sa.distinct(entity_mentions.c.article_id)).label("articles"),
        )
        .join(entity_mentions, entity_mentions.c.entity_id == entities.c.id)
        .group_by(entities.c.id)
        .having(mentions >= min_mentions)
        .order_by(mentions.desc(), entities.c.name)
        .limit(limit)
    )
    if type:
        statement = statement.where(entities.c.type == type)
    if name is not None:
        statement = statement.where(entities.c.id.in_(entity_ids_for(fold_entity(name))))
    with engine.connect() as connection:
        rows = [dict(row) for row in connection.execute(statement).mappings()]
        aliases: dict[int, list[str]] = {}
        if rows:
            for entity_id, alias in connection.execute(
                sa.select(entity_aliases.c.entity_id, entity_aliases.c.alias)
                .where(entity_aliases.c.entity_id.in_([r["id"] for r in rows]))
                .order_by(entity_aliases.c.alias)
            ):
                aliases.setdefault(entity_id, []).append(alias)
    for row in rows:
        row["aliases"] = [a for a in aliases.get(row["id"], []) if a != row["name"]]
    return rows
