"""An archive created at an older schema revision upgrades to the newest with its data intact, on
each engine.

Written generically: whatever revisions follow, a database downgraded to ``0001`` (or to ``0004``,
the last release before the PostgreSQL backend) and filled with SQL that only knows that schema
must open (``open_database`` upgrades it to head), keep every row, and be searchable (stemmed
too), checkable and ingestible afterwards.
"""

from __future__ import annotations

import json

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
