"""The PostgreSQL backend (``archive.store.backend.Backend``): the archive on a server.

Driver psycopg 3. Ids come from the tables' sequences, bulk rows go in with ``COPY``, writers run
at READ COMMITTED and the unique constraints decide between two processes storing the same story
(the loser retries, see ``is_conflict``). Full text is ``tsvector`` columns generated from the
text, with GIN indexes (migration 0006); the search SQL is in ``postgresql_search``.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence

import psycopg
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql as pg_dialect
from sqlalchemy.engine import Engine

from archive.errors import DatabaseCorrupt, DatabaseError, DiskFull, NotAnArchive, QueryTooExpensive
from archive.store import postgresql_search as search  # noqa: F401 (the backend interface: its search SQL)
from archive.store.backend import Opened
from archive.store.schema import metadata

name = "postgresql"
DRIVER = "postgresql+psycopg"

# Generated tsvector columns and their GIN indexes (migration 0006): table -> {column: index}.
FTS_COLUMNS = {
    "articles": {"title_tsv": "ix_articles_title_tsv"},
    "paragraphs": {"text_tsv": "ix_paragraphs_text_tsv"},
    "quotes": {"terms_tsv": "ix_quotes_terms_tsv"},
    "paragraph_stems": {"stems_tsv": "ix_paragraph_stems_stems_tsv"},
}
# One advisory lock serializes processes that find the schema behind (two ingests on a new database).
_MIGRATION_LOCK = 0x6E657773  # "news"
_CONFLICTS = {"23505", "40P01", "40001"}  # unique_violation, deadlock_detected, serialization_failure
_GONE = ("08", "57P01", "57P02", "57P03")  # connection exceptions, server shutting down or starting


def describe(url: sa.URL) -> str:
    """The URL as a user wrote it, without its password."""
    return url.set(drivername="postgresql").render_as_string(hide_password=True)


def hint(url: sa.URL) -> str:
    return ""


def _one_line(error: BaseException) -> str:
    return " ".join(str(getattr(error, "orig", None) or error).split())


def translate_error(error: BaseException, where: str) -> Exception | None:
    """The domain error for a failure of the server or its storage, else None (constraints,
    syntax, conflicts and cancelled statements stay the driver's for the caller to judge)."""
    state = getattr(error, "sqlstate", None) or ""
    if state == "53100":
        return DiskFull(f"the server's disk is full ({_one_line(error)})")
    if state in ("XX001", "XX002"):
        return DatabaseCorrupt(
            f"the archive {where} is damaged ({_one_line(error)}): run 'archive check --repair' to rebuild its indexes, "
            "or restore it from a backup"
        )
    if state == "25006":
        return DatabaseError(f"cannot write {where}: the server is read-only here ({_one_line(error)})")
    if state == "42501":
        return DatabaseError(f"permission denied on {where}: {_one_line(error)}")
    if state.startswith(_GONE) or (isinstance(error, psycopg.OperationalError) and not state):
        return DatabaseError(f"lost the connection to {where}: {_one_line(error)}")
    return None


def make_engine(url: sa.URL) -> Engine:
    """An engine on the server at ``url`` with the archive's error translation."""
    engine = sa.create_engine(url.set(drivername=DRIVER), pool_size=2, max_overflow=4)
    where = describe(url)

    @sa.event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:
        translated = translate_error(context.original_exception, where)
        if translated is not None:
            raise translated from context.original_exception

    return engine


def connect(url: sa.URL, create: bool) -> Opened:
    """Connect and look: an archive (``alembic_version`` in the schema), an empty schema (only
    ``create`` fills it), or another program's tables (refused untouched)."""
    where = describe(url)
    engine = make_engine(url)
    try:
        with engine.connect() as connection:
            tables = set(connection.exec_driver_sql("SELECT tablename FROM pg_tables WHERE schemaname = current_schema()").scalars())
            read_only = connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "on"
            ctype, encoding = connection.exec_driver_sql(
                "SELECT datctype, pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()"
            ).one()
    except (DatabaseError, sa.exc.DBAPIError) as exc:
        engine.dispose()
        cause = exc.__cause__ if isinstance(exc, DatabaseError) and exc.__cause__ is not None else exc
        raise DatabaseError(f"cannot connect to {where}: {_one_line(cause)}") from None
    if "alembic_version" not in tables:
        if tables:
            engine.dispose()
            shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
            raise NotAnArchive(f"{where} is not an archive: its schema holds other tables ({shown}), left untouched; give another --db")
        if not create:
            engine.dispose()
            raise DatabaseError(f"no archive in {where} (an empty database): run 'archive ingest PATH' first, or pass --db")
        if encoding != "UTF8" or ctype in ("C", "POSIX"):
            engine.dispose()
            raise DatabaseError(
                f"cannot make an archive in {where}: its encoding is {encoding} and LC_CTYPE {ctype}; full-text search "
                "needs UTF8 and a UTF-8 locale (CREATE DATABASE … ENCODING 'UTF8' LC_CTYPE 'C.UTF-8' TEMPLATE template0)"
            )
    if read_only and create:
        engine.dispose()
        raise DatabaseError(f"cannot write {where}: the server or the database is read-only")
    return Opened(engine, read_only=read_only, empty=not tables)


@contextlib.contextmanager
def migration_transaction(engine: Engine) -> Iterator[sa.Connection]:
    """PostgreSQL's DDL is transactional: the upgrade commits whole or not at all, one process at a time."""
    with engine.begin() as connection:
        connection.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        yield connection


# --------------------------------------------------------------------------- queries and checks

@contextlib.contextmanager
def time_limit(connection: sa.Connection, seconds: float | None) -> Iterator[None]:
    """Stop the statements run inside after ``seconds`` (``statement_timeout`` for this transaction).

    A search runs without parallel workers too: starting them takes ~10 ms, several times what a
    selective search needs (set for this transaction only, with the limit, in one round trip).
    """
    limit = str(max(1, round(seconds * 1000))) if seconds else "0"
    connection.execute(
        sa.text("SELECT set_config('statement_timeout', :ms, true), set_config('max_parallel_workers_per_gather', '0', true)"),
        {"ms": limit},
    )
    try:
        yield
    except sa.exc.OperationalError as exc:
        if seconds and getattr(exc.orig, "sqlstate", None) == "57014":  # query_canceled
            raise QueryTooExpensive(
                f"query too expensive: stopped after {seconds:g} s (narrow it, or give a longer --time-limit)"
            ) from None
        raise
    connection.execute(sa.text("SELECT set_config('statement_timeout', '0', true)"))


def is_read_only(connection: sa.Connection) -> bool:
    return connection.exec_driver_sql("SHOW transaction_read_only").scalar() == "on"


def _archive_tables() -> list[str]:
    return [table.name for table in metadata.sorted_tables]


def integrity_problems(connection: sa.Connection) -> list[str]:
    """Indexes left invalid (a failed build), full-text columns or indexes missing, and, where the
    ``amcheck`` extension is installed, the structure of every B-tree index."""
    problems = [
        f"index {row.index} on {row.table} is invalid (a build failed): run 'archive check --repair'"
        for row in connection.execute(sa.text(
            "SELECT c.relname AS index, t.relname AS table FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_class t ON t.oid = i.indrelid WHERE t.relnamespace = current_schema()::regnamespace "
            "AND t.relname = ANY(:tables) AND NOT (i.indisvalid AND i.indisready) ORDER BY 1"
        ), {"tables": _archive_tables()})
    ]
    columns = {(r.table_name, r.column_name) for r in connection.execute(sa.text(
        "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = current_schema()"))}
    indexes = set(connection.execute(sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")).scalars())
    for table, wanted in FTS_COLUMNS.items():
        for column, index in wanted.items():
            if (table, column) not in columns:
                problems.append(f"full-text column {table}.{column} is missing")
            elif index not in indexes:
                problems.append(f"full-text index {index} is missing: run 'archive check --repair'")
    if _has_amcheck(connection):
        for index in connection.execute(sa.text(
            "SELECT c.oid::regclass::text FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
            "JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am a ON a.oid = c.relam WHERE a.amname = 'btree' "
            "AND t.relnamespace = current_schema()::regnamespace AND t.relname = ANY(:tables) AND i.indisvalid"
        ), {"tables": _archive_tables()}).scalars():
            try:
                with connection.begin_nested():
                    connection.execute(sa.text("SELECT bt_index_check(CAST(:index AS regclass))"), {"index": index})
            except sa.exc.DBAPIError as exc:
                problems.append(f"index {index}: {_one_line(exc)}")
    return problems


def _has_amcheck(connection: sa.Connection) -> bool:
    return connection.exec_driver_sql("SELECT 1 FROM pg_extension WHERE extname = 'amcheck'").scalar() is not None


def skipped_checks(connection: sa.Connection) -> list[str]:
    if _has_amcheck(connection):
        return []
    return ["B-tree structure checks (CREATE EXTENSION amcheck to run them)"]


def rebuild_indexes(connection: sa.Connection) -> None:
    """Rebuild every index of the archive's tables (the GIN full-text indexes among them)."""
    for table in _archive_tables():
        connection.exec_driver_sql(f'REINDEX TABLE "{table}"')
    _create_missing_fts_indexes(connection)


def _create_missing_fts_indexes(connection: sa.Connection) -> None:
    present = set(connection.execute(sa.text("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()")).scalars())
    for table, wanted in FTS_COLUMNS.items():
        for column, index in wanted.items():
            if index not in present:
                connection.exec_driver_sql(f'CREATE INDEX "{index}" ON "{table}" USING gin ("{column}")')


def is_engine_object(type_: str, name: str | None, table: str | None) -> bool:
    """The generated tsvector columns and their GIN indexes (migration 0006; not in ``schema.py``)."""
    if type_ == "column":
        return name in FTS_COLUMNS.get(table or "", {})
    if type_ == "index":
        return any(name == index for wanted in FTS_COLUMNS.values() for index in wanted.values())
    return False


# --------------------------------------------------------------------------- writing

def reserve_ids(connection: sa.Connection, table: sa.Table, count: int) -> list[int]:
    """``count`` ids from the table's sequence: no other writer ever gets them (nextval never repeats)."""
    if count <= 0:
        return []
    return sorted(connection.execute(
        sa.text("SELECT nextval(pg_get_serial_sequence(:table, 'id')) FROM generate_series(1, :count)"),
        {"table": table.name, "count": count},
    ).scalars())


def bulk_insert(connection: sa.Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """``COPY … FROM STDIN`` of plain tuples on the connection's own transaction.

    psycopg's COPY bypasses SQLAlchemy's statement execution, so its errors are wrapped here the
    way SQLAlchemy wraps any other (``IntegrityError`` for a taken key, the domain errors for a full
    disk or a lost server), and callers judge them alike.
    """
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    statement = f'COPY "{table.name}" ({names}) FROM STDIN'
    cursor = connection.connection.driver_connection.cursor()
    try:
        with cursor.copy(statement) as copy:
            for row in rows:
                copy.write_row(row)
    except psycopg.Error as exc:
        translated = translate_error(exc, describe(connection.engine.url))
        if translated is not None:
            raise translated from exc
        raise sa.exc.DBAPIError.instance(statement, None, exc, psycopg.Error) from None
    finally:
        cursor.close()


def insert(table: sa.Table) -> sa.Insert:
    return pg_dialect.insert(table)


def is_conflict(error: BaseException) -> bool:
    """A unique key another writer took first, a deadlock between two writers, a serialization
    failure: the transaction is rolled back and the batch decided again, seeing the other's rows."""
    return getattr(getattr(error, "orig", error), "sqlstate", None) in _CONFLICTS


def refresh_statistics(engine: Engine) -> None:
    """ANALYZE the archive's tables: right after a bulk load the planner would otherwise guess
    (autovacuum catches up only later) and, say, scan every quote for one speaker's."""
    with engine.begin() as connection:
        for table in _archive_tables():
            connection.exec_driver_sql(f'ANALYZE "{table}"')


def after_bulk_copy(connection: sa.Connection) -> None:
    """Move each sequence past the ids ``archive copy`` inserted explicitly."""
    for table in metadata.sorted_tables:
        if "id" in table.c and table.c.id.primary_key:
            connection.execute(sa.text(
                f'SELECT setval(pg_get_serial_sequence(:table, \'id\'), coalesce((SELECT max(id) FROM "{table.name}"), 0) + 1, false)'
            ), {"table": table.name})
