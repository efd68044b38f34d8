"""``schema.py`` and the migrations describe the same database, on each engine (Alembic's
``compare_metadata``: tables, columns and their types, keys, unique constraints, indexes)."""

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from archive.store import backend
from archive.store.schema import metadata


# SQLite cannot reflect the expression index of migration 0003 (PostgreSQL compares it).
@pytest.mark.filterwarnings("ignore:.*expression-based index")
def test_schema_py_agrees_with_the_migrations(engine):
    engine_backend = backend.of(engine)

    def include(obj, name, type_, reflected, compare_to):
        table = getattr(getattr(obj, "table", None), "name", None)
        if type_ == "table" and name == "alembic_version":
            return False
        return not engine_backend.is_engine_object(type_, name, table)  # FTS5 tables, tsvector columns

    with engine.connect() as connection:
        context = MigrationContext.configure(connection, opts={"include_object": include, "compare_type": True})
        differences = compare_metadata(context, metadata)
    assert differences == []
