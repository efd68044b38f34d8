"""The PostgreSQL seam: opening a server's database, a time limit on statements, and the errors
that become domain errors (one line, the password never shown)."""

import psycopg
import pytest
import sqlalchemy as sa

from archive.errors import DatabaseCorrupt, DatabaseError, DiskFull, NotAnArchive, QueryTooExpensive
from archive.store import backend, postgresql
from archive.store.database import open_database


def test_a_url_chooses_the_engine_and_a_path_is_sqlite():
    assert backend.for_url(backend.target_url("postgresql://u@h:5/db")) is postgresql
    assert backend.for_url(backend.target_url("postgres://u@h/db")) is postgresql
    assert backend.for_url(backend.target_url("archive.db")).name == "sqlite"
    assert backend.target_url("sqlite:///x/a.db").database == "x/a.db"
    from archive.errors import UsageError

    for bad in ("mysql://u@h/db", "sqlite://"):
        with pytest.raises(UsageError):
            backend.target_url(bad)
    assert isinstance(postgresql, backend.Backend) and isinstance(postgresql.search, backend.SearchSQL)
    from archive.store import sqlite

    assert isinstance(sqlite, backend.Backend) and isinstance(sqlite.search, backend.SearchSQL)


def test_an_unreachable_server_is_one_line_without_the_password(tmp_path):
    url = f"postgresql://someone:s3cret@/nowhere?host={tmp_path}&port=1"
    with pytest.raises(DatabaseError) as raised:
        open_database(url)
    message = str(raised.value)
    assert "cannot connect" in message and "s3cret" not in message and "\n" not in message


def test_empty_databases_and_other_programs_tables(pg_server, pg_url):
    with pytest.raises(DatabaseError, match="no archive"):
        open_database(pg_url, create=False)
    other = pg_server.create_database()
    try:
        with psycopg.connect(sa.make_url(other).render_as_string(hide_password=False), autocommit=True) as connection:
            connection.execute("CREATE TABLE invoices (id int)")
        with pytest.raises(NotAnArchive, match="invoices"):
            open_database(other)
        with psycopg.connect(sa.make_url(other).render_as_string(hide_password=False)) as connection:
            assert connection.execute("SELECT count(*) FROM pg_tables WHERE schemaname = 'public'").fetchone() == (1,)
    finally:
        pg_server.drop_database(other)


def test_a_statement_past_its_time_limit_is_stopped(pg_url):
    engine = open_database(pg_url)
    try:
        with engine.connect() as connection:
            with pytest.raises(QueryTooExpensive, match="query too expensive"):
                with postgresql.time_limit(connection, 0.2):
                    connection.exec_driver_sql("SELECT pg_sleep(10)").all()
            connection.rollback()
            with postgresql.time_limit(connection, 5):
                assert connection.exec_driver_sql("SELECT 1 + 1").scalar() == 2
            assert connection.exec_driver_sql("SHOW statement_timeout").scalar() == "0"  # the limit ends with its block
    finally:
        engine.dispose()


@pytest.mark.parametrize(
    ("state", "kind"),
    [("53100", DiskFull), ("XX001", DatabaseCorrupt), ("XX002", DatabaseCorrupt), ("57P01", DatabaseError),
     ("23505", type(None)), ("40P01", type(None)), ("57014", type(None))],
)
def test_errors_about_the_server_become_domain_errors(state, kind):
    error = psycopg.errors.lookup(state)("boom")
    assert isinstance(postgresql.translate_error(error, "db"), kind)


def test_conflicts_between_writers_are_retried():
    for state, retried in (("23505", True), ("40P01", True), ("40001", True), ("23503", False)):
        error = sa.exc.DBAPIError("x", None, psycopg.errors.lookup(state)("boom"))
        assert postgresql.is_conflict(error) is retried
