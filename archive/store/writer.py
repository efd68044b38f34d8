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
import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.normalize.cleanup import fold_name
from archive.normalize.model import Article
from archive.store import backend
from archive.store.duplicates import link_near_duplicates, record_duplicate_sources
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
        self._entity_ids: dict[str, int] = {}
        self._stemmers_checked = False

    def refresh_statistics(self) -> None:
        """After a large batch of writes: the engine's planner statistics brought up to date."""
        self._backend.refresh_statistics(self._engine)

    def write(self, batch: Sequence[Article]) -> list[Outcome]:
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

    def _write_deciding_again(self, batch: Sequence[Article]) -> list[Outcome]:
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

    def _write_transaction(self, batch: Sequence[Article]) -> list[Outcome]:
        new_entity_ids: dict[str, int] = {}
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
                self._insert_entities(connection, fresh, new_entity_ids)
                entity_ids = {**self._entity_ids, **new_entity_ids}
                self._insert_quotes(connection, fresh, paragraph_ids, entity_ids)
                self._insert_mentions(connection, fresh, paragraph_ids, entity_ids)
        self._entity_ids.update(new_entity_ids)  # only after the commit succeeded
        return outcomes

    def _place_articles(self, connection: sa.Connection, batch: Sequence[Article]):
        """Decide each article's fate, delete the rows it replaces, insert the new article rows."""
        hashes = [a.content_hash for a in batch]
        by_hash = {
            row.content_hash: row
            for row in connection.execute(
                sa.select(articles.c.id, articles.c.content_hash, articles.c.source_path, articles.c.record)
                .where(articles.c.content_hash.in_(hashes))
            )
        }
        paths = sorted({a.source_path for a in batch})
        by_source = {
            (row.source_path, row.record): row.id
            for row in connection.execute(
                sa.select(articles.c.id, articles.c.source_path, articles.c.record).where(articles.c.source_path.in_(paths))
            )
        }
        outcomes: list[Outcome] = []
        fresh: list[tuple[int, Article]] = []  # (index in batch, article) to insert
        first_in_batch: dict[str, int] = {}  # content hash -> batch index of its first copy
        now = dt.datetime.now(dt.timezone.utc).isoformat(timespec="seconds")
        for index, article in enumerate(batch):
            source = (article.source_path, article.record)
            existing = by_hash.get(article.content_hash)
            old_id = by_source.pop(source, None)
            if existing is not None and (existing.source_path, existing.record) == source:
                outcomes.append(Outcome(UNCHANGED, existing.id))
                continue
            if old_id is not None:  # the file changed: its old rows go, cascading to their children
                _delete_article(connection, old_id)
            if existing is not None or article.content_hash in first_in_batch:
                outcomes.append(Outcome(DUPLICATE, duplicate_of=existing.id if existing is not None else None))
                continue
            first_in_batch[article.content_hash] = index
            outcomes.append(Outcome(REPLACED if old_id is not None else ADDED))
            fresh.append((index, article))
        if not fresh:
            record_duplicate_sources(connection, _duplicate_rows(batch, outcomes))
            return outcomes, []
        ids = self._backend.reserve_ids(connection, articles, len(fresh))
        rows = [_article_row(article, now) for _, article in fresh]
        columns = ("id", *rows[0])
        self._backend.bulk_insert(connection, articles, columns, [(i, *row.values()) for i, row in zip(ids, rows)])
        id_of_index = {index: article_id for (index, _), article_id in zip(fresh, ids)}
        for index, outcome in enumerate(outcomes):
            if index in id_of_index:
                outcomes[index] = Outcome(outcome.status, id_of_index[index])
            elif outcome.status == DUPLICATE and outcome.duplicate_of is None:
                first = first_in_batch[batch[index].content_hash]
                outcomes[index] = Outcome(DUPLICATE, duplicate_of=id_of_index[first])
        record_duplicate_sources(connection, _duplicate_rows(batch, outcomes))
        return outcomes, [(id_of_index[index], article) for index, article in fresh]

    def _insert_paragraphs(self, connection, fresh) -> dict[tuple[int, int], int]:
        """Paragraphs, and their stems (the stemmed index reads them from ``paragraph_stems``)."""
        placed = [(article_id, position, text) for article_id, article in fresh for position, text in enumerate(article.paragraphs)]
        ids = self._backend.reserve_ids(connection, paragraphs, len(placed))
        rows = [(pid, *row) for pid, row in zip(ids, placed)]
        self._backend.bulk_insert(connection, paragraphs, ("id", "article_id", "position", "text"), rows)
        stems = (stem for _, article in fresh for stem in (article.stemmed or [""] * len(article.paragraphs)))
        self._backend.bulk_insert(
            connection, paragraph_stems, ("paragraph_id", "article_id", "stems"),
            [(pid, article_id, stem) for (pid, article_id, _, _), stem in zip(rows, stems)],
        )
        return {(article_id, position): pid for pid, article_id, position, _ in rows}

    def _insert_entities(self, connection, fresh, new_ids: dict[str, int]) -> None:
        wanted = {}
        aliases: set[tuple[str, str]] = set()
        for _, article in fresh:
            for entity in article.entities:
                wanted.setdefault(entity.key, entity)
                for alias in {entity.name, *entity.aliases}:
                    aliases.add((entity.key, alias))
        missing = [key for key in wanted if key not in self._entity_ids]
        if missing:
            new_ids.update(self._entity_ids_of(connection, missing))
            to_insert = [key for key in missing if key not in new_ids]
            if to_insert:
                # Another writer may add the same entity meanwhile: its row wins, and ours is read back.
                connection.execute(
                    self._backend.insert(entities).on_conflict_do_nothing(index_elements=[entities.c.key]),
                    [{"key": k, "name": wanted[k].name, "type": wanted[k].type} for k in to_insert],
                )
                new_ids.update(self._entity_ids_of(connection, to_insert))
        if aliases:
            known = {**self._entity_ids, **new_ids}
            connection.execute(
                self._backend.insert(entity_aliases).on_conflict_do_nothing(),
                [{"entity_id": known[key], "alias": alias, "folded": alias.casefold()} for key, alias in sorted(aliases)],
            )

    @staticmethod
    def _entity_ids_of(connection, keys: list[str]) -> dict[str, int]:
        return dict(connection.execute(sa.select(entities.c.key, entities.c.id).where(entities.c.key.in_(keys))).all())

    def _insert_quotes(self, connection, fresh, paragraph_ids, entity_ids) -> None:
        rows = [
            (
                article_id,
                paragraph_ids[(article_id, quote.paragraph)],
                quote.speaker,
                entity_ids.get(quote.speaker_key) if quote.speaker_key else None,
                quote.role,
                quote.cue,
                quote.text,
                quote.start,
                quote.end,
                fold_name(quote.speaker) if quote.speaker else None,
                quote.rule,
            )
            for article_id, article in fresh
            for quote in article.quotes
        ]
        columns = ("article_id", "paragraph_id", "speaker", "speaker_entity_id", "role", "cue", "text", "start", "end",
                   "speaker_folded", "rule")
        self._backend.bulk_insert(connection, quotes, columns, rows)

    def _insert_mentions(self, connection, fresh, paragraph_ids, entity_ids) -> None:
        rows = [
            (
                entity_ids[mention.entity_key],
                article_id,
                paragraph_ids[(article_id, mention.paragraph)] if mention.paragraph is not None else None,
                mention.field,
                mention.surface,
                mention.start,
                mention.end,
            )
            for article_id, article in fresh
            for mention in article.mentions
            if mention.entity_key in entity_ids
        ]
        self._backend.bulk_insert(
            connection, entity_mentions, ("entity_id", "article_id", "paragraph_id", "field", "surface", "start", "end"), rows
        )


def _duplicate_rows(batch: Sequence[Article], outcomes: list[Outcome]) -> list[tuple[int, str, int]]:
    return [
        (outcome.duplicate_of, article.source_path, article.record)
        for article, outcome in zip(batch, outcomes)
        if outcome.status == DUPLICATE and outcome.duplicate_of is not None
    ]


def _delete_article(connection: sa.Connection, article_id: int) -> None:
    """Delete an article; its children (and their index entries, stems included) go with it."""
    connection.execute(sa.delete(articles).where(articles.c.id == article_id))


def _article_row(article: Article, now: str) -> dict:
    return {
        "source_path": article.source_path,
        "record": article.record,
        "format": article.format,
        "content_hash": article.content_hash,
        "title": article.title,
        "published": article.published,
        "published_from": article.published_from,
        "dateline": article.dateline,
        "language": article.language,
        "language_from": article.language_from,
        "editor": article.editor,
        "url": article.url,
        "source": article.source,
        "authors": json.dumps(article.authors, ensure_ascii=False) if article.authors else None,
        "related": json.dumps(article.related, ensure_ascii=False) if article.related else None,
        "ingested_at": now,
        "simhash": article.simhash,
    }
