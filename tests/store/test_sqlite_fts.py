"""The FTS5 declarations other tools detect, and the stemmed index's drift from paragraphs.

Detection is checked with sqlite-utils' own ``Table.detect_fts()`` and its search (the same
``content="table"`` rule Datasette applies); drift with rows written by sqlite-utils, as a
researcher scripting the archive would.
"""

from __future__ import annotations

import contextlib
import sqlite3

import pytest
import sqlite_utils

from archive.store import sqlite_fts
from archive.store.sqlite import make_engine
from archive.store.sqlite import FTS_INDEXES
from tests.reliability.conftest import run_cli, seeded  # noqa: F401 - the fixture

TABLES = {table: index for index, (table, _) in FTS_INDEXES.items()}


def test_sqlite_utils_detects_every_index_and_searches_it(seeded):
    db = sqlite_utils.Database(seeded)
    assert {table: db[table].detect_fts() for table in TABLES} == TABLES
    found = {table: [row["id"] for row in db[table].search("kudeta")] for table in ("paragraphs", "quotes")}
    with contextlib.closing(sqlite3.connect(seeded)) as connection:
        expected = {
            table: [r[0] for r in connection.execute(f"SELECT id FROM {table} WHERE text LIKE '%kudeta%' ORDER BY id")]
            for table in ("paragraphs", "quotes")
        }
    assert found == expected and all(found.values())
    assert [row["id"] for row in db["articles"].search("Kazakhstan")] == [1]
    db.close()


def test_sqlite_utils_rebuild_fts_works_and_the_archive_stays_sound(seeded):
    db = sqlite_utils.Database(seeded)
    db["paragraphs"].rebuild_fts()
    db.close()
    assert run_cli(seeded, "check").exit_code == 0


@pytest.mark.parametrize("quote", [sqlite_fts.UNDETECTED, sqlite_fts.DETECTABLE])
def test_redeclaring_keeps_every_search_result(seeded, quote):
    def matches() -> dict:
        with contextlib.closing(sqlite3.connect(seeded)) as connection:
            return {
                index: connection.execute(
                    f"SELECT rowid, round(bm25({index}), 6) FROM {index} WHERE {index} MATCH 'kudeta OR putin OR tokayev' ORDER BY rank"
                ).fetchall()
                for index in FTS_INDEXES
            }

    before = matches()
    engine = make_engine(seeded)
    with engine.begin() as connection:
        sqlite_fts.redeclare_fts(connection, quote)
    engine.dispose()
    assert matches() == before and all(before.values())
    detected = {table: sqlite_utils.Database(seeded)[table].detect_fts() for table in TABLES}
    assert detected == (TABLES if quote == sqlite_fts.DETECTABLE else dict.fromkeys(TABLES))
    # the triggers are back: a row written by another program is indexed
    sqlite_utils.Database(seeded)["paragraphs"].insert({"article_id": 1, "position": 99, "text": "zamrud khatulistiwa"})
    with contextlib.closing(sqlite3.connect(seeded)) as connection:
        assert connection.execute("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'khatulistiwa'").fetchone() == (1,)

