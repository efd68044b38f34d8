"""The backend seam: one interface over the database engines, the engine chosen once from the URL.

``archive --db`` takes a file path or ``sqlite:///PATH`` (SQLite, the embedded default) or
``postgresql://USER@HOST:PORT/DB`` (a PostgreSQL server). ``for_url`` picks the engine module once,
when the archive is opened; everything above then asks ``of(connection)`` for the module of the
engine a connection is on. Each engine module (``archive.store.sqlite``, ``archive.store.postgresql``)
provides every member of ``Backend``, and its search SQL sits in one module beside it
(``sqlite_search``, ``postgresql_search``), providing every member of ``SearchSQL``.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Protocol, runtime_checkable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import UsageError

DEFAULT_DB = "archive.db"
ENV_VAR = "ARCHIVE_DB"

# Marks around matched terms in snippets: control characters no article text contains (the
# normalizer strips them), turned into Rich markup or plain markers by the layers above.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"

_SCHEMES = {"sqlite": "sqlite", "postgresql": "postgresql", "postgres": "postgresql"}


@dataclass(frozen=True)
class Opened:
    """An engine on an archive (or on an empty database ``create`` may fill), and whether it may write."""

    engine: Engine
    read_only: bool = False
    empty: bool = False  # no archive yet: only ``create`` gets here
    # Removes what opening made (a new file) when making the archive in it fails or is interrupted:
    # a first ingest stopped by Ctrl-C leaves nothing behind rather than an empty database.
    discard: Callable[[], None] | None = None


@runtime_checkable
class SearchSQL(Protocol):
    """Everything engine-specific about full-text search, in one inspectable module per engine.

    Statements are ``sa.TextClause`` objects with named parameters (``:paragraph_match`` …), built
    once and given their values when they run (``match_parameters``); each yields an id column and
    ``rank`` (lower is better) so the portable query in ``archive.query.search`` can rank both engines.
    """

    def render_match(self, nodes) -> str:
        """Parsed query nodes (``archive.query.parse``) as this engine's query string; every word literal."""

    def render_literal(self, nodes) -> str:
        """Every word of the query, all required (the fallback when operators do not combine)."""

    def check_raw(self, text: str) -> str:
        """A ``--raw`` query as the engine will run it (its own syntax, unchanged)."""

    def is_syntax_error(self, error: Exception) -> bool:
        """True when the engine rejected a query string (not a failure of the database)."""

    def match_parameters(self, match: str) -> dict:
        """Values for every named match parameter of the statements below."""

    def paragraph_matches(self) -> sa.TextClause:
        """``paragraph_id, rank`` of the paragraphs matching ``:paragraph_match``."""

    def top_paragraph_matches(self) -> sa.TextClause:
        """The ``:top`` best of them."""

    def title_matches(self) -> sa.TextClause:
        """``article_id, rank`` of the articles whose title matches ``:title_match``."""

    def stem_matches(self) -> sa.TextClause:
        """``paragraph_id, rank`` of the paragraphs whose stems match ``:stem_match``."""

    def quote_matches(self, match: str | None = None) -> sa.TextClause:
        """``quote_id, rank`` of the quotes whose text matches ``match`` (or ``:quote_match``)."""

    def snippets(self, connection: sa.Connection, kind: str, match: str, ids: list[int]) -> dict[int, str]:
        """Engine-made snippets (``HIT_OPEN``/``HIT_CLOSE`` marks) of ``paragraphs``, ``titles`` or ``quotes``."""


@runtime_checkable
class Backend(Protocol):
    """What the rest of the package may ask of a database engine; each engine module provides it."""

    name: str
    search: SearchSQL

    def connect(self, url: sa.URL, create: bool) -> Opened:
        """An engine on the archive at ``url`` (checked: reachable, an archive or empty, writable)."""

    def describe(self, url: sa.URL) -> str:
        """The archive's name in messages (a path, or the URL without its password)."""

    def hint(self, url: sa.URL) -> str:
        """Words to add to a failure to open the archive (SQLite: the files WAL mode writes beside it)."""

    def migration_transaction(self, engine: Engine) -> AbstractContextManager[sa.Connection]:
        """A transaction in which one process at a time upgrades the schema."""

    def time_limit(self, connection: sa.Connection, seconds: float | None) -> AbstractContextManager[None]:
        """Stop statements run inside after ``seconds`` with ``QueryTooExpensive``."""

    def is_read_only(self, connection: sa.Connection) -> bool:
        """True on a connection that may not write."""

    def integrity_problems(self, connection: sa.Connection) -> list[str]:
        """The engine's own integrity checks (tables, indexes, full-text and stem indexes)."""

    def skipped_checks(self, connection: sa.Connection) -> list[str]:
        """Checks ``integrity_problems`` could not run here, and why."""

    def rebuild_indexes(self, connection: sa.Connection) -> None:
        """Rebuild the full-text (and other) indexes from their tables."""

    def reserve_ids(self, connection: sa.Connection, table: sa.Table, count: int) -> list[int]:
        """``count`` new primary keys for ``table``, unique even with other writers."""

    def bulk_insert(self, connection: sa.Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[tuple]) -> None:
        """Insert plain tuples fast: the writer's and ``archive copy``'s hot path."""

    def insert(self, table: sa.Table) -> sa.Insert:
        """An INSERT with ``on_conflict_do_nothing`` / ``on_conflict_do_update`` (the same API on both)."""

    def is_conflict(self, error: BaseException) -> bool:
        """True for an error another writer caused (a unique key taken meanwhile, a deadlock): retry."""

    def refresh_statistics(self, engine: Engine) -> None:
        """After a bulk load: let the query planner see the new rows (PostgreSQL's ANALYZE)."""

    def after_bulk_copy(self, connection: sa.Connection) -> None:
        """Catch up what explicit ids left behind (PostgreSQL's sequences) after ``archive copy``."""

    def is_engine_object(self, type_: str, name: str | None, table: str | None) -> bool:
        """True for a schema object this engine adds beyond ``schema.py`` (full-text tables, columns, indexes)."""


def target_url(target: str | os.PathLike | None = None) -> sa.URL:
    """The archive's URL: ``target``, else ``$ARCHIVE_DB``, else ``./archive.db``; a plain path is SQLite.

    Raises ``UsageError`` for a URL this package cannot open.
    """
    if target is None:
        target = os.environ.get(ENV_VAR) or DEFAULT_DB
    text = os.fspath(target)
    if isinstance(text, bytes):
        text = os.fsdecode(text)
    if "://" not in text:
        return sa.URL.create("sqlite", database=text)
    try:
        url = sa.make_url(text)
    except sa.exc.ArgumentError:
        raise UsageError(f"cannot read the database URL {text!r}: give a file path, sqlite:///PATH or postgresql://USER@HOST/DB") from None
    scheme = url.drivername.split("+")[0]
    if scheme not in _SCHEMES:
        raise UsageError(
            f"unsupported database {scheme!r} in --db: give a file path, sqlite:///PATH or postgresql://USER@HOST/DB"
        )
    if _SCHEMES[scheme] == "sqlite" and not url.database:
        raise UsageError("sqlite:// needs a file: sqlite:///relative/path.db or sqlite:////absolute/path.db")
    return url


def for_url(url: sa.URL) -> Backend:
    """The engine module for an archive URL (decided once, when the archive is opened)."""
    return named(_SCHEMES[url.drivername.split("+")[0]])


def of(bind: sa.Connection | Engine | sa.Dialect) -> Backend:
    """The engine module of a connection, engine or dialect."""
    dialect = bind if isinstance(bind, sa.Dialect) else bind.dialect
    return named(dialect.name)


def named(name: str) -> ModuleType:
    """The engine module called ``name`` (a SQLAlchemy dialect name: ``sqlite``, ``postgresql``)."""
    if name == "sqlite":
        from archive.store import sqlite as module
    elif name == "postgresql":
        from archive.store import postgresql as module
    else:  # pragma: no cover - for_url refuses other URLs first
        raise UsageError(f"no backend for the {name} database engine")
    return module


def describe(engine: Engine) -> str:
    """An open archive's name in messages: its file, or its URL without the password."""
    return of(engine).describe(engine.url)


def phrases_of(nodes) -> list:
    """The phrases of parsed query nodes, in order (a group of readings counts by its first).

    Query nodes come from ``archive.query.parse`` and are read by shape (``words``, ``phrases``,
    ``options``, ``name``), so the store does not depend on the layer above it.
    """
    found = []
    for node in nodes:
        if hasattr(node, "words"):
            found.append(node)
        elif hasattr(node, "phrases"):
            found.extend(node.phrases)
        elif hasattr(node, "options"):
            found.extend(phrases_of(node.options[:1]))
    return found


def sqlite_path(url: sa.URL) -> Path:
    """The file of a SQLite URL."""
    return Path(url.database or "")
