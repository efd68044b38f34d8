"""The one writer: normalized articles into the database in batched transactions.

Each batch is one transaction, so an article is never half-written: it lands with its
paragraphs, quotes and mentions, or not at all. A batch that fails is retried article by article
so one bad article cannot take its neighbours down with it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.normalize.model import Article
from archive.store import sqlite
from archive.store.schema import articles, entities, entity_aliases, entity_mentions, paragraphs, quotes

ADDED, UNCHANGED, REPLACED, DUPLICATE, FAILED = "added", "unchanged", "replaced", "duplicate", "failed"


@dataclass(frozen=True)
class Outcome:
    """What happened to one article: a status above, its row id, and why if it failed."""

    status: str
    article_id: int | None = None
    duplicate_of: int | None = None
    reason: str | None = None


class ArticleWriter:
    """Writes batches of articles; keeps the entity-key → id map across batches."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine.execution_options(immediate_transaction=True)
        self._entity_ids: dict[str, int] = {}

    def write(self, batch: Sequence[Article]) -> list[Outcome]:
        """Write a batch in one transaction; on failure fall back to one transaction per article."""
        if not batch:
            return []
        try:
            return self._write_transaction(batch)
        except sa.exc.OperationalError:
            raise  # locked, read-only, disk full: the caller reports it; retrying would not help
        except sa.exc.DBAPIError:
            if len(batch) == 1:
                raise
        outcomes = []
        for article in batch:
            try:
                outcomes.extend(self._write_transaction([article]))
            except sa.exc.OperationalError:
                raise
            except sa.exc.DBAPIError as exc:
                outcomes.append(Outcome(FAILED, reason=f"database rejected the article: {exc.orig}"))
        return outcomes

    def _write_transaction(self, batch: Sequence[Article]) -> list[Outcome]:
        new_entity_ids: dict[str, int] = {}
        with self._engine.begin() as connection:
            outcomes, fresh = self._place_articles(connection, batch)
            if fresh:
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
                connection.execute(sa.delete(articles).where(articles.c.id == old_id))
            if existing is not None or article.content_hash in first_in_batch:
                outcomes.append(Outcome(DUPLICATE, duplicate_of=existing.id if existing is not None else None))
                continue
            first_in_batch[article.content_hash] = index
            outcomes.append(Outcome(REPLACED if old_id is not None else ADDED))
            fresh.append((index, article))
        if not fresh:
            return outcomes, []
        ids = connection.execute(
            sa.insert(articles).returning(articles.c.id, sort_by_parameter_order=True),
            [_article_row(article, now) for _, article in fresh],
        ).scalars().all()
        id_of_index = {index: article_id for (index, _), article_id in zip(fresh, ids)}
        for index, outcome in enumerate(outcomes):
            if index in id_of_index:
                outcomes[index] = Outcome(outcome.status, id_of_index[index])
            elif outcome.status == DUPLICATE and outcome.duplicate_of is None:
                first = first_in_batch[batch[index].content_hash]
                outcomes[index] = Outcome(DUPLICATE, duplicate_of=id_of_index[first])
        return outcomes, [(id_of_index[index], article) for index, article in fresh]

    def _insert_paragraphs(self, connection, fresh) -> dict[tuple[int, int], int]:
        rows = [
            {"article_id": article_id, "position": position, "text": text}
            for article_id, article in fresh
            for position, text in enumerate(article.paragraphs)
        ]
        ids = connection.execute(
            sa.insert(paragraphs).returning(paragraphs.c.id, sort_by_parameter_order=True), rows
        ).scalars().all()
        return {(row["article_id"], row["position"]): pid for row, pid in zip(rows, ids)}

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
            for row in connection.execute(sa.select(entities.c.key, entities.c.id).where(entities.c.key.in_(missing))):
                new_ids[row.key] = row.id
            to_insert = [key for key in missing if key not in new_ids]
            if to_insert:
                rows = [{"key": k, "name": wanted[k].name, "type": wanted[k].type} for k in to_insert]
                ids = connection.execute(
                    sa.insert(entities).returning(entities.c.id, sort_by_parameter_order=True), rows
                ).scalars().all()
                new_ids.update(zip(to_insert, ids))
        if aliases:
            known = {**self._entity_ids, **new_ids}
            connection.execute(
                sqlite.insert_ignore(entity_aliases),
                [{"entity_id": known[key], "alias": alias, "folded": alias.casefold()} for key, alias in sorted(aliases)],
            )

    def _insert_quotes(self, connection, fresh, paragraph_ids, entity_ids) -> None:
        rows = [
            {
                "article_id": article_id,
                "paragraph_id": paragraph_ids[(article_id, quote.paragraph)],
                "speaker": quote.speaker,
                "speaker_entity_id": entity_ids.get(quote.speaker_key) if quote.speaker_key else None,
                "role": quote.role,
                "cue": quote.cue,
                "text": quote.text,
                "start": quote.start,
                "end": quote.end,
            }
            for article_id, article in fresh
            for quote in article.quotes
        ]
        if rows:
            connection.execute(sa.insert(quotes), rows)

    def _insert_mentions(self, connection, fresh, paragraph_ids, entity_ids) -> None:
        rows = [
            {
                "entity_id": entity_ids[mention.entity_key],
                "article_id": article_id,
                "paragraph_id": paragraph_ids[(article_id, mention.paragraph)] if mention.paragraph is not None else None,
                "field": mention.field,
                "surface": mention.surface,
                "start": mention.start,
                "end": mention.end,
            }
            for article_id, article in fresh
            for mention in article.mentions
            if mention.entity_key in entity_ids
        ]
        if rows:
            connection.execute(sa.insert(entity_mentions), rows)


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
    }
