"""User text never becomes an FTS5 syntax error; operators that are well formed are kept."""

import pytest

from archive.errors import QueryError
from archive.query.parse import Near, Operator, Phrase, parse_query
from archive.store.sqlite_search import render_match

NASTY = [
    "Kassym-Jomart", '"unbalanced', "AND", "OR", "NOT", "a AND", "OR b", "NOT x", "(", ")", "((a", "a))",
    "title:foo", "foo:", ":", "a*b", "*", "“upaya kudeta”", "„x“", "«x»", "'single'", "a -b", "-", "^a", "a + b",
    "NEAR(", "NEAR(a", "NEAR(a b, x)", "a AND AND b", "Jum'at", "100%", "C++", "e-mail@example.com", "ёлка Путин",
    "a\tb\nc", "\x00x", "😀 emoji", "SELECT * FROM articles; --", "x' OR '1'='1",
]


@pytest.mark.parametrize("text", NASTY)
def test_nasty_text_renders_to_valid_fts(text):
    import sqlite3

    try:
        match = render_match(parse_query(text))
    except QueryError:
        return  # nothing searchable: a clear error, fine
    connection = sqlite3.connect(":memory:")
    connection.execute("CREATE VIRTUAL TABLE t USING fts5(x, tokenize='unicode61 remove_diacritics 2')")
    connection.execute("INSERT INTO t VALUES ('kassym jomart tokayev upaya kudeta')")
    connection.execute("SELECT * FROM t WHERE t MATCH ?", (match,)).fetchall()


def test_operators_phrases_prefix_and_near_survive():
    assert parse_query('putin AND "upaya kudeta"') == [Phrase(("putin",)), Operator("AND"), Phrase(("upaya", "kudeta"))]
    assert parse_query("kaz*") == [Phrase(("kaz",), prefix=True)]
    assert parse_query("NEAR(putin tokayev, 5)") == [Near((Phrase(("putin",)), Phrase(("tokayev",))), 5)]
    assert render_match(parse_query("(a OR b) NOT c")) == '("a" OR "b") NOT "c"'


def test_groups_side_by_side_are_joined_by_an_explicit_and():
    """FTS5 takes "a" "b" as AND, but not a phrase beside a parenthesized group."""
    assert render_match(parse_query("a b")) == '"a" "b"'
    assert render_match(parse_query("x (y OR z) w")) == '"x" AND ("y" OR "z") AND "w"'
    assert render_match(parse_query("(a) (b)")) == '("a") AND ("b")'


def test_hyphenated_name_is_a_phrase():
    assert render_match(parse_query("Kassym-Jomart")) == '"Kassym Jomart"'


@pytest.mark.parametrize("text", ["", "   ", "!!!", "--", "()"])
def test_nothing_to_search_is_a_query_error(text):
    with pytest.raises(QueryError):
        parse_query(text)


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        (" OR ".join(["putin"] * 3000), "too long"),  # 3,000 ORs of one word: 14 s on 2,000 articles
        ("kata " * 20_000, "too long"),  # 100 KB of words
        ("(" * 20_000 + "a" + ")" * 20_000, "too long"),  # FTS5: parser stack overflow
        (" ".join(f"w{i}" for i in range(101)), "101 words"),
        ("(" * 11 + "a" + ")" * 11, "11 levels"),
    ],
)
def test_queries_beyond_the_bounds_are_usage_errors(text, reason):
    from archive.errors import QueryTooExpensive, UsageError
    from archive.query.parse import check_raw

    for check in (parse_query, check_raw):
        with pytest.raises(QueryTooExpensive, match=reason) as raised:
            check(text)
        assert isinstance(raised.value, UsageError)  # exit code 2


def test_queries_at_the_bounds_are_fine():
    from archive.query.parse import MAX_QUERY_DEPTH, MAX_QUERY_WORDS, check_raw

    words = " ".join(f"w{i}" for i in range(MAX_QUERY_WORDS))
    nested = "(" * MAX_QUERY_DEPTH + "a OR b" + ")" * MAX_QUERY_DEPTH
    for text in (words, nested, '"(((((((((((((((((((( is text in a phrase"'):
        parse_query(text)
        check_raw(text)
