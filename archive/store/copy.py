"""``archive copy --to URL``: move a whole archive to another database (SQLite ⇄ PostgreSQL), streamed.

Every table is read in key order a batch at a time and written with the target engine's bulk path
(COPY on PostgreSQL), ids kept, in one transaction on the target: a copy that fails leaves the
target as empty as it was. The target's full-text indexes follow the rows (SQLite's triggers,
PostgreSQL's generated columns); its sequences are moved past the copied ids at the end.
"""

from __future__ import annotations

from collections.abc import Callable

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import UsageError
from archive.store import backend
from archive.store.schema import metadata, settings

_BATCH = 5000


def _tables() -> list[sa.Table]:
    """Every table, parents before children."""
    return list(metadata.sorted_tables)


def count_rows(engine: Engine) -> int:
    """Rows a copy of this archive moves (for a progress bar)."""
    with engine.connect() as connection:
        return sum(connection.execute(sa.select(sa.func.count()).select_from(t)).scalar_one() for t in _tables())


def _key(table: sa.Table) -> list[sa.Column]:
    return list(table.primary_key.columns)


def copy_archive(source: Engine, target: Engine, on_rows: Callable[[int], None] | None = None) -> dict[str, int]:
    """Copy every row of ``source`` into ``target`` (an archive with no articles yet); rows per table.

    Raises ``UsageError`` when the target already holds data or is the source itself.
    """
    if source.url == target.url:
        raise UsageError("the target is the archive itself: give --to another database")
    target_backend = backend.of(target)
    copied: dict[str, int] = {}
    with source.connect() as reader, target.execution_options(immediate_transaction=True).begin() as writer:
        held = [t.name for t in _tables() if t is not settings and writer.execute(sa.select(sa.literal(1)).select_from(t).limit(1)).first()]
        if held:
            raise UsageError(f"the target already holds an archive (rows in {', '.join(held[:3])}): copy into a new or empty database")
        writer.execute(sa.delete(settings))  # the source's settings (its stemmers) replace the new archive's
        for table in _tables():
            columns = [c.name for c in table.columns]
            statement = sa.select(*table.columns).order_by(*_key(table))
            result = reader.execution_options(stream_results=True, yield_per=_BATCH).execute(statement)
            count = 0
            for rows in result.partitions():
                target_backend.bulk_insert(writer, table, columns, [tuple(row) for row in rows])
                count += len(rows)
                if on_rows:
                    on_rows(len(rows))
            copied[table.name] = count
        target_backend.after_bulk_copy(writer)
    target_backend.refresh_statistics(target)
    return copied
