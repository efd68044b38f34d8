"""An archive created at an older schema revision upgrades to the newest with its data intact, on
each engine.

Written generically: whatever revisions follow, a database downgraded to ``0001`` (or to ``0004``,
the last release before the PostgreSQL backend) and filled with SQL that only knows that schema
must open (``open_database`` upgrades it to head), keep every row, and be searchable (stemmed
too), checkable and ingestible afterwards.
"""

from __future__ import annotations

import contextlib
import json
import shutil
import sqlite3
from pathlib import Path

import pytest
import sqlalchemy as sa

from archive.store.database import downgrade, head_revision, open_database
from tests.reliability.conftest import SEED_FILE, run_cli

ARTICLES = [
    (1, "/old/a.txt", 0, "txt", "hash-a", "Banjir di Jakarta", "2021-02-20", "text", "id", "detected", "old", "2021-02-21T00:00:00+00:00"),
    (2, "/old/b.json", 3, "json", "hash-b", "Floods in Jakarta", "2021-02-21", "metadata", "en", "metadata", "old", "2021-02-22T00:00:00+00:00"),
]
PARAGRAPHS = [
    (1, 1, 0, "Banjir merendam ribuan rumah di Jakarta Timur pada hari Sabtu."),
    (2, 1, 1, "Gubernur mengatakan pompa air bekerja sepanjang malam."),
    (3, 2, 0, "Floods submerged thousands of homes in East Jakarta on Saturday."),
]


@pytest.mark.parametrize("revision", ["0001", "0004"])
def test_an_old_database_upgrades_with_its_data(db, revision):
    engine = open_database(db)
    downgrade(engine, revision)
    columns = "id, source_path, record, format, content_hash, title, published, published_from, language, language_from, source, ingested_at"
    with engine.begin() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == revision
        connection.execute(sa.text(f"INSERT INTO articles({columns}) VALUES ({', '.join(':c%d' % i for i in range(12))})"),
                           [{f"c{i}": v for i, v in enumerate(row)} for row in ARTICLES])
        connection.execute(sa.text("INSERT INTO paragraphs(id, article_id, position, text) VALUES (:i, :a, :p, :t)"),
                           [dict(zip("iapt", row)) for row in PARAGRAPHS])
    engine.dispose()

    engine = open_database(db)  # upgrades to head
    with engine.connect() as connection:
        assert connection.exec_driver_sql("SELECT version_num FROM alembic_version").scalar_one() == head_revision()
        assert [tuple(r) for r in connection.exec_driver_sql(f"SELECT {columns} FROM articles ORDER BY id")] == ARTICLES
        assert [tuple(r) for r in connection.exec_driver_sql("SELECT id, article_id, position, text FROM paragraphs ORDER BY id")] == PARAGRAPHS
    engine.dispose()

    hits = run_cli(db, "search", "pompa", "--json")
    assert hits.exit_code == 0, hits.output
    assert [h["article_id"] for h in json.loads(hits.stdout)] == [1]
    english = run_cli(db, "search", "submerged", "--json")
    assert [h["article_id"] for h in json.loads(english.stdout)] == [2]
    stemmed = run_cli(db, "search", "rendam", "--stem", "--json")  # "merendam": stemmed by the upgrade
    assert [h["article_id"] for h in json.loads(stemmed.stdout)] == [1]
    assert run_cli(db, "check").exit_code == 0
    # and the upgraded archive takes new articles
    added = run_cli(db, "ingest", str(SEED_FILE), "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["added"] == 1
    assert run_cli(db, "check").exit_code == 0


def _columns(connection: sqlite3.Connection) -> dict[str, list[str]]:
    """Each table's columns (but the FTS indexes, their shadow tables and Alembic's)."""
    tables = [
        name for (name,) in connection.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' AND name != 'alembic_version'")
    ]
    return {t: [row[1] for row in connection.execute(f"PRAGMA table_info({t})")] for t in tables}


def _rows(connection: sqlite3.Connection, columns: dict[str, list[str]] | None = None) -> dict:
    """Every row of every table (of ``columns``' tables, in those columns: what an older schema had), in id order."""
    columns = columns or _columns(connection)
    return {
        t: connection.execute(f"SELECT {', '.join(f'[{c}]' for c in cs)} FROM {t} ORDER BY 1, 2").fetchall()
        for t, cs in columns.items()
    }


def _matches(connection: sqlite3.Connection) -> dict:
    words = ("kudeta", "putin", "tokayev", "kazakhstan", "banjir", "emile")
    return {
        (index, word): connection.execute(
            f"SELECT rowid, round(bm25({index}), 6) FROM {index} WHERE {index} MATCH ? ORDER BY rank, rowid", (word,)
        ).fetchall()
        for index in ("articles_fts", "paragraphs_fts", "quotes_fts", "paragraphs_stem_fts")
        for word in words
    }


def test_archive_of_the_previous_release_upgrades_to_detectable_indexes(seeded):
    """0004 -> head (issue 15): the FTS tables are declared again so Datasette and sqlite-utils find
    them; every row and every search result of the previous release's archive is kept."""
    import sqlite_utils

    engine = open_database(seeded)
    downgrade(engine, "0004")
    engine.dispose()
    with contextlib.closing(sqlite3.connect(seeded, isolation_level=None)) as connection:
        # what the previous release wrote (its triggers keep the indexes in step)
        connection.execute("BEGIN")
        connection.execute(
            "INSERT INTO articles(id, source_path, record, format, content_hash, title, published, language, source, "
            "ingested_at) VALUES (2, '/old/b.txt', 0, 'txt', 'hash-b', 'Banjir dan kudeta', '2021-02-20', 'id', 'old', "
            "'2021-02-21T00:00:00+00:00')")
        connection.execute("INSERT INTO paragraphs(id, article_id, position, text) VALUES (100, 2, 0, 'Émile menolak kudeta itu.')")
        connection.execute(
            "INSERT INTO quotes(article_id, paragraph_id, speaker, text, start, end, speaker_folded, rule) "
            "VALUES (2, 100, 'Émile', 'kudeta', 16, 22, 'émile', 'tail')")
        connection.execute("INSERT INTO paragraphs_stem_fts(rowid, text) VALUES (100, 'emile tolak kudeta itu')")
        connection.execute("COMMIT")
        rows, matches = _rows(connection), _matches(connection)
    assert all(sqlite_utils.Database(seeded)[t].detect_fts() is None for t in ("articles", "paragraphs", "quotes"))

    open_database(seeded).dispose()  # upgrades to head

    with contextlib.closing(sqlite3.connect(seeded)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        after = _rows(connection)
        assert {t: after[t] for t in rows} == rows  # 0006 adds paragraph_stems: every old row is kept
        assert _matches(connection) == matches
    db = sqlite_utils.Database(seeded)
    assert {t: db[t].detect_fts() for t in ("articles", "paragraphs", "quotes")} == {
        "articles": "articles_fts", "paragraphs": "paragraphs_fts", "quotes": "quotes_fts"}
    assert sorted(row["id"] for row in db["paragraphs"].search("kudeta")) == [8, 100]
    db.close()
    hits = run_cli(seeded, "search", "kudeta", "--json")
    assert sorted(h["article_id"] for h in json.loads(hits.stdout)) == [1, 2]
    assert run_cli(seeded, "check").exit_code == 0


# Written by the previous release's own code (399cf45, schema 0003): `archive --db X ingest seeds
# tests/data/formats`, then checkpointed and vacuumed. Not made with this code's downgrades.
RELEASE_ARCHIVE = Path(__file__).parents[1] / "data" / "archive_release_0003.db"


def test_an_archive_written_by_the_previous_release_upgrades_intact(tmp_path):
    """Every row the release stored (in its own columns) and every full-text match it answered are
    there after the upgrade to head; the new columns and the stemmed index are filled."""
    db = tmp_path / "release.db"
    shutil.copy(RELEASE_ARCHIVE, db)
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0003",)
        rows, columns = _rows(connection), _columns(connection)
        matches = {key: value for key, value in _matches(connection).items() if key[0] != "paragraphs_stem_fts"}
    open_database(db).dispose()  # upgrades to head
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        assert _rows(connection, columns) == rows
        after = _matches(connection)
        assert {key: value for key, value in after.items() if key[0] != "paragraphs_stem_fts"} == matches
        assert connection.execute("SELECT count(*) FROM quotes WHERE speaker IS NOT NULL AND speaker_folded IS NULL").fetchone() == (0,)
    putin = json.loads(run_cli(db, "quotes", "--speaker", "PUTIN", "--json").stdout)
    assert len(putin) == 3 and {q["speaker"] for q in putin} == {"Vladimir Putin"}
    stemmed = json.loads(run_cli(db, "search", "bela", "--stem", "--json").stdout)  # membela: stemmed by 0006
    assert stemmed and all(h["article_id"] for h in stemmed)
    assert run_cli(db, "check").exit_code == 0
