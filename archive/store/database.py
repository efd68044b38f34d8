"""Open an archive database: create it, bring its schema to the code's version, refuse newer ones."""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path

import sqlalchemy as sa
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy.engine import Engine

from archive.errors import DatabaseError, DatabaseTooNew
from archive.store import sqlite, sqlite_files
from archive.store.settings import record_stemmers

DEFAULT_DB = "archive.db"
ENV_VAR = "ARCHIVE_DB"


def default_path() -> Path:
    """``$ARCHIVE_DB`` if set, else ``./archive.db``."""
    return Path(os.environ.get(ENV_VAR) or DEFAULT_DB)


@lru_cache(maxsize=1)
def _alembic_config() -> Config:
    import archive.migrations

    config = Config()
    config.set_main_option("script_location", str(Path(archive.migrations.__file__).parent))
    return config


def head_revision() -> str:
    """The newest schema revision this code knows."""
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def _migrate(connection: sa.Connection, target: str = "heads", downgrade: bool = False) -> None:
    from alembic import command

    config = _alembic_config()
    config.attributes["connection"] = connection
    try:
        (command.downgrade if downgrade else command.upgrade)(config, target)
    finally:
        config.attributes.pop("connection", None)


def _revision(engine: Engine) -> str | None:
    """The archive's schema revision; ``DatabaseTooNew`` when this code does not know it."""
    script = ScriptDirectory.from_config(_alembic_config())
    with engine.connect() as connection:
        current = MigrationContext.configure(connection).get_current_revision()
    if current is not None:
        try:
            script.get_revision(current)
        except Exception:
            raise DatabaseTooNew(
                f"the database is at schema revision {current}, newer than this version of archive "
                f"knows (head {script.get_current_head()}): upgrade newsarchive"
            ) from None
    return current


def _upgrade_if_needed(engine: Engine) -> None:
    if _revision(engine) != head_revision():
        # BEGIN IMMEDIATE takes the write lock first (waiting up to the busy timeout), so processes
        # opening a new or old database at once migrate one after the other: the later ones find the
        # schema at head. A deferred BEGIN read the schema first and then failed at once with
        # "database is locked" when another process had migrated meanwhile.
        with engine.execution_options(immediate_transaction=True).begin() as connection:
            _migrate(connection)


def make_engine(path: str | Path) -> Engine:
    """An engine on ``path`` with the archive's pragmas, without touching the schema."""
    engine = sa.create_engine(f"sqlite:///{path}")
    sqlite.configure(engine, str(path))
    return engine


def make_read_only_engine(path: Path) -> Engine:
    """An engine that never writes ``path`` (nor creates ``NAME-wal``/``NAME-shm`` beside it)."""
    engine = sa.create_engine("sqlite://", creator=lambda: sqlite_files.connect_read_only(path), poolclass=sa.pool.QueuePool)
    sqlite.configure(engine, str(path), read_only=True)
    return engine


def open_database(path: str | Path | None = None, *, create: bool = True) -> Engine:
    """Open the archive at ``path``, upgraded to the current schema; with ``create`` (ingest) make it.

    Only ``create`` makes an archive, in a new file or an empty database; any other SQLite file is
    refused untouched (``NotAnArchive``). An archive on storage that cannot be written opens
    read-only, for queries. Raises ``DatabaseError`` with a one-line reason when the file is
    missing, not an archive, damaged, locked, read-only where writing is needed, or newer than this code.
    """
    path = Path(path) if path is not None else default_path()
    if path.is_dir():
        raise DatabaseError(f"{path} is a directory, not a database file")
    if not path.exists():
        if not create:
            raise DatabaseError(f"no archive at {path}: run 'archive ingest PATH' first, or pass --db")
        if not path.parent.exists():
            raise DatabaseError(f"cannot create {path}: folder {path.parent} does not exist")
    elif sqlite_files.probe(path) == sqlite_files.EMPTY and not create:
        raise DatabaseError(f"no archive at {path} (an empty database): run 'archive ingest PATH' first, or pass --db")
    if not sqlite_files.writable(path):
        if create:
            raise DatabaseError(f"cannot write {path}: the database or its folder is read-only{_read_only_hint(path)}")
        return _open_read_only(path)
    engine = make_engine(path)
    try:
        _upgrade_if_needed(engine)
        record_stemmers(engine)
    except DatabaseError:
        engine.dispose()
        raise
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open {path}: {exc.orig}{_read_only_hint(path)}") from None
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open {path}: {exc.orig} (not an archive database?)") from None
    return engine


def _open_read_only(path: Path) -> Engine:
    """A published archive on read-only storage: queries work; it must already be at the current schema."""
    engine = make_read_only_engine(path)
    try:
        current = _revision(engine)
    except BaseException:
        engine.dispose()
        raise
    if current != head_revision():
        engine.dispose()
        raise DatabaseError(
            f"the archive {path} was made by an older archive (schema {current}, this one needs {head_revision()}) "
            "and is on read-only storage: open it once from writable storage to upgrade it"
        )
    return engine


def _read_only_hint(path: Path) -> str:
    """Why SQLite may have failed: WAL mode writes ``NAME-wal``/``NAME-shm`` beside the database."""
    folder = path.parent if str(path.parent) else Path(".")
    if not os.access(folder, os.W_OK) or (path.exists() and not os.access(path, os.W_OK)):
        return f" (an archive is written with {path.name}-wal and {path.name}-shm beside it)"
    return ""


def downgrade(engine: Engine, target: str = "base") -> None:
    """Run migrations down to ``target`` (used by tests and by anyone rolling back)."""
    with engine.begin() as connection:
        _migrate(connection, target, downgrade=True)
