"""Open an archive database: create it, bring its schema to the code's version, refuse newer ones.

The engine is chosen once, from the URL (``archive.store.backend``): a file path or ``sqlite:///``
for SQLite, ``postgresql://`` for a PostgreSQL server. The rest of this module is the same on both.
"""

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
from archive.store import backend
from archive.store.settings import record_stemmers


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
        # One process at a time (the engine's migration transaction takes a lock first): the
        # later ones find the schema at head and Alembic has nothing left to run.
        with backend.of(engine).migration_transaction(engine) as connection:
            _migrate(connection)


def open_database(target: str | os.PathLike | None = None, *, create: bool = True) -> Engine:
    """Open the archive at ``target`` (a path or URL; default ``$ARCHIVE_DB`` or ``./archive.db``),
    upgraded to the current schema; with ``create`` (ingest) make it.

    Only ``create`` makes an archive, in a new file or an empty database; a database holding
    anything else is refused untouched (``NotAnArchive``). An archive that cannot be written opens
    read-only, for queries. Raises ``DatabaseError`` with a one-line reason when the database is
    missing, unreachable, not an archive, damaged, locked, read-only where writing is needed, or
    newer than this code.
    """
    url = backend.target_url(target)
    engine_backend = backend.for_url(url)
    where = engine_backend.describe(url)
    opened = engine_backend.connect(url, create)
    engine = opened.engine
    if opened.read_only:
        return _read_only(engine, where)
    try:
        try:
            _upgrade_if_needed(engine)
            record_stemmers(engine)
        except BaseException:
            if opened.discard is not None:  # no archive was made: leave no empty file behind
                engine.dispose()
                opened.discard()
            raise
    except DatabaseError:
        engine.dispose()
        raise
    except sa.exc.OperationalError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open {where}: {' '.join(str(exc.orig).split())}{engine_backend.hint(url)}") from None
    except sa.exc.DatabaseError as exc:
        engine.dispose()
        raise DatabaseError(f"cannot open {where}: {' '.join(str(exc.orig).split())} (not an archive database?)") from None
    return engine


def _read_only(engine: Engine, where: str) -> Engine:
    """A published archive on read-only storage: queries work; it must already be at the current schema."""
    try:
        current = _revision(engine)
    except BaseException:
        engine.dispose()
        raise
    if current != head_revision():
        engine.dispose()
        raise DatabaseError(
            f"the archive {where} was made by an older archive (schema {current}, this one needs {head_revision()}) "
            "and is on read-only storage: open it once from writable storage to upgrade it"
        )
    return engine


def downgrade(engine: Engine, target: str = "base") -> None:
    """Run migrations down to ``target`` (used by tests and by anyone rolling back)."""
    with engine.begin() as connection:
        _migrate(connection, target, downgrade=True)
