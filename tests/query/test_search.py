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
    with pytest.raises(QueryError) as info:  # an open parenthesis: invalid in FTS5 and in a tsquery
        search(archive, SearchOptions('(unbalanced', raw=True))
    assert "\n" not in str(info.value)


@pytest.fixture
def mixed(engine, seed_dir):
    """The seed (id, 2022-01-10) plus English articles with known dates, sources and languages."""
    english = seed_dir / "wire"
    english.mkdir()
    (english / "a.txt").write_text(
        "Markets rally in London\n\nLONDON (Reuters) - Stocks rallied on January 12, 2022 as banks gained. "
        "Traders said the rally was broad. \"We are seeing real buying,\" said Jane Smith, a strategist.\n\n"
        "Analysts expect more rallies this month as earnings come in.\n",
        encoding="utf-8",
    )
    (english / "b.txt").write_text(
        "Old rally remembered\n\nPARIS - Stocks rallied on March 3, 2015 after a long slump, dealers said.\n",
        encoding="utf-8",
    )
    ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    return engine


def _titles(engine, **kw):
    return [h["title"] for h in search(engine, SearchOptions(**kw))]


def test_date_filters(mixed):
    assert _titles(mixed, query="rallied", since="2020-01-01") == ["Markets rally in London"]
    assert _titles(mixed, query="rallied", until="2020-01-01") == ["Old rally remembered"]
    assert _titles(mixed, query="rallied", since="2015-03-03", until="2015-03-03") == ["Old rally remembered"]


def test_language_and_source_filters(mixed):
    assert _titles(mixed, query="Kazakhstan", language="en") == []
    assert len(_titles(mixed, query="Kazakhstan", language="ID")) == 1
    assert _titles(mixed, query="rallied", source="wire") and _titles(mixed, query="Kazakhstan", source="wire") == []


def test_entity_filter_is_alias_aware(mixed):
    assert _titles(mixed, query="pertemuan", entity="putin") == _titles(mixed, query="pertemuan", entity="Vladimir Putin")
    assert _titles(mixed, query="pertemuan", entity="putin")
    assert _titles(mixed, query="rallied", entity="putin") == []


def test_speaker_filter_searches_only_their_quotes(mixed):
    hits = search(mixed, SearchOptions("kudeta", speaker="tokayev"))
    assert [h["speaker"] for h in hits] == ["Kassym-Jomart Tokayev"]
    assert f"{HIT_OPEN}kudeta{HIT_CLOSE}" in hits[0]["snippet"]
    assert search(mixed, SearchOptions("kudeta", speaker="putin")) == []


def test_grouping_per_article_and_paging(mixed):
    one = search(mixed, SearchOptions("Kazakhstan"))
    assert len(one) == 1
    three = search(mixed, SearchOptions("Kazakhstan", per_article=3))
    assert len(three) == 3 and len({h["article_id"] for h in three}) == 1
    assert three[0]["score"] >= three[1]["score"] >= three[2]["score"]
    everything = _titles(mixed, query="rallied OR Kazakhstan")
    assert _titles(mixed, query="rallied OR Kazakhstan", limit=1, offset=1) == everything[1:2]


def test_stemmed_search_finds_other_word_forms(mixed):
    assert _titles(mixed, query="bela") == []
    assert _titles(mixed, query="bela", stem=True) == ["Putin Klaim Kemenangan dalam Membela Kazakhstan dari Pemberontakan"]
    assert "Markets rally in London" in _titles(mixed, query="rallies", stem=True)
    hit = search(mixed, SearchOptions("bela", stem=True))[0]
    assert f"{HIT_OPEN}membela{HIT_CLOSE}" in hit["snippet"]


def test_stemmed_search_of_two_words_with_different_stems_needs_both(mixed):
    """Each stemmed word is a group of readings; two side by side still mean both (issue 14, case 1)."""
    seed = ["Putin Klaim Kemenangan dalam Membela Kazakhstan dari Pemberontakan"]
    for query in ("Putin membela", "membela Putin", "Putin AND membela", "putin (membela OR dibela)"):
        assert _titles(mixed, query=query, stem=True) == seed, query
    assert _titles(mixed, query="rallies membela", stem=True) == []


def test_bad_filter_values_are_usage_errors(mixed):
    from archive.errors import UsageError

    with pytest.raises(UsageError):
        search(mixed, SearchOptions("x", since="2022-13-01"))
    with pytest.raises(UsageError):
        search(mixed, SearchOptions("x", since="2022-02-01", until="2022-01-01"))


def test_a_reused_statement_takes_each_search_s_own_values(archive):
    """Statements are built once per shape; values (query, filters, page) must never carry over."""
    english = search(archive, SearchOptions("Almaty", language="en"))
    indonesian = search(archive, SearchOptions("Almaty", language="id"))
    assert english and all(h["language"] == "en" for h in english)
    assert all(h["language"] == "id" for h in indonesian)
    assert {h["article_id"] for h in english}.isdisjoint(h["article_id"] for h in indonesian)
    assert search(archive, SearchOptions("Almaty", since="2030-01-01")) == []
    dated = [h["article_id"] for h in search(archive, SearchOptions("Almaty")) if h["published"]]
    assert dated and [h["article_id"] for h in search(archive, SearchOptions("Almaty", since="2000-01-01"))] == dated
    first, second = search(archive, SearchOptions("Almaty", limit=1)), search(archive, SearchOptions("Almaty", limit=1, offset=1))
    assert len(first) == len(second) == 1 and first[0]["article_id"] != second[0]["article_id"]
    assert [h["title"] for h in search(archive, SearchOptions("traders"))] == ["Markets in Almaty calm down"]


def test_snippets_mark_a_phrase_as_one_span_and_raw_queries_get_fts5_snippets(archive):
    hit = search(archive, SearchOptions('"upaya kudeta"'))[0]
    assert f"{HIT_OPEN}upaya kudeta{HIT_CLOSE}".casefold() in hit["snippet"].casefold()
    raw = search(archive, SearchOptions("Tokayev", raw=True))[0]
    assert f"{HIT_OPEN}Tokayev{HIT_CLOSE}" in raw["snippet"]


def test_raw_queries_speak_the_engine_s_own_syntax(archive):
    from archive.store import backend

    raw = {"sqlite": 'kudeta NOT "putin"', "postgresql": "kudeta & !putin"}[backend.of(archive).name]
    hits = search(archive, SearchOptions(raw, raw=True, per_article=10))
    assert [h["paragraph"] for h in hits] == [7] and f"{HIT_OPEN}kudeta{HIT_CLOSE}" in hits[0]["snippet"]
    phrase = {"sqlite": 'NEAR("upaya" "kudeta", 1)', "postgresql": "upaya <-> kudeta"}[backend.of(archive).name]
    assert [h["paragraph"] for h in search(archive, SearchOptions(phrase, raw=True))] == [7]
