"""The one writer: normalized articles into the database in batched transactions.

Each batch is one transaction, so an article is never half-written: it lands with its
paragraphs, quotes and mentions, or not at all. A batch that fails is retried article by article
so one bad article cannot take its neighbours down with it.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass, replace

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.normalize.cleanup import fold_name
from archive.normalize.model import Article
from archive.normalize.stemming import stem_text
from archive.store import sqlite
from archive.store.duplicates import link_near_duplicates, record_duplicate_sources
from archive.store.settings import require_current_stemmers
from archive.store.schema import articles, entities, entity_aliases, entity_mentions, paragraphs, quotes

ADDED, UNCHANGED, REPLACED, DUPLICATE, FAILED = "added", "unchanged", "replaced", "duplicate", "failed"
# What a single bad article can provoke: rejected by a constraint, or not bindable by the driver.
_ARTICLE_ERRORS = (sa.exc.DBAPIError, UnicodeError, ValueError, TypeError, OverflowError)


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
        self._entity_ids: dict[str, int] = {}
        self._stemmers_checked = False

    def write(self, batch: Sequence[Article]) -> list[Outcome]:
        """Write a batch in one transaction; on failure fall back to one transaction per article.

        Errors of the database itself (locked, read-only, disk full) are raised: retrying would not
        help. Anything else that one article provokes (a constraint, text the driver cannot bind)
        costs that article alone, reported as FAILED.
        """
        if not batch:
            return []
        try:
            return self._write_transaction(batch)
        except sa.exc.OperationalError:
            raise
        except _ARTICLE_ERRORS as exc:
            if len(batch) == 1:
                return [Outcome(FAILED, reason=_reason(exc))]
        outcomes = []
        for article in batch:
            try:
                outcomes.extend(self._write_transaction([article]))
            except sa.exc.OperationalError:
                raise
            except _ARTICLE_ERRORS as exc:
                outcomes.append(Outcome(FAILED, reason=_reason(exc)))
        return outcomes

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
        # Ids are assigned here, not read back with RETURNING: SQLite can only return them in
        # order one row per statement. This writer holds the write lock (BEGIN IMMEDIATE), so
        # max(id) + 1… are exactly the ids SQLite would pick.
        first = sqlite.next_id(connection, articles)
        ids = list(range(first, first + len(fresh)))
        rows = [_article_row(article, now) for _, article in fresh]
        columns = ("id", *rows[0])
        sqlite.insert_tuples(connection, articles, columns, [(i, *row.values()) for i, row in zip(ids, rows)])
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
        first = sqlite.next_id(connection, paragraphs)
        rows = [
            (first + n, article_id, position, text)
            for n, (article_id, position, text) in enumerate(
                (article_id, position, text)
                for article_id, article in fresh
                for position, text in enumerate(article.paragraphs)
            )
        ]
        sqlite.insert_tuples(connection, paragraphs, ("id", "article_id", "position", "text"), rows)
        ids = [row[0] for row in rows]
        stems = (stem for _, article in fresh for stem in (article.stemmed or [""] * len(article.paragraphs)))
        sqlite.insert_stems(connection, [{"id": pid, "stems": stem} for pid, stem in zip(ids, stems)])
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
        sqlite.insert_tuples(connection, quotes, columns, rows)

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
        sqlite.insert_tuples(
            connection, entity_mentions, ("entity_id", "article_id", "paragraph_id", "field", "surface", "start", "end"), rows
        )


def _duplicate_rows(batch: Sequence[Article], outcomes: list[Outcome]) -> list[tuple[int, str, int]]:
    return [
        (outcome.duplicate_of, article.source_path, article.record)
        for article, outcome in zip(batch, outcomes)
        if outcome.status == DUPLICATE and outcome.duplicate_of is not None
    ]


def _delete_article(connection: sa.Connection, article_id: int) -> None:
    """Delete an article and its children; its stemmed-index entries go first (they need the text)."""
    rows = connection.execute(
        sa.select(paragraphs.c.id, paragraphs.c.text, articles.c.language)
        .join(articles, articles.c.id == paragraphs.c.article_id)
        .where(paragraphs.c.article_id == article_id)
    ).all()
    sqlite.delete_stems(connection, [{"id": r.id, "stems": stem_text(r.text, r.language)} for r in rows])
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
