"""Search over a real archive: ranking, snippets, literal safety and --raw errors."""

import pytest

from archive.errors import QueryError
from archive.ingest import IngestOptions, ingest
from archive.query.search import HIT_CLOSE, HIT_OPEN, SearchOptions, search
from tests.query.test_parse import NASTY


@pytest.fixture
def archive(engine, seed_dir):
    (seed_dir / "english.txt").write_text(
        "Markets in Almaty calm down\n\nTraders in the city said trading resumed on Tuesday.\n\n"
        "Banks reopened across the country after a week of unrest.\n",
        encoding="utf-8",
    )
    (seed_dir / "body_only.txt").write_text(
        "Weather report for the week\n\nRain is expected, and Almaty will see snow by Friday.\n", encoding="utf-8"
    )
    ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    return engine


def test_hit_has_snippet_title_date_and_id(archive):
    hits = search(archive, SearchOptions("Tokayev"))
    assert hits and hits[0]["title"].startswith("Putin Klaim")
    assert hits[0]["published"] == "2022-01-10"
    assert f"{HIT_OPEN}Tokayev{HIT_CLOSE}" in hits[0]["snippet"]


def test_title_match_ranks_above_body_only_match(archive):
    hits = search(archive, SearchOptions("Almaty"))
    titles = [h["title"] for h in hits]
    assert titles.index("Markets in Almaty calm down") < titles.index("Weather report for the week")


def test_title_only_match_is_found(archive):
    hits = search(archive, SearchOptions("markets"))
    assert [h["title"] for h in hits] == ["Markets in Almaty calm down"]


def test_phrase_prefix_and_operators(archive):
    assert len(search(archive, SearchOptions('"upaya kudeta"'))) == 1
    assert search(archive, SearchOptions("Kazakh*"))
    assert search(archive, SearchOptions("Almaty NOT snow"))
    assert all("snow" not in h["text"] for h in search(archive, SearchOptions("Almaty NOT snow")))


@pytest.mark.parametrize("text", NASTY)
def test_nasty_queries_never_raise_anything_but_query_error(archive, text):
    try:
        search(archive, SearchOptions(text))
    except QueryError:
        pass


def test_raw_syntax_error_is_one_line(archive):
    with pytest.raises(QueryError) as info:
        search(archive, SearchOptions('"unbalanced', raw=True))
    assert "\n" not in str(info.value)
