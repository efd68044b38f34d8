"""Opening a database: created at head, WAL, foreign keys; migrations up and down (on each engine,
and from Alembic's command line); newer refused."""

import subprocess
import sys
from pathlib import Path

import pytest

import sqlalchemy as sa

from archive.errors import DatabaseError, DatabaseTooNew
from archive.store.database import downgrade, head_revision, open_database


def _tables(engine) -> set[str]:
    with engine.connect() as connection:
        return {r[0] for r in connection.exec_driver_sql("SELECT name FROM sqlite_master WHERE type IN ('table')")}


def test_new_database_is_at_head_with_every_table(sqlite_engine):
    engine = sqlite_engine
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == head_revision()
        assert connection.exec_driver_sql("PRAGMA journal_mode").scalar_one() == "wal"
        assert connection.exec_driver_sql("PRAGMA foreign_keys").scalar_one() == 1
        assert connection.exec_driver_sql("PRAGMA busy_timeout").scalar_one() > 0
    assert {"articles", "paragraphs", "quotes", "entities", "entity_mentions", "articles_fts", "paragraphs_fts", "quotes_fts"} <= _tables(engine)


def _all_tables(engine) -> set[str]:
    return set(sa.inspect(engine).get_table_names())


def test_downgrade_to_base_and_upgrade_again(db):
    engine = open_database(db)
    downgrade(engine, "base")
    assert _all_tables(engine) <= {"alembic_version"}
    engine.dispose()
    engine = open_database(db)  # opening upgrades again
    assert {"paragraphs", "paragraph_stems"} <= _all_tables(engine)
    engine.dispose()


def test_alembic_command_line_upgrades_the_archive_at_a_url(db):
    """``alembic -x url=… upgrade head`` (from the repository's alembic.ini) makes a working archive."""
    root = Path(__file__).resolve().parents[2]
    url = db if "://" in db else f"sqlite:///{db}"
    done = subprocess.run([sys.executable, "-m", "alembic", "-c", str(root / "alembic.ini"), "-x", f"url={url}", "upgrade", "head"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    current = subprocess.run([sys.executable, "-m", "alembic", "-c", str(root / "alembic.ini"), "-x", f"url={url}", "current"],
                             capture_output=True, text=True, timeout=300)
    assert head_revision() in current.stdout, current.stderr
    engine = open_database(db, create=False)  # an archive now, at head: nothing left to upgrade
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == head_revision()
    engine.dispose()


def test_database_newer_than_code_is_refused(db):
    engine = open_database(db)
    with engine.begin() as connection:
        connection.exec_driver_sql("UPDATE alembic_version SET version_num = 'ffff_from_the_future'")
    engine.dispose()
    with pytest.raises(DatabaseTooNew, match="newer"):
        open_database(db)


def test_missing_database_for_reading_and_not_a_database(tmp_path):
    with pytest.raises(DatabaseError, match="no archive"):
        open_database(tmp_path / "missing.db", create=False)
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"this is not sqlite" * 100)
    with pytest.raises(DatabaseError):
        open_database(junk)
    with pytest.raises(DatabaseError, match="directory"):
        open_database(tmp_path)


def test_fts_triggers_survive_every_migration(db_path):
    engine = open_database(db_path)
    query = "SELECT count(*) FROM sqlite_master WHERE type = 'trigger'"
    with engine.connect() as connection:
        triggers = connection.exec_driver_sql(query).scalar_one()
    assert triggers == 12  # insert, delete, update for each of the four FTS5 indexes
    downgrade(engine, "0001")
    engine.dispose()
    engine = open_database(db_path)
    with engine.connect() as connection:
        assert connection.exec_driver_sql(query).scalar_one() == triggers
    engine.dispose()


def test_stemmers_are_recorded_and_a_mismatch_is_refused(engine, seed_dir):
    from archive.errors import DatabaseError
    from archive.ingest import IngestOptions, ingest
    from archive.normalize.stemming import STEMMERS

    with engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT value FROM settings WHERE key = 'stemmers'").scalar_one() == STEMMERS
        connection.exec_driver_sql("UPDATE settings SET value = 'old-stemmer' WHERE key = 'stemmers'")
    with pytest.raises(DatabaseError, match="check --repair"):
        ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    from archive.store.check import check

    assert check(engine, repair=True).ok
    assert ingest(engine, IngestOptions(paths=(str(seed_dir),))).counts["added"] == 1


@pytest.mark.parametrize("existing", [False, True])
def test_an_interrupted_creation_leaves_no_empty_file(tmp_path, monkeypatch, existing):
    """Ctrl-C while the first ingest makes the schema: the new file goes, a file the user made stays."""
    import archive.store.database as database

    path = tmp_path / "new.db"
    if existing:
        path.touch()

    def interrupted(engine):
        raise KeyboardInterrupt

    monkeypatch.setattr(database, "_upgrade_if_needed", interrupted)
    with pytest.raises(KeyboardInterrupt):
        open_database(path)
    assert path.exists() == existing
    assert not path.with_name("new.db-wal").exists() and not path.with_name("new.db-journal").exists()
