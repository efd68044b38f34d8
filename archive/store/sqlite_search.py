"""SQLite's search SQL (``archive.store.backend.SearchSQL``): FTS5 MATCH strings, statements, snippets.

The indexes (migrations 0001, 0002, 0006) are external-content FTS5 tables with the
``unicode61 remove_diacritics 2`` tokenizer: ``articles_fts(title)``, ``paragraphs_fts(text)``,
``quotes_fts(text, speaker)`` and ``paragraphs_stem_fts(stems)`` over ``paragraph_stems``, kept in
step by triggers. ``rank`` is bm25 (lower is better).
"""

from __future__ import annotations

from functools import lru_cache

import sqlalchemy as sa

from archive.store.backend import HIT_CLOSE, HIT_OPEN, phrases_of

STEM_INDEX = "paragraphs_stem_fts"
_INDEX_OF = {"paragraphs": "paragraphs_fts", "titles": "articles_fts", "quotes": "quotes_fts"}
_SYNTAX_ERRORS = ("fts5: syntax error", "unterminated string", "no such column", "unknown special query", "parser stack overflow")


def fts_snippet_sql(index: str, column: int, open_mark: str, close_mark: str, tokens: int = 16) -> str:
    """SQL expression for an FTS5 snippet of ``column`` with the matched terms marked."""
    return f"snippet({index}, {column}, '{open_mark}', '{close_mark}', '…', {tokens})"


def is_syntax_error(error: Exception) -> bool:
    """True when the database rejected an FTS5 query string (not a real database failure)."""
    message = str(getattr(error, "orig", error)).lower()
    return any(s in message for s in _SYNTAX_ERRORS)


def check_raw(text: str) -> str:
    return text


# Query nodes come from ``archive.query.parse`` and are read by shape (``words``, ``phrases``,
# ``name``), so this module does not depend on the layer above it.
def _fts_phrase(phrase) -> str:
    quoted = '"' + " ".join(w.replace('"', '""') for w in phrase.words) + '"'
    return quoted + ("*" if phrase.prefix else "")


def _render_node(node) -> str:
    if hasattr(node, "words"):
        return _fts_phrase(node)
    if hasattr(node, "phrases"):
        return f"NEAR({' '.join(_fts_phrase(p) for p in node.phrases)}, {node.distance})"
    if hasattr(node, "options"):
        return "(" + " OR ".join(_render_node(o) for o in node.options) + ")"
    return node.name


def render_match(nodes) -> str:
    """Render parsed query nodes as an FTS5 MATCH string; every word is quoted, so none is syntax.

    FTS5 reads two operands side by side as AND only when neither is in parentheses (``"a" ("b"
    OR "c")`` is a syntax error), so an explicit AND goes between such neighbours: a stemmed word
    is a group of its readings, and ``Putin membela --stem`` must still mean both words.
    """
    parts: list[str] = []
    after_operand = after_group = False
    for node in nodes:
        name = getattr(node, "name", None)  # operators: AND, OR, NOT and parentheses
        grouped = hasattr(node, "options") or name == "("
        if after_operand and (grouped or after_group) and name not in ("AND", "OR", "NOT", ")"):
            parts.append("AND")
        parts.append(_render_node(node))
        after_operand = name is None or name == ")"
        after_group = hasattr(node, "options") or name == ")"
    return " ".join(parts).replace("( ", "(").replace(" )", ")")


def render_literal(nodes) -> str:
    """Every word of the query as plain terms (the fallback when operators do not combine)."""
    return " ".join(_fts_phrase(p) for p in phrases_of(nodes))


def _matches(index: str, key: str, param: str) -> sa.TextClause:
    return sa.text(
        f"SELECT rowid AS {key}, bm25({index}) AS rank FROM {index} WHERE {index} MATCH :{param}"
    ).columns(**{key: sa.Integer, "rank": sa.Float})


# The MATCH strings (and LIMIT) below are named parameters, given when the statement runs
# (``match_parameters``): a statement built once is then reused for every query.
def paragraph_matches() -> sa.TextClause:
    """``paragraph_id, rank`` of paragraphs matching ``:paragraph_match`` (bm25: lower is better)."""
    return _matches("paragraphs_fts", "paragraph_id", "paragraph_match")


def top_paragraph_matches() -> sa.TextClause:
    """The ``:top`` best paragraphs for ``:paragraph_match``, by FTS5's own top-N ``ORDER BY rank`` (bm25)."""
    return sa.text(
        "SELECT rowid AS paragraph_id, rank FROM paragraphs_fts WHERE paragraphs_fts MATCH :paragraph_match "
        "ORDER BY rank LIMIT :top"
    ).columns(paragraph_id=sa.Integer, rank=sa.Float)


def title_matches() -> sa.TextClause:
    """``article_id, rank`` of articles whose title matches ``:title_match``."""
    return _matches("articles_fts", "article_id", "title_match")


def stem_matches() -> sa.TextClause:
    """``paragraph_id, rank`` of paragraphs matching ``:stem_match`` in the stemmed index."""
    return _matches(STEM_INDEX, "paragraph_id", "stem_match")


def quote_matches(match: str | None = None) -> sa.TextClause:
    """``quote_id, rank`` of quotes whose text matches ``match``, or ``:quote_match`` when it is None."""
    clause = _matches("quotes_fts", "quote_id", "quote_match")
    return clause if match is None else clause.bindparams(quote_match=quote_text_match(match))


def match_parameters(match: str) -> dict:
    """Values for the named MATCH parameters of the statements above, all searching for ``match``."""
    return {"paragraph_match": match, "title_match": match, "stem_match": match, "quote_match": quote_text_match(match)}


@lru_cache(maxsize=16)
def _snippet_statement(index: str, column: int) -> sa.TextClause:
    snippet = fts_snippet_sql(index, column, HIT_OPEN, HIT_CLOSE)
    return sa.text(
        f"SELECT rowid, {snippet} FROM {index} WHERE {index} MATCH :match AND rowid IN :ids"
    ).bindparams(sa.bindparam("ids", expanding=True))


def snippets(connection: sa.Connection, kind: str, match: str, ids: list[int]) -> dict[int, str]:
    """FTS5 snippets (matches between HIT_OPEN/HIT_CLOSE) of ``paragraphs``, ``titles`` or ``quotes``,
    for just the rows being shown."""
    if not ids:
        return {}
    if kind == "quotes":
        match = quote_text_match(match)
    return dict(connection.execute(_snippet_statement(_INDEX_OF[kind], 0), {"match": match, "ids": ids}).all())


def quote_text_match(match: str) -> str:
    """Restrict an FTS5 match string to the quote text column (not the speaker)."""
    return f"text : ({match})"
