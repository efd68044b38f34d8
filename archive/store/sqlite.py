"""The SQLite backend (``archive.store.backend.Backend``): the archive in one file.

Connection pragmas, transaction mode, which errors mean a damaged or full file, the query time
limit, FTS5 checks and rebuilds, and the bulk paths of the writer. Search SQL is in
``sqlite_search``; how a file is looked at before it is opened, in ``sqlite_files``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import time
from collections.abc import Iterator, Sequence
from itertools import chain
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.dialects import sqlite as sqlite_dialect
from sqlalchemy.engine import Engine

from archive.errors import DatabaseCorrupt, DatabaseError, DiskFull, QueryTooExpensive
from archive.store import sqlite_search as search  # noqa: F401 (the backend interface: its search SQL)
from archive.store.backend import Opened, sqlite_path

name = "sqlite"

BUSY_TIMEOUT_MS = 30_000
# WAL pages between two automatic checkpoints (SQLite's default is 1,000, 4 MB). An ingest batch of
# 500 articles writes ~1,000 pages, so the default checkpointed after nearly every commit: two
# fsyncs each, and the pages every batch touches again (index and FTS5 interior pages) copied into
# the database each time. 16,384 pages (64 MB of WAL at most between checkpoints, as much as the
# page cache) checkpoint once per ~15 batches. Commits stay as durable and crash-safe as before:
# only when WAL pages are copied back changes. The WAL is checkpointed and removed when the last
# connection closes.
WAL_CHECKPOINT_PAGES = 16_384
# SQLite virtual-machine steps between two looks at a query's deadline (well under a millisecond).
_PROGRESS_STEPS = 10_000

# Index name -> (content table, indexed columns); the migrations create them with their triggers.
FTS_INDEXES = {
    "articles_fts": ("articles", ("title",)),
    "paragraphs_fts": ("paragraphs", ("text",)),
    "quotes_fts": ("quotes", ("text", "speaker")),
    "paragraphs_stem_fts": ("paragraph_stems", ("stems",)),
}
# FTS5 keeps each index in a virtual table and these shadow tables.
_FTS_SHADOWS = ("_data", "_idx", "_docsize", "_config", "_content")


def configure(engine: Engine, path: str, read_only: bool = False) -> None:
    """Install the connection pragmas, explicit transaction handling and error translation on a
    SQLite engine; a ``read_only`` one (a published archive on read-only storage) writes nothing."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's implicit
        # transactions would defer the write lock and break busy-timeout waiting).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")  # readers never block the one writer
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash never corrupts
            cursor.execute(f"PRAGMA wal_autocheckpoint = {WAL_CHECKPOINT_PAGES}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
        cursor.close()

    @sa.event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:
        translated = translate_error(context.original_exception, path)
        if translated is not None:
            raise translated from context.original_exception

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the write lock up front (waiting up to the busy timeout) so two ingests
        # queue instead of failing half-way with "database is locked".
        immediate = connection.get_execution_options().get("immediate_transaction", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def translate_error(error: BaseException, where: str) -> Exception | None:
    """The domain error for a SQLite failure that is about the database itself, else None.

    A damaged file and a full disk are reported as what they are, in one line, wherever the
    statement was; everything else (syntax, constraints, locks) stays the driver's error for the
    caller to judge.
    """
    code = getattr(error, "sqlite_errorname", "") or ""
    if code.startswith("SQLITE_CORRUPT") or code == "SQLITE_NOTADB":
        return DatabaseCorrupt(
            f"the archive {where} is damaged ({error}): run 'archive check --repair' to rebuild its indexes, "
            "or restore it from a backup"
        )
    if code.startswith("SQLITE_FULL"):
        return DiskFull(f"the disk is full ({error})")
    return None


# --------------------------------------------------------------------------- opening a file

def describe(url: sa.URL) -> str:
    return str(sqlite_path(url))


def make_engine(path: str | Path) -> Engine:
    """An engine on ``path`` with the archive's pragmas, without touching the schema."""
    engine = sa.create_engine(sa.URL.create("sqlite", database=str(path)))
    configure(engine, str(path))
    return engine


def make_read_only_engine(path: Path) -> Engine:
    """An engine that never writes ``path`` (nor creates ``NAME-wal``/``NAME-shm`` beside it)."""
    from archive.store import sqlite_files

    engine = sa.create_engine("sqlite://", creator=lambda: sqlite_files.connect_read_only(path), poolclass=sa.pool.QueuePool)
    configure(engine, str(path), read_only=True)
    return engine


def connect(url: sa.URL, create: bool) -> Opened:
    """Open the archive file: only ``create`` makes one (in a new file or an empty database); any
    other SQLite file is refused untouched; one on storage that cannot be written opens read-only.

    Raises ``DatabaseError`` with a one-line reason when the file is missing, not an archive,
    damaged, or read-only where writing is needed.
    """
    from archive.store import sqlite_files

    path = sqlite_path(url)
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    empty = not path.exists()
    if empty:
        if not create:
            raise DatabaseError(f"no archive at {path}: run 'archive ingest PATH' first, or pass --db")
        if not path.parent.exists():
            raise DatabaseError(f"cannot create {path}: folder {path.parent} does not exist")
    elif sqlite_files.probe(path) == sqlite_files.EMPTY:
        if not create:
            raise DatabaseError(f"no archive at {path} (an empty database): run 'archive ingest PATH' first, or pass --db")
        empty = True
    if not sqlite_files.writable(path):
        if create:
            raise DatabaseError(f"cannot write {path}: the database or its folder is read-only{read_only_hint(path)}")
        return Opened(make_read_only_engine(path), read_only=True)
    return Opened(make_engine(path), empty=empty, discard=_remover(path) if not path.exists() else None)


def _remover(path: Path):
    """Removes the file ``path`` (and the journal files beside it) that opening is about to create."""

    def remove() -> None:
        for name in (path, *(path.with_name(path.name + suffix) for suffix in ("-wal", "-shm", "-journal"))):
            name.unlink(missing_ok=True)

    return remove


def hint(url: sa.URL) -> str:
    """Why opening may have failed: WAL mode writes ``NAME-wal``/``NAME-shm`` beside the database."""
    return read_only_hint(sqlite_path(url))


def read_only_hint(path: Path) -> str:
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f" (an archive is written with {path.name}-wal and {path.name}-shm beside it)"
    return ""


@contextlib.contextmanager
def migration_transaction(engine: Engine) -> Iterator[sa.Connection]:
    # BEGIN IMMEDIATE takes the write lock first (waiting up to the busy timeout), so processes
    # opening a new or old database at once migrate one after the other: the later ones find the
    # schema at head. A deferred BEGIN read the schema first and then failed at once with
    # "database is locked" when another process had migrated meanwhile.
    with engine.execution_options(immediate_transaction=True).begin() as connection:
        yield connection


# --------------------------------------------------------------------------- queries and checks

@contextlib.contextmanager
def time_limit(connection: sa.Connection, seconds: float | None) -> Iterator[None]:
    """Stop the statements run inside after ``seconds`` with ``QueryTooExpensive`` (SQLite's
    progress handler interrupts them), so no query burns a core for minutes. None: no limit."""
    if not seconds:
        yield
        return
    driver = connection.connection.driver_connection
    deadline = time.monotonic() + seconds
    expired = False

    def over_time() -> int:
        nonlocal expired
        expired = time.monotonic() > deadline
        return 1 if expired else 0  # non-zero interrupts the statement

    driver.set_progress_handler(over_time, _PROGRESS_STEPS)
    try:
        yield
    except sa.exc.OperationalError:
        if expired:
            raise QueryTooExpensive(
                f"query too expensive: stopped after {seconds:g} s (narrow it, or give a longer --time-limit)"
            ) from None
        raise
    finally:
        driver.set_progress_handler(None, 0)


def is_read_only(connection: sa.Connection) -> bool:
    """True on a connection that may not write (an archive opened from read-only storage)."""
    return bool(connection.exec_driver_sql("PRAGMA query_only").scalar())


def integrity_problems(connection: sa.Connection) -> list[str]:
    """SQLite and FTS5 integrity checks; an empty list means both are clean.

    FTS5 compares each index with its content table, the stemmed one included (its stems are
    stored in ``paragraph_stems``). It runs its check as an ``INSERT`` command, which a read-only
    connection refuses: there only SQLite's own check runs.
    """
    problems = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check") if row[0] != "ok"]
    if is_read_only(connection):
        return problems
    for index in FTS_INDEXES:
        try:
            connection.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        except (sa.exc.DatabaseError, DatabaseCorrupt) as exc:  # a damaged index is what this looks for
            problems.append(f"{index}: {getattr(exc, 'orig', None) or exc.__cause__ or exc}")
    return problems


def skipped_checks(connection: sa.Connection) -> list[str]:
    if is_read_only(connection):
        return ["full-text index checks (they need write access; the archive is read-only)"]
    return []


def rebuild_indexes(connection: sa.Connection) -> None:
    """Rebuild every FTS index from its content table."""
    for index in FTS_INDEXES:
        connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def is_engine_object(type_: str, name: str | None, table: str | None) -> bool:
    """FTS5 virtual tables and their shadow tables (the migrations make them; ``schema.py`` does not)."""
    if type_ != "table" or not name:
        return False
    return any(name == index or name in (index + s for s in _FTS_SHADOWS) for index in FTS_INDEXES)


# --------------------------------------------------------------------------- writing

def reserve_ids(connection: sa.Connection, table: sa.Table, count: int) -> list[int]:
    """The ids SQLite would give the next ``count`` rows of ``table``.

    Assigned here, not read back with RETURNING: SQLite can only return them in order one row
    per statement. The writer holds the write lock (BEGIN IMMEDIATE), so max(id) + 1… are exactly
    the ids SQLite would pick, and no other process can take them before the commit.
    """
    first = (connection.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0) + 1
    return list(range(first, first + count))


# Rows per multi-row INSERT. Larger statements flush FTS5 less often, but sqlite3 keeps its last
# 128 prepared statements, and one of 8,000 rows holds ~3 MB: 500 rows keep that cache under ~25 MB.
_ROWS_PER_INSERT = 500
# SQLite's bound on variables per statement since 3.32 (a build from before then reports 999).
_MAX_VARIABLES = 32766


def bulk_insert(connection: sa.Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Bulk INSERT of plain tuples, hundreds of rows per statement: the writer's hot path.

    Multi-row ``INSERT … VALUES (…), (…)`` rather than ``executemany``: a row-by-row statement on a
    table with FTS5 triggers opens a statement savepoint per row, and FTS5 flushes its pending
    terms to a new on-disk segment at every savepoint (then merges those tiny segments): that made
    the trigger 90% of a paragraph insert. One statement per few hundred rows flushes once per
    statement, with the triggers (and so the index's consistency) unchanged. The values are already
    ``str``/``int``/``float``/``None``, which sqlite3 binds as they are.
    """
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    group = "(" + ", ".join("?" * len(columns)) + ")"
    per_statement = max(1, min(_ROWS_PER_INSERT, _variable_limit(connection) // len(columns)))
    for start in range(0, len(rows), per_statement):
        part = rows[start:start + per_statement]
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) VALUES {", ".join([group] * len(part))}',
            tuple(chain.from_iterable(part)),
        )


def _variable_limit(connection: sa.Connection) -> int:
    limit = connection.connection.driver_connection.getlimit(sqlite3.SQLITE_LIMIT_VARIABLE_NUMBER)
    return min(limit, _MAX_VARIABLES)


def insert(table: sa.Table) -> sa.Insert:
    return sqlite_dialect.insert(table)


def is_conflict(error: BaseException) -> bool:
    """Never: one writer at a time holds the file's write lock, so no other writer races it."""
    return False


def refresh_statistics(engine: Engine) -> None:
    """Nothing: SQLite's planner needs no statistics for the archive's queries (and none are kept)."""


def after_bulk_copy(connection: sa.Connection) -> None:
    """Nothing to catch up: SQLite takes max(id) + 1, and the triggers kept the indexes in step."""
