"""An archive created at the first schema revision upgrades to the newest with its data intact.

Written generically: whatever revisions follow ``0001``, a database downgraded to ``0001`` and filled
with raw SQL that only knows the ``0001`` schema must open (``open_database`` upgrades it to head),
keep every row, and be searchable, checkable and ingestible afterwards.
"""

from __future__ import annotations

import contextlib
import json
import sqlite3

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


def test_database_at_0001_upgrades_with_its_data(tmp_path):
    db = tmp_path / "old.db"
    engine = open_database(db)
    downgrade(engine, "0001")
    engine.dispose()
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)
        connection.execute("BEGIN")
        connection.executemany(
            "INSERT INTO articles(id, source_path, record, format, content_hash, title, published, published_from, "
            "language, language_from, source, ingested_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)",
            ARTICLES,
        )
        connection.executemany("INSERT INTO paragraphs(id, article_id, position, text) VALUES (?,?,?,?)", PARAGRAPHS)
        connection.execute("COMMIT")

    engine = open_database(db)  # upgrades to head
    engine.dispose()
    with contextlib.closing(sqlite3.connect(db)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchone() == (head_revision(),)
        assert connection.execute(
            "SELECT id, source_path, record, format, content_hash, title, published, published_from, language, "
            "language_from, source, ingested_at FROM articles ORDER BY id"
        ).fetchall() == ARTICLES
        assert connection.execute("SELECT id, article_id, position, text FROM paragraphs ORDER BY id").fetchall() == PARAGRAPHS

    hits = run_cli(db, "search", "pompa", "--json")
    assert hits.exit_code == 0, hits.output
    assert [h["article_id"] for h in json.loads(hits.stdout)] == [1]
    english = run_cli(db, "search", "submerged", "--json")
    assert [h["article_id"] for h in json.loads(english.stdout)] == [2]
    assert run_cli(db, "check").exit_code == 0
    # and the upgraded archive takes new articles
    added = run_cli(db, "ingest", str(SEED_FILE), "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["added"] == 1
    assert run_cli(db, "check").exit_code == 0
