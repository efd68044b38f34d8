"""Quotes by speaker over a real archive: names in any script, the rule kept with each quote."""

import sqlite3

import pytest

from archive.ingest import IngestOptions, ingest
from archive.query.quotes import QuoteQuery, find_quotes
from archive.store.database import downgrade, open_database


@pytest.fixture
def archive(engine, tmp_path):
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "zola.txt").write_text(
        "Zola speaks\n\nThe writer Émile Zola spoke in Paris on Monday.\n\n"
        '"I accuse the general staff," said Émile Zola.\n',
        encoding="utf-8",
    )
    (folder / "haller.txt").write_text(
        "Haller bicara\n\nPenyerang Sébastien Haller hadir di Jakarta pada Senin.\n\n"
        '"Saya senang bermain di sini," kata Sébastien Haller.\n',
        encoding="utf-8",
    )
    ingest(engine, IngestOptions(paths=(str(folder),)))
    return engine


@pytest.mark.parametrize("asked", ["Émile Zola", "émile zola", "ÉMILE ZOLA", "emile-zola"])
def test_a_speaker_outside_ascii_is_found_in_any_case(archive, asked):
    found = find_quotes(archive, QuoteQuery(speaker=asked))
    if asked == "emile-zola":
        assert found == []  # accents are part of the name; only case, hyphens and spacing are forgiven
    else:
        assert [q["text"] for q in found] == ["I accuse the general staff"]


@pytest.mark.parametrize("asked", ["sébastien haller", "SÉBASTIEN HALLER", "Sébastien-Haller"])
def test_indonesian_article_speaker_in_any_case(archive, asked):
    assert [q["text"] for q in find_quotes(archive, QuoteQuery(speaker=asked))] == ["Saya senang bermain di sini"]


def test_each_quote_keeps_the_rule_that_attributed_it(archive):
    assert {q["rule"] for q in find_quotes(archive, QuoteQuery())} == {"tail"}


def test_an_archive_from_before_the_folded_column_finds_its_speakers(tmp_path):
    db = tmp_path / "old.db"
    engine = open_database(db, create=True)
    downgrade(engine, "0003")
    engine.dispose()
    with sqlite3.connect(db) as connection:
        connection.execute("INSERT INTO articles(id, source_path, record, format, content_hash, ingested_at) "
                           "VALUES (1, '/a.txt', 0, 'txt', 'h', '2026-11-30')")
        connection.execute("INSERT INTO paragraphs(id, article_id, position, text) VALUES (1, 1, 0, 'x')")
        connection.execute("INSERT INTO quotes(article_id, paragraph_id, speaker, text, start, \"end\") "
                           "VALUES (1, 1, 'Émile Zola', 'J''accuse', 0, 1)")
    engine = open_database(db)  # upgrades, folding the stored speakers in Python
    try:
        assert [q["text"] for q in find_quotes(engine, QuoteQuery(speaker="ÉMILE ZOLA"))] == ["J'accuse"]
    finally:
        engine.dispose()
