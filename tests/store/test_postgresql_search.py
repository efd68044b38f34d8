"""PostgreSQL's search SQL: the query language compiled to tsquery with FTS5's meaning, and a
server that accepts every rendering (no user text is a tsquery syntax error)."""

import pytest
import sqlalchemy as sa

from archive.errors import QueryError, QueryTooExpensive
from archive.query.parse import Operator, Phrase, parse_query
from archive.store import postgresql_search as pg
from tests.query.test_parse import NASTY


def render(text: str) -> str:
    return pg.render_match(parse_query(text))


def test_words_phrases_prefixes_and_operators():
    assert render("putin") == "'putin'"
    assert render('"upaya kudeta"') == "('upaya' <-> 'kudeta')"
    assert render("kaz*") == "'kaz':*"
    assert render("a b") == "('a' & 'b')"
    assert render("a OR b c") == "('a' | ('b' & 'c'))"  # AND binds tighter than OR, as in FTS5
    assert render("a NOT b c") == "(('a' & !'b') & 'c')"  # and NOT tighter than AND
    assert render("(a OR b) NOT c") == "(('a' | 'b') & !'c')"
    assert render("Kassym-Jomart") == "('Kassym' <-> 'Jomart')"
    assert render("Jum'at") == "('Jum' <-> 'at')"


def test_operators_that_do_not_combine_search_every_word():
    a, b = Phrase(("a",)), Phrase(("b",))
    assert pg.render_match([a, Operator("NOT"), Operator("OR"), b]) == "'a' & 'b'"  # FTS5 would reject it too
    assert pg.render_match([Operator("("), a, Operator("OR"), b]) == "'a' & 'b'"


def test_near_is_within_n_words_in_either_order():
    rendered = render("NEAR(putin tokayev, 2)")
    alternatives = set(rendered.strip("()").split(" | "))
    assert alternatives == {f"'putin' <{k}> 'tokayev'" for k in (1, 2, 3)} | {f"'tokayev' <{k}> 'putin'" for k in (1, 2, 3)}
    three = render("NEAR(a b c, 1)")
    assert three.count("|") == 3 * 3 and three.count(" & ") == 2  # each pair: 2 orders × 2 distances
    with pytest.raises(QueryTooExpensive):
        render("NEAR(" + " ".join(f"w{i}" for i in range(30)) + ", 50)")


def test_quote_text_restriction_weights_every_quoted_lexeme():
    assert pg.quote_text_match("('upaya' <-> 'kud':*) & !'putin'") == "('upaya':A <-> 'kud':*A) & !'putin':A"
    assert pg.quote_text_match("kudeta & 'putin':B") == "kudeta & 'putin':B"  # a raw query's own weights stay


@pytest.fixture(scope="module")
def server_engine(pg_server):
    """An archive on the session's server (the text search configuration is made by its migrations)."""
    from archive.store.database import open_database

    url = pg_server.create_database()
    engine = open_database(url)
    yield engine
    engine.dispose()
    pg_server.drop_database(url)


@pytest.mark.parametrize("text", NASTY)
def test_nasty_text_renders_to_a_valid_tsquery(server_engine, text):
    try:
        match = render(text)
    except QueryError:
        return
    with server_engine.connect() as connection:
        connection.execute(sa.text("SELECT to_tsvector('archive_text', 'kassym jomart tokayev upaya kudeta') @@ to_tsquery('archive_text', :q)"),
                           {"q": match}).scalar()


@pytest.mark.parametrize(
    ("text", "query", "found"),
    [
        ("Kassym-Jomart Tokayev berkata", '"kassym jomart"', True),
        ("Pétain à Vichy", "petain", True),  # accents fold away, as in FTS5's remove_diacritics
        ("PETAIN", "Pétain", True),
        ("lihat kompas.com hari ini", "kompas", True),  # punctuation separates words, hosts included
        ("harga 1.5 juta", '"1 5"', True),
        ("upaya kudeta gagal", "NEAR(upaya gagal, 1)", True),
        ("upaya kudeta yang gagal", "NEAR(upaya gagal, 1)", False),
        ("gagal upaya", "NEAR(upaya gagal, 0)", True),
    ],
)
def test_the_index_reads_words_as_sqlite_does(server_engine, text, query, found):
    """The generated column of a real paragraph row against the rendered query (rolled back after)."""
    with server_engine.connect() as connection:
        connection.exec_driver_sql("INSERT INTO articles (id, source_path, content_hash, ingested_at) VALUES (1, 'x', 'h', 'now')")
        matched = connection.execute(sa.text(
            "INSERT INTO paragraphs (article_id, position, text) VALUES (1, 0, :t) "
            "RETURNING text_tsv @@ to_tsquery('archive_text', :q)"
        ), {"t": text, "q": render(query)}).scalar()
        connection.rollback()
    assert matched is found
