"""PostgreSQL's search SQL (``archive.store.backend.SearchSQL``): the query language as ``tsquery``,
the statements over the ``tsvector`` columns, ``ts_headline`` snippets.

The columns (migration 0006) are generated from the text: runs of letters and digits (every other
character a separator, as SQLite's ``unicode61`` tokenizer splits words), folded by the
``archive_text`` configuration (PostgreSQL's ``simple`` dictionary, accents removed with
``unaccent``): ``articles.title_tsv``, ``paragraphs.text_tsv``, ``quotes.terms_tsv`` (the quote's
text with weight A, its speaker with weight B) and ``paragraph_stems.stems_tsv`` (the Sastrawi /
Snowball stems the normalizer computed). ``rank`` is ``-ts_rank(…, 1)`` (lower is better, as bm25).

Query rendering follows FTS5's grammar (NOT binds tighter than AND, AND than OR; words side by
side are AND), so a query means the same on both engines: phrases ``'a' <-> 'b'``, prefixes
``'kaz':*``, ``NEAR(a b, N)`` as ``<k>`` distances (at most N words between, either order), AND
``&``, OR ``|``, NOT ``& !``. Operators that do not combine make the query literal, all words
required, as SQLite falls back when FTS5 rejects them.
"""

from __future__ import annotations

import re
from functools import lru_cache

import sqlalchemy as sa

from archive.errors import QueryTooExpensive
from archive.store.backend import HIT_CLOSE, HIT_OPEN, phrases_of

CONFIG = "archive_text"
# NEAR expands to one alternative per order and distance; beyond this many the query is refused.
MAX_NEAR_ALTERNATIVES = 1_000
_HEADLINE_OPTIONS = f"StartSel={HIT_OPEN}, StopSel={HIT_CLOSE}, MaxWords=16, MinWords=6, ShortWord=0, HighlightAll=false"
_QUOTED_LEXEME = re.compile(r"('(?:[^'\\]|''|\\.)*')(:\*)?(?![:A-Da-d*])")


def _lexeme(word: str) -> str:
    return "'" + word.replace("\\", "\\\\").replace("'", "''") + "'"


def _phrase(phrase) -> str:
    parts = [_lexeme(w) for w in phrase.words]
    if phrase.prefix:
        parts[-1] += ":*"
    return parts[0] if len(parts) == 1 else "(" + " <-> ".join(parts) + ")"


def _near(node) -> str:
    """FTS5's NEAR(p1 p2 …, N): each pair within N words of each other, in either order.

    ``A <k> B`` puts B's last word k positions after A's last word, so for B of m words with
    g words between the two (0 ≤ g ≤ N), k = g + m.
    """
    phrases, distance = node.phrases, node.distance
    pairs = [(a, b) for i, a in enumerate(phrases) for b in phrases[i + 1:]]
    if len(pairs) * 2 * (distance + 1) > MAX_NEAR_ALTERNATIVES:
        raise QueryTooExpensive(
            f"NEAR of {len(phrases)} phrases within {distance} words is too wide to search on PostgreSQL "
            f"(at most {MAX_NEAR_ALTERNATIVES:,} alternatives): narrow it"
        )
    groups = []
    for a, b in pairs:
        options = [
            f"{_phrase(first)} <{gap + len(second.words)}> {_phrase(second)}"
            for first, second in ((a, b), (b, a))
            for gap in range(distance + 1)
        ]
        groups.append("(" + " | ".join(options) + ")")
    return groups[0] if len(groups) == 1 else "(" + " & ".join(groups) + ")"


def _operand(node) -> str:
    if hasattr(node, "words"):
        return _phrase(node)
    if hasattr(node, "phrases"):
        return _near(node)
    return "(" + " | ".join(_operand(option) for option in node.options) + ")"


class _Malformed(Exception):
    """Operators that do not combine (FTS5 would call it a syntax error)."""


class _Renderer:
    """A recursive-descent reading of the node list with FTS5's precedence, written as tsquery."""

    def __init__(self, nodes) -> None:
        self.nodes, self.at = list(nodes), 0

    def _peek(self) -> str | None:
        if self.at >= len(self.nodes):
            return None
        return getattr(self.nodes[self.at], "name", "operand")

    def render(self) -> str:
        text = self._or()
        if self.at != len(self.nodes):
            raise _Malformed
        return text

    def _or(self) -> str:
        text = self._and()
        while self._peek() == "OR":
            self.at += 1
            text = f"({text} | {self._and()})"
        return text

    def _and(self) -> str:
        text = self._not()
        while self._peek() in ("AND", "operand", "("):
            if self._peek() == "AND":
                self.at += 1
            text = f"({text} & {self._not()})"
        return text

    def _not(self) -> str:
        text = self._primary()
        while self._peek() == "NOT":
            self.at += 1
            text = f"({text} & !{self._primary()})"
        return text

    def _primary(self) -> str:
        kind = self._peek()
        if kind == "operand":
            self.at += 1
            return _operand(self.nodes[self.at - 1])
        if kind == "(":
            self.at += 1
            text = self._or()
            if self._peek() != ")":
                raise _Malformed
            self.at += 1
            return text
        raise _Malformed


def render_match(nodes) -> str:
    """Parsed query nodes as a tsquery string for ``to_tsquery('archive_text', …)``; every word is quoted."""
    try:
        return _Renderer(nodes).render()
    except _Malformed:
        return render_literal(nodes)


def render_literal(nodes) -> str:
    """Every phrase of the query, all required."""
    return " & ".join(_phrase(p) for p in phrases_of(nodes))


def check_raw(text: str) -> str:
    return text


def is_syntax_error(error: Exception) -> bool:
    """True when PostgreSQL rejected a tsquery string (a ``--raw`` query)."""
    orig = getattr(error, "orig", error)
    return getattr(orig, "sqlstate", None) == "42601" and "tsquery" in str(orig)


def quote_text_match(match: str) -> str:
    """Restrict a query to the quote's text (weight A of ``terms_tsv``), as SQLite's ``text : (…)``.

    Every quoted lexeme without weights of its own gets ``:A``; a ``--raw`` query's bare words stay
    unrestricted (they match the text or the speaker).
    """
    return _QUOTED_LEXEME.sub(lambda m: f"{m.group(1)}:{'*' if m.group(2) else ''}A", match)


def _matches(key: str, table: str, column: str, param: str, key_column: str = "id") -> str:
    return (
        f"SELECT t.{key_column} AS {key}, -ts_rank(t.{column}, q, 1) AS rank "
        f"FROM {table} AS t, to_tsquery('{CONFIG}', :{param}) AS q WHERE t.{column} @@ q"
    )


def _columns(clause: str, key: str) -> sa.TextClause:
    return sa.text(clause).columns(**{key: sa.Integer, "rank": sa.Float})


# The tsquery strings (and LIMIT) below are named parameters, given when the statement runs
# (``match_parameters``): a statement built once is then reused for every query.
def paragraph_matches() -> sa.TextClause:
    """``paragraph_id, rank`` of paragraphs matching ``:paragraph_match``."""
    return _columns(_matches("paragraph_id", "paragraphs", "text_tsv", "paragraph_match"), "paragraph_id")


def top_paragraph_matches() -> sa.TextClause:
    """The ``:top`` best paragraphs for ``:paragraph_match``."""
    return _columns(_matches("paragraph_id", "paragraphs", "text_tsv", "paragraph_match") + " ORDER BY rank LIMIT :top", "paragraph_id")


def title_matches() -> sa.TextClause:
    """``article_id, rank`` of articles whose title matches ``:title_match``."""
    return _columns(_matches("article_id", "articles", "title_tsv", "title_match"), "article_id")


def stem_matches() -> sa.TextClause:
    """``paragraph_id, rank`` of paragraphs whose stems match ``:stem_match``."""
    return _columns(_matches("paragraph_id", "paragraph_stems", "stems_tsv", "stem_match", "paragraph_id"), "paragraph_id")


def quote_matches(match: str | None = None) -> sa.TextClause:
    """``quote_id, rank`` of quotes whose text matches ``match``, or ``:quote_match`` when it is None."""
    clause = _columns(_matches("quote_id", "quotes", "terms_tsv", "quote_match"), "quote_id")
    return clause if match is None else clause.bindparams(quote_match=quote_text_match(match))


def match_parameters(match: str) -> dict:
    """Values for the named tsquery parameters of the statements above, all searching for ``match``."""
    return {"paragraph_match": match, "title_match": match, "stem_match": match, "quote_match": quote_text_match(match)}


_SOURCES = {"paragraphs": ("paragraphs", "text"), "titles": ("articles", "title"), "quotes": ("quotes", "text")}


@lru_cache(maxsize=4)
def _headline_statement(kind: str) -> sa.TextClause:
    table, column = _SOURCES[kind]
    return sa.text(
        f"SELECT id, {column}, ts_headline('{CONFIG}', {column}, to_tsquery('{CONFIG}', :match), :options) "
        f"FROM {table} WHERE id = ANY(:ids)"
    )


def snippets(connection: sa.Connection, kind: str, match: str, ids: list[int]) -> dict[int, str]:
    """``ts_headline`` snippets (matches between HIT_OPEN/HIT_CLOSE) of ``paragraphs``, ``titles`` or
    ``quotes`` for the rows being shown, with ``…`` where the text was cut (as FTS5's ``snippet``).

    Headlines read the text with PostgreSQL's parser, not the index's letter-and-digit runs, so a
    word inside a host name or a number with a point may go unmarked; only ``--raw`` and
    ``--speaker`` searches show them (the others are marked in Python).
    """
    if not ids:
        return {}
    out = {}
    for row_id, text, headline in connection.execute(
        _headline_statement(kind), {"match": match, "ids": list(ids), "options": _HEADLINE_OPTIONS}
    ):
        if text is None or HIT_OPEN not in headline:
            continue
        shown = headline.replace(HIT_OPEN, "").replace(HIT_CLOSE, "")
        out[row_id] = ("" if text.startswith(shown) else "…") + headline + ("" if text.endswith(shown) else "…")
    return out
