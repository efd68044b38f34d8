"""The SQLite seam: a time limit on statements, and the errors it turns into domain errors."""

import sqlite3

import pytest
import sqlalchemy as sa

from archive.errors import DatabaseCorrupt, DiskFull, QueryTooExpensive
from archive.store import sqlite
from tests.conftest import time_limit

ENDLESS = "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n) SELECT count(*) FROM n"


def test_a_statement_past_its_time_limit_is_stopped(sqlite_engine):
    engine = sqlite_engine
    """The progress handler interrupts a query that would run forever (issue 14, case 7)."""
    with time_limit(30), engine.connect() as connection:
        with pytest.raises(QueryTooExpensive, match="query too expensive"):
            with sqlite.time_limit(connection, 0.2):
                connection.exec_driver_sql(ENDLESS).all()
        # the handler is gone afterwards: the connection answers normally again
        assert connection.exec_driver_sql("SELECT count(*) FROM articles").scalar() == 0


def test_a_fast_statement_under_a_limit_is_untouched(sqlite_engine):
    engine = sqlite_engine
    with engine.connect() as connection, sqlite.time_limit(connection, 5):
        assert connection.exec_driver_sql("SELECT 1 + 1").scalar() == 2


@pytest.mark.parametrize(
    ("code", "kind"),
    [("SQLITE_CORRUPT", DatabaseCorrupt), ("SQLITE_CORRUPT_VTAB", DatabaseCorrupt), ("SQLITE_NOTADB", DatabaseCorrupt),
     ("SQLITE_FULL", DiskFull), ("SQLITE_BUSY", type(None)), ("SQLITE_ERROR", type(None))],
)
def test_errors_about_the_file_become_domain_errors(code, kind):
    error = sqlite3.DatabaseError("boom")
    error.sqlite_errorname = code
    assert isinstance(sqlite.translate_error(error, "a.db"), kind)


def test_a_damaged_index_is_one_line_with_the_way_out(sqlite_engine):
    engine = sqlite_engine
    with engine.begin() as connection:
        connection.exec_driver_sql("INSERT INTO paragraphs_fts(rowid, text) VALUES (7, 'hantu')")
    with engine.connect() as connection, pytest.raises(DatabaseCorrupt) as raised:
        connection.exec_driver_sql("INSERT INTO paragraphs_fts(paragraphs_fts, rank) VALUES ('integrity-check', 1)")
    assert "check --repair" in str(raised.value) and "\n" not in str(raised.value)
    assert isinstance(raised.value.__cause__, sqlite3.DatabaseError)
    assert not isinstance(raised.value, sa.exc.SQLAlchemyError)


def test_the_wal_is_checkpointed_in_large_steps_and_gone_once_closed(db_path, seed_dir):
    """Writers checkpoint every WAL_CHECKPOINT_PAGES pages, not at SQLite's 1,000; closing the archive
    still copies the WAL back and removes it, with every committed row in the database file."""
    from archive.ingest import IngestOptions, ingest
    from archive.store.database import open_database

    engine = open_database(db_path)
    with engine.connect() as connection:
        assert connection.exec_driver_sql("PRAGMA wal_autocheckpoint").scalar() == sqlite.WAL_CHECKPOINT_PAGES
    ingest(engine, IngestOptions(paths=(str(seed_dir),), workers=1))
    assert db_path.with_name(db_path.name + "-wal").stat().st_size > 0  # the batch sits in the WAL
    engine.dispose()
    assert not db_path.with_name(db_path.name + "-wal").exists()
    with sqlite3.connect(db_path) as plain:
        assert plain.execute("SELECT count(*) FROM paragraphs").fetchone()[0] > 0
