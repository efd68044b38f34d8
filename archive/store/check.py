"""``archive check``: is the database sound? The engine's own checks (SQLite and FTS5 integrity;
PostgreSQL's index validity and B-tree structure), orphans, the stemmed index; optional repair."""

from __future__ import annotations

from dataclasses import dataclass, field

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import DatabaseError
from archive.normalize.cleanup import fold_name
from archive.normalize.stemming import STEMMERS, stem_text
from archive.store import backend
from archive.store.schema import articles, entities, entity_aliases, entity_mentions, paragraph_stems, paragraphs, quotes
from archive.store.settings import STEMMERS_KEY, set_setting

_REBUILD_BATCH = 5000


@dataclass
class CheckReport:
    """Integrity problems (empty when clean), orphan counts per kind, and whether FTS was rebuilt."""

    problems: list[str] = field(default_factory=list)
    orphans: dict[str, int] = field(default_factory=dict)
    repaired: bool = False
    skipped: list[str] = field(default_factory=list)  # checks that could not run, and why

    @property
    def ok(self) -> bool:
        return not self.problems and not any(self.orphans.values())


def _missing(child: sa.Table, column: sa.Column, parent: sa.Table) -> sa.Select:
    """Rows of ``child`` whose ``column`` points at no row of ``parent``."""
    return (
        sa.select(sa.func.count())
        .select_from(child)
        .where(column.is_not(None), ~sa.exists().where(parent.c.id == column))
    )


ORPHAN_QUERIES = {
    "paragraphs without article": _missing(paragraphs, paragraphs.c.article_id, articles),
    "quotes without article": _missing(quotes, quotes.c.article_id, articles),
    "quotes without paragraph": _missing(quotes, quotes.c.paragraph_id, paragraphs),
    "quotes with a missing speaker entity": _missing(quotes, quotes.c.speaker_entity_id, entities),
    "mentions without entity": _missing(entity_mentions, entity_mentions.c.entity_id, entities),
    "mentions without article": _missing(entity_mentions, entity_mentions.c.article_id, articles),
    "aliases without entity": _missing(entity_aliases, entity_aliases.c.entity_id, entities),
    "stems without paragraph": (
        sa.select(sa.func.count()).select_from(paragraph_stems)
        .where(~sa.exists().where(paragraphs.c.id == paragraph_stems.c.paragraph_id))
    ),
    "paragraphs missing from the stemmed index": (
        sa.select(sa.func.count()).select_from(paragraphs)
        .where(~sa.exists().where(paragraph_stems.c.paragraph_id == paragraphs.c.id))
    ),
}


def check(engine: Engine, repair: bool = False) -> CheckReport:
    """Run the checks; with ``repair``, rebuild the indexes and re-stem every paragraph first
    (orphans are only counted)."""
    report = CheckReport()
    engine_backend = backend.of(engine)
    with engine.connect() as connection:
        read_only = engine_backend.is_read_only(connection)
    if repair and read_only:
        raise DatabaseError("cannot repair an archive on read-only storage: copy it where it can be written first")
    if repair:
        with engine.execution_options(immediate_transaction=True).begin() as connection:
            # Indexes first (a damaged one could refuse the stem rows' changes), then the stems.
            engine_backend.rebuild_indexes(connection)
            rebuild_stems(connection)
            refold_speakers(connection)
        report.repaired = True
    with engine.connect() as connection:
        report.skipped = engine_backend.skipped_checks(connection)
        report.problems = engine_backend.integrity_problems(connection) + written_from_outside(connection)
        report.orphans = {name: connection.execute(query).scalar_one() for name, query in ORPHAN_QUERIES.items()}
    return report


def written_from_outside(connection: sa.Connection) -> list[str]:
    """What rows written by another program (``sqlite-utils insert``, hand-made SQL) left behind:
    data the writer derives in Python, which no trigger keeps in step (the stems are counted with
    the orphans). Repairable."""
    unfolded = len(_unfolded_speakers(connection))
    if unfolded:
        return [
            f"quotes: {unfolded} speakers without their folded look-up name (rows written by another program?): "
            "run 'archive check --repair'"
        ]
    return []


def _unfolded_speakers(connection: sa.Connection) -> list[dict]:
    """``{id, folded}`` for quotes whose ``speaker_folded`` is not ``fold_name(speaker)``."""
    statement = sa.select(quotes.c.id, quotes.c.speaker, quotes.c.speaker_folded).order_by(quotes.c.id)
    wrong, last_id = [], 0
    while True:
        rows = connection.execute(statement.where(quotes.c.id > last_id).limit(_REBUILD_BATCH)).all()
        if not rows:
            return wrong
        for row in rows:
            folded = fold_name(row.speaker) if row.speaker else None
            if row.speaker_folded != folded:
                wrong.append({"quote_id": row.id, "folded": folded})
        last_id = rows[-1].id


def refold_speakers(connection: sa.Connection) -> None:
    """Give every quote the folded speaker name ``archive quotes --speaker`` looks up."""
    wrong = _unfolded_speakers(connection)
    if wrong:
        connection.execute(
            sa.update(quotes).where(quotes.c.id == sa.bindparam("quote_id")).values(speaker_folded=sa.bindparam("folded")),
            wrong,
        )


def rebuild_stems(connection: sa.Connection) -> None:
    """Re-stem every paragraph with this version's stemmers (the engine's stemmed index follows
    ``paragraph_stems``: SQLite's triggers, PostgreSQL's generated column)."""
    engine_backend = backend.of(connection)
    connection.execute(sa.delete(paragraph_stems))
    statement = (
        sa.select(paragraphs.c.id, paragraphs.c.article_id, paragraphs.c.text, articles.c.language)
        .join(articles, articles.c.id == paragraphs.c.article_id)
        .order_by(paragraphs.c.id)
    )
    last_id = 0
    while True:
        rows = connection.execute(statement.where(paragraphs.c.id > last_id).limit(_REBUILD_BATCH)).all()
        if not rows:
            break
        engine_backend.bulk_insert(
            connection, paragraph_stems, ("paragraph_id", "article_id", "stems"),
            [(r.id, r.article_id, stem_text(r.text, r.language)) for r in rows],
        )
        last_id = rows[-1].id
    set_setting(connection, STEMMERS_KEY, STEMMERS)
