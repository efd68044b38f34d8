"""Archive-wide settings stored in the database (which stemmers built the stemmed index)."""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import DatabaseError
from archive.normalize.stemming import STEMMERS
from archive.store import backend
from archive.store.schema import settings

STEMMERS_KEY = "stemmers"


def get_setting(connection: sa.Connection, key: str) -> str | None:
    return connection.execute(sa.select(settings.c.value).where(settings.c.key == key)).scalar_one_or_none()


def set_setting(connection: sa.Connection, key: str, value: str) -> None:
    """Set ``key`` (an upsert: two processes opening a new archive at once both succeed)."""
    statement = backend.of(connection).insert(settings).values(key=key, value=value)
    connection.execute(statement.on_conflict_do_update(index_elements=[settings.c.key], set_={"value": value}))


def record_stemmers(engine: Engine) -> None:
    """On a new archive, record the stemmers its stemmed index is built with."""
    with engine.connect() as connection:
        if get_setting(connection, STEMMERS_KEY) is not None:
            return
    with engine.execution_options(immediate_transaction=True).begin() as connection:
        if get_setting(connection, STEMMERS_KEY) is None:
            set_setting(connection, STEMMERS_KEY, STEMMERS)


def require_current_stemmers(connection: sa.Connection) -> None:
    """Refuse to use a stemmed index built by other stemmers: its entries would not match."""
    built = get_setting(connection, STEMMERS_KEY)
    if built is not None and built != STEMMERS:
        raise DatabaseError(
            f"the stemmed index was built with {built!r}, this version stems with {STEMMERS!r}: "
            "run 'archive check --repair' to rebuild it"
        )
