"""The one writer: normalized articles into the database in batched transactions.

Each batch is one transaction, so an article is never half-written: it lands with its
paragraphs, quotes and mentions, or not at all. A batch that fails is retried article by article
so one bad article cannot take its neighbours down with it.

The insert paths are the engine's (``archive.store.backend``): ids from ``reserve_ids`` (SQLite:
max(id) + 1 under its write lock; PostgreSQL: the tables' sequences), rows through ``bulk_insert``
(SQLite: multi-row INSERT; PostgreSQL: COPY), the small tables through SQLAlchemy Core with
``ON CONFLICT DO NOTHING``. On PostgreSQL several ingest processes may write at once: the unique
constraints decide, and a batch that lost a race is decided again (``_CONFLICT_ATTEMPTS``).
"""

from __future__ import annotations

import datetime as dt
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from itertools import count, repeat

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.store import backend
from archive.store.duplicates import link_near_duplicates, record_duplicate_sources
from archive.store.records import (
    ALIASES, ARTICLE_COLUMNS, CONTENT_HASH, ENTITIES, MENTION_COLUMNS, MENTIONS, PARAGRAPHS, QUOTE_COLUMNS, QUOTES,
    RECORD, ROW, SOURCE_PATH, STEMS,
)
from archive.store.settings import require_current_stemmers
from archive.store.schema import articles, entities, entity_aliases, entity_mentions, paragraph_stems, paragraphs, quotes

log = logging.getLogger(__name__)

ADDED, UNCHANGED, REPLACED, DUPLICATE, FAILED = "added", "unchanged", "replaced", "duplicate", "failed"
# What a single bad article can provoke: rejected by a constraint, or not bindable by the driver.
_ARTICLE_ERRORS = (sa.exc.DBAPIError, UnicodeError, ValueError, TypeError, OverflowError)
# Times a batch is decided again after another writer took one of its keys first (PostgreSQL).
_CONFLICT_ATTEMPTS = 8


def _reason(exc: BaseException) -> str:
    detail = getattr(exc, "orig", None) or exc
    return f"could not be stored: {type(detail).__name__}: {str(detail).splitlines()[0][:160] if str(detail) else ''}"


@dataclass(frozen=True)
class Outcome:
    """What happened to one article: a status above, its row id, and why if it failed."""

    status: str
    article_id: int | None = None
    duplicate_of: int | None = None
    reason: str | None = None
    near_duplicate_of: tuple[int, ...] = ()  # stored, but linked to these similar articles


class ArticleWriter:
    """Writes batches of articles; keeps the entity-key → id map across batches."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine.execution_options(immediate_transaction=True)
        self._backend = backend.of(engine)
        # Kept for the run: entities and aliases are never deleted, so what this writer committed
        # stays true; what another writer added meanwhile is read (entities) or ignored (aliases)
        # by the unique constraints.
        self._entity_ids: dict[str, int] = {}
        self._aliases: set[tuple[str, str]] = set()  # (entity key, alias)
        self._stemmers_checked = False

    def refresh_statistics(self) -> None:
        """After a large batch of writes: the engine's planner statistics brought up to date."""
        self._backend.refresh_statistics(self._engine)

    def write(self, batch: Sequence[tuple]) -> list[Outcome]:
        """Write a batch in one transaction; on failure fall back to one transaction per article.

        Errors of the database itself (locked, read-only, disk full) are raised: retrying would not
        help. Anything else that one article provokes (a constraint, text the driver cannot bind)
        costs that article alone, reported as FAILED.
        """
        if not batch:
            return []
        try:
            return self._write_deciding_again(batch)
        except sa.exc.OperationalError:
            raise
        except _ARTICLE_ERRORS as exc:
            if len(batch) == 1:
                return [Outcome(FAILED, reason=_reason(exc))]
        outcomes = []
        for article in batch:
            try:
                outcomes.extend(self._write_deciding_again([article]))
            except sa.exc.OperationalError:
                raise
            except _ARTICLE_ERRORS as exc:
                outcomes.append(Outcome(FAILED, reason=_reason(exc)))
        return outcomes

    def _write_deciding_again(self, batch: Sequence[tuple]) -> list[Outcome]:
        """Write the batch; when another writer took one of its keys first (or the two deadlocked),
        roll back and decide every article again: the other's rows are visible then (unchanged,
        duplicate), so each story is stored once whoever commits first."""
        for attempt in range(1, _CONFLICT_ATTEMPTS + 1):
            try:
                return self._write_transaction(batch)
            except sa.exc.DBAPIError as exc:
                if attempt == _CONFLICT_ATTEMPTS or not self._backend.is_conflict(exc):
                    raise
                log.info("another writer got there first (%s); deciding %d articles again", type(exc.orig).__name__, len(batch))
                time.sleep(random.uniform(0, 0.05 * attempt))
        raise AssertionError("unreachable")

    def _write_transaction(self, batch: Sequence[tuple]) -> list[Outcome]:
        new_entity_ids: dict[str, int] = {}
        new_aliases: set[tuple[str, str]] = set()
        with self._engine.begin() as connection:
            if not self._stemmers_checked:  # once per writer: the setting only changes by --repair
                require_current_stemmers(connection)
                self._stemmers_checked = True
            outcomes, fresh = self._place_articles(connection, batch)
            if fresh:
                linked = link_near_duplicates(connection, fresh)
                outcomes = [
                    replace(o, near_duplicate_of=tuple(linked[o.article_id])) if o.article_id in linked else o
                    for o in outcomes
                ]
                paragraph_ids = self._insert_paragraphs(connection, fresh)
                self._insert_entities(connection, fresh, new_entity_ids, new_aliases)
                entity_ids = {**self._entity_ids, **new_entity_ids} if new_entity_ids else self._entity_ids
                self._insert_quotes(connection, fresh, paragraph_ids, entity_ids)
                self._insert_mentions(connection, fresh, paragraph_ids, entity_ids)
        # only after the commit succeeded: a rolled-back batch's rows are not there to remember
        self._entity_ids.update(new_entity_ids)
        self._aliases.update(new_aliases)
        return outcomes

    def _place_articles(self, connection: sa.Connection, batch: Sequence[tuple]):
        """Decide each article's fate, delete the rows it replaces, insert the new article rows."""
        # Sources first, hashes second. On PostgreSQL each statement sees what was committed when it
        # started, so another writer's batch may land between the two: read in this order, a source
        # row seen means its hash row is seen too, and the article is "unchanged". The other way
        # round the source would be found without its hash, and a stored article taken for a changed
        # file and replaced. (On SQLite the writer holds the write lock: nothing lands between.)
        paths = sorted({r[SOURCE_PATH] for r in batch})
        by_source = {
            (row.source_path, row.record): row.id
            for row in connection.execute(
                sa.select(articles.c.id, articles.c.source_path, articles.c.record).where(articles.c.source_path.in_(paths))
            )
        }
        hashes = [r[CONTENT_HASH] for r in batch]
        by_hash = {
            row.content_hash: row
            for row in connection.execute(
                sa.select(articles.c.id, articles.c.content_hash, articles.c.source_path, articles.c.record)
                .where(articles.c.content_hash.in_(hashes))
            )
        }
        outcomes: list[Outcome] = []
        fresh: list[tuple[int, tuple]] = []  # (index in batch, record) to insert
        first_in_batch: dict[str, int] = {}  # content hash -> batch index of its first copy
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        for index, record in enumerate(batch):
            source = (record[SOURCE_PATH], record[RECORD])
            content_hash = record[CONTENT_HASH]
            existing = by_hash.get(content_hash)
            old_id = by_source.pop(source, None) if by_source else None
            if existing is not None and (existing.source_path, existing.record) == source:
                outcomes.append(Outcome(UNCHANGED, existing.id))
                continue
            if old_id is not None:  # the file changed: its old rows go, cascading to their children
                _delete_article(connection, old_id)
            if existing is not None or content_hash in first_in_batch:
                outcomes.append(Outcome(DUPLICATE, duplicate_of=existing.id if existing is not None else None))
                continue
            first_in_batch[content_hash] = index
            outcomes.append(Outcome(REPLACED if old_id is not None else ADDED))
            fresh.append((index, record))
        if not fresh:
            record_duplicate_sources(connection, _duplicate_rows(batch, outcomes))
            return outcomes, []
        ids = self._backend.reserve_ids(connection, articles, len(fresh))
        self._backend.bulk_insert(connection, articles, ("id", *ARTICLE_COLUMNS, "ingested_at"),
                                  [(i, *record[ROW], now) for i, (_, record) in zip(ids, fresh)])
        id_of_index = {index: article_id for (index, _), article_id in zip(fresh, ids)}
        for index, outcome in enumerate(outcomes):
            if index in id_of_index:
                outcomes[index] = Outcome(outcome.status, id_of_index[index])
            elif outcome.status == DUPLICATE and outcome.duplicate_of is None:
                first = first_in_batch[batch[index][CONTENT_HASH]]
                outcomes[index] = Outcome(DUPLICATE, duplicate_of=id_of_index[first])
        record_duplicate_sources(connection, _duplicate_rows(batch, outcomes))
        return outcomes, [(id_of_index[index], record) for index, record in fresh]

    def _insert_paragraphs(self, connection, fresh) -> dict[int, list[int]]:
        """Paragraphs, and their stems (the stemmed index reads them from ``paragraph_stems``).

        Returns each new article's paragraph ids, by position."""
        ids = self._backend.reserve_ids(connection, paragraphs, sum(len(record[PARAGRAPHS]) for _, record in fresh))
        rows, stems, placed = [], [], {}
        taken = 0
        for article_id, record in fresh:
            texts = record[PARAGRAPHS]
            own = ids[taken:taken + len(texts)]
            taken += len(texts)
            placed[article_id] = own
            rows.extend(zip(own, repeat(article_id), count(), texts))
            stems.extend(zip(own, repeat(article_id), record[STEMS]))
        self._backend.bulk_insert(connection, paragraphs, ("id", "article_id", "position", "text"), rows)
        self._backend.bulk_insert(connection, paragraph_stems, ("paragraph_id", "article_id", "stems"), stems)
        return placed

    def _insert_entities(self, connection, fresh, new_ids: dict[str, int], new_aliases: set[tuple[str, str]]) -> None:
        """New entities and aliases; those this writer has stored before (kept for the run) are not sent again."""
        wanted: dict[str, tuple] = {}
        aliases: set[tuple[str, str, str]] = set()
        known_aliases = self._aliases
        for _, record in fresh:
            for entity in record[ENTITIES]:
                wanted.setdefault(entity[0], entity)
            aliases.update(alias for alias in record[ALIASES] if alias[:2] not in known_aliases)
        missing = [key for key in wanted if key not in self._entity_ids]
        if missing:
            new_ids.update(self._entity_ids_of(connection, missing))
            to_insert = [key for key in missing if key not in new_ids]
            if to_insert:
                # Another writer may add the same entity meanwhile: its row wins, and ours is read back.
                connection.execute(
                    self._backend.insert(entities).on_conflict_do_nothing(index_elements=[entities.c.key]),
                    [{"key": k, "name": wanted[k][1], "type": wanted[k][2]} for k in to_insert],
                )
                new_ids.update(self._entity_ids_of(connection, to_insert))
        if aliases:
            known = {**self._entity_ids, **new_ids}
            # Another writer may have stored some of them: theirs stay, ours are skipped.
            connection.execute(
                self._backend.insert(entity_aliases).on_conflict_do_nothing(),
                [{"entity_id": known[key], "alias": alias, "folded": folded} for key, alias, folded in sorted(aliases)],
            )
            new_aliases.update(alias[:2] for alias in aliases)

    @staticmethod
    def _entity_ids_of(connection, keys: list[str]) -> dict[str, int]:
        return dict(connection.execute(sa.select(entities.c.key, entities.c.id).where(entities.c.key.in_(keys))).all())

    def _insert_quotes(self, connection, fresh, paragraph_ids, entity_ids) -> None:
        rows = [
            (article_id, paragraph_ids[article_id][quote[0]], entity_ids.get(quote[1]) if quote[1] else None, *quote[2:])
            for article_id, record in fresh
            for quote in record[QUOTES]
        ]
        self._backend.bulk_insert(connection, quotes, ("article_id", "paragraph_id", "speaker_entity_id", *QUOTE_COLUMNS), rows)

    def _insert_mentions(self, connection, fresh, paragraph_ids, entity_ids) -> None:
        rows = [
            (entity_ids[mention[0]], article_id,
             paragraph_ids[article_id][mention[1]] if mention[1] is not None else None, *mention[2:])
            for article_id, record in fresh
            for mention in record[MENTIONS]
            if mention[0] in entity_ids
        ]
        self._backend.bulk_insert(
            connection, entity_mentions, ("entity_id", "article_id", "paragraph_id", *MENTION_COLUMNS), rows
        )


def _duplicate_rows(batch: Sequence[tuple], outcomes: list[Outcome]) -> list[tuple[int, str, int]]:
    return [
        (outcome.duplicate_of, record[SOURCE_PATH], record[RECORD])
        for record, outcome in zip(batch, outcomes)
        if outcome.status == DUPLICATE and outcome.duplicate_of is not None
    ]


def _delete_article(connection: sa.Connection, article_id: int) -> None:
    """Delete an article; its children (and their index entries, stems included) go with it."""
    connection.execute(sa.delete(articles).where(articles.c.id == article_id))
