"""``archive serve`` over HTTP: search on each table, the saved queries against the command line,
facets, metadata, a quote's page linking to its article, the JSON API, read-only, loopback only."""

from __future__ import annotations

import contextlib
import json
import socket
import sqlite3
import urllib.error
import urllib.parse

import pytest

from archive.web.server import build
from tests.reliability.conftest import run_cli, seeded  # noqa: F401 - the fixture
from tests.web.conftest import digest, start_server, stop_server


def _cli(db, *args) -> list[dict]:
    result = run_cli(db, *args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def _ids_containing(db, table: str, word: str) -> list[int]:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return [r[0] for r in connection.execute(f"SELECT id FROM {table} WHERE text LIKE ? ORDER BY id", (f"%{word}%",))]


@pytest.mark.parametrize("table", ["paragraphs", "quotes"])
def test_search_finds_kudeta_in_paragraphs_and_quotes(server, table):
    rows = server.json(f"/archive/{table}.json", _search="kudeta", _shape="array")
    assert sorted(row["id"] for row in rows) == _ids_containing(server.db, table, "kudeta") != []
    page = server.get(f"/archive/{table}", _search="kudeta")
    assert 'name="_search"' in page and 'value="kudeta"' in page  # the search box, holding the query


def test_search_on_articles_searches_titles(server):
    rows = server.json("/archive/articles.json", _search="kemenangan", _shape="array")
    assert [row["title"] for row in rows] == ["Putin Klaim Kemenangan dalam Membela Kazakhstan dari Pemberontakan"]
    assert server.json("/archive/articles.json", _search="kudeta", _shape="array") == []  # not in any title


@pytest.mark.parametrize("name", ["putin", "PUTIN", "Vladimir Putin", "kassym jomart tokayev", "Tokayev", "tim cook"])
def test_quotes_by_speaker_is_the_cli_speaker_lookup(server, name):
    rows = server.json("/archive/quotes_by_speaker.json", speaker=name, _shape="array")
    cli = _cli(server.db, "quotes", "--speaker", name, "--limit", "1000")
    assert [(r["quote_id"], r["speaker"], r["text"]) for r in rows] == [(q["id"], q["speaker"], q["text"]) for q in cli]
    assert rows


def test_quotes_by_speaker_without_a_name_lists_every_attributed_quote(server):
    rows = server.json("/archive/quotes_by_speaker.json", speaker="", _shape="array")
    assert [r["quote_id"] for r in rows] == [q["id"] for q in _cli(server.db, "quotes", "--limit", "1000")]


@pytest.mark.parametrize("query", ["kudeta", "Apple", '"Tim Cook"', "Kassym-Jomart", "NASA OR Jakarta", "presiden*"])
def test_search_query_ranks_as_the_cli(server, query):
    rows = server.json("/archive/search.json", q=query, _shape="array")
    cli = _cli(server.db, "search", query, "--limit", "100")
    assert [(r["article_id"], r["paragraph"], r["score"]) for r in rows] == [
        (h["article_id"], h["paragraph"], h["score"]) for h in cli]
    assert rows and all("**" in r["snippet"] for r in rows)  # matched words marked, in the body or the title


def test_search_query_with_nothing_asked_finds_nothing(server):
    assert server.json("/archive/search.json", q="", _shape="array") == []


def test_top_speakers_is_the_cli_speakers(server):
    rows = server.json("/archive/top_speakers.json", _shape="array")
    assert rows == _cli(server.db, "speakers", "--limit", "100")


@pytest.mark.parametrize("name", ["Jakarta", "jakarta", "Tim Cook"])
def test_articles_mentioning_an_entity_agree_with_cli_entities(server, name):
    rows = server.json("/archive/articles_mentioning.json", entity=name, _shape="array")
    (entity,) = [e for e in _cli(server.db, "entities", "--name", name, "--limit", "100")]
    assert len(rows) == entity["articles"] and sum(r["mentions"] for r in rows) == entity["mentions"]
    assert [r["published"] for r in rows] == sorted((r["published"] for r in rows), reverse=True)


def test_speaker_over_time_counts_the_cli_quotes(server):
    rows = server.json("/archive/speaker_over_time.json", speaker="tim cook", _shape="array")
    quotes = _cli(server.db, "quotes", "--speaker", "tim cook", "--limit", "1000")
    months: dict[str, int] = {}
    for quote in quotes:
        months[quote["published"][:7]] = months.get(quote["published"][:7], 0) + 1
    assert {r["month"]: r["quotes"] for r in rows} == months != {}


def test_default_facets(server):
    articles = server.json("/archive/articles.json", _size=0)["facet_results"]
    assert set(articles) == {"language", "source", "published (year)"}
    languages = {r["value"]: r["count"] for r in articles["language"]["results"]}
    assert languages["id"] >= 20 and languages["en"] >= 20
    years = articles["published (year)"]["results"]
    with contextlib.closing(sqlite3.connect(server.db)) as connection:
        expected = connection.execute(
            "SELECT substr(published, 1, 4) AS y, count(*) FROM articles WHERE published IS NOT NULL GROUP BY y ORDER BY y DESC"
        ).fetchall()
    assert [(r["value"], r["count"]) for r in years] == expected[:len(years)]
    assert set(server.json("/archive/quotes.json", _size=0)["facet_results"]) == {"speaker", "cue"}
    types = server.json("/archive/entities.json", _size=0)["facet_results"]["type"]["results"]
    assert {r["value"] for r in types} == {"person", "organization", "place"}


def test_choosing_a_year_keeps_that_years_articles(server):
    year = server.json("/archive/articles.json", _size=0)["facet_results"]["published (year)"]["results"][-1]
    toggle = urllib.parse.urlsplit(year["toggle_url"])
    assert toggle.path == "/archive/articles.json"
    params = {**dict(urllib.parse.parse_qsl(toggle.query)), "_size": "max", "_shape": "array"}
    rows = server.json(toggle.path, **params)
    assert len(rows) == year["count"] and {r["published"][:4] for r in rows} == {year["value"]}


def test_metadata_descriptions_and_hidden_tables(server):
    assert server.json("/-/metadata.json")["title"] == "newsarchive"
    quotes_page = server.get("/archive/quotes")
    assert "character offset" in quotes_page and "The word that attributes the quote" in quotes_page
    assert "Where the date came from" in server.get("/archive/articles")
    tables = {t["name"]: t["hidden"] for t in server.json("/archive.json")["tables"]}
    assert all(tables[t] for t in ("alembic_version", "settings", "article_fingerprints", "paragraphs_stem_fts"))
    assert not any(tables[t] for t in ("articles", "paragraphs", "quotes", "entities", "entity_mentions"))
    queries = {q["name"] for q in server.json("/archive.json")["queries"]}
    assert queries == {"quotes_by_speaker", "search", "top_speakers", "articles_mentioning", "speaker_over_time"}


def test_a_quote_page_links_to_its_article_by_title(server):
    (quote,) = server.json("/archive/quotes.json", _search="kudeta", _shape="array")
    page = server.get(f"/archive/quotes/{quote['id']}")
    title = "Putin Klaim Kemenangan dalam Membela Kazakhstan dari Pemberontakan"
    assert f'<a href="/archive/articles/{quote["article_id"]}">{title}</a>' in page
    assert f'<a href="/archive/paragraphs/{quote["paragraph_id"]}">' in page  # shown by its text
    labelled = server.json("/archive/quotes.json", _search="kudeta", _labels="on", _shape="array")
    assert labelled[0]["article_id"] == {"value": quote["article_id"], "label": title}
    assert server.json(f"/archive/articles/{quote['article_id']}.json", _shape="array")[0]["title"] == title


def test_saved_query_results_link_to_the_article(server):
    page = server.get("/archive/quotes_by_speaker", speaker="Tokayev")
    assert page.count('<a href="/archive/articles/') >= 3


def test_listens_only_on_the_loopback_address_it_was_given(server):
    port = int(server.root.rsplit(":", 1)[1])
    assert server.root.startswith("http://127.0.0.1:")
    with pytest.raises(ConnectionRefusedError):  # 127.0.0.2 is loopback too, but not the address bound
        socket.create_connection(("127.0.0.2", port), timeout=5).close()


def test_sql_that_writes_is_refused(server, web_archive):
    with pytest.raises(urllib.error.HTTPError):
        server.get("/archive.json", sql="delete from articles")
    database = build(web_archive).get_database("archive")
    connection = database.connect()
    with pytest.raises(sqlite3.OperationalError):
        connection.execute("DELETE FROM quotes")
    connection.close()
    with pytest.raises(Exception, match="read-only"):
        database.connect(write=True)


def test_ctrl_c_stops_it_and_the_file_is_never_written(seeded):
    with contextlib.closing(sqlite3.connect(seeded)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    before = digest(seeded)
    served = start_server(seeded)
    assert served.json("/archive/quotes_by_speaker.json", speaker="putin", _shape="array")
    assert stop_server(served) == 0
    assert served.process.stderr.read() == ""
    assert digest(seeded) == before
