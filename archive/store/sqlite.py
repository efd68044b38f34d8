"""Everything SQLite-specific: connection pragmas, transaction mode, FTS5 queries and checks.

The rest of the package speaks portable SQLAlchemy; a PostgreSQL backend replaces this module.
"""

from __future__ import annotations

import sqlalchemy as sa
from sqlalchemy.engine import Engine

BUSY_TIMEOUT_MS = 30_000

# Index name -> (content table, indexed columns); the migrations create them.
FTS_INDEXES = {
    "articles_fts": ("articles", ("title",)),
    "paragraphs_fts": ("paragraphs", ("text",)),
    "quotes_fts": ("quotes", ("text", "speaker")),
}


def configure(engine: Engine) -> None:
    """Install the connection pragmas and explicit transaction handling on a SQLite engine."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's implicit
        # transactions would defer the write lock and break busy-timeout waiting).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")  # readers never block the one writer
        cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash never corrupts
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
        cursor.close()

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the write lock up front (waiting up to the busy timeout) so two ingests
        # queue instead of failing half-way with "database is locked".
        immediate = connection.get_execution_options().get("immediate_transaction", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def fts_match(index: str) -> sa.TextClause:
    """``rowid``, bm25 ``rank`` of an FTS5 index for the bound ``:query``."""
    return sa.text(f"SELECT rowid AS rowid, bm25({index}) AS rank FROM {index} WHERE {index} MATCH :query")


def fts_snippet_sql(index: str, column: int, open_mark: str, close_mark: str, tokens: int = 16) -> str:
    """SQL expression for an FTS5 snippet of ``column`` with the matched terms marked."""
    return f"snippet({index}, {column}, '{open_mark}', '{close_mark}', '…', {tokens})"


def is_fts_syntax_error(error: Exception) -> bool:
    """True when the database rejected an FTS5 query string (not a real database failure)."""
    message = str(getattr(error, "orig", error)).lower()
    return any(s in message for s in ("fts5: syntax error", "unterminated string", "no such column", "unknown special query"))


def rebuild_fts(connection: sa.Connection) -> None:
    """Rebuild every FTS index from its content table."""
    for index in FTS_INDEXES:
        connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def integrity_problems(connection: sa.Connection) -> list[str]:
    """SQLite and FTS5 integrity checks; an empty list means both are clean."""
    problems = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check") if row[0] != "ok"]
    for index in FTS_INDEXES:
        try:
            connection.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        except sa.exc.DatabaseError as exc:
            problems.append(f"{index}: {getattr(exc, 'orig', exc)}")
    return problems


def insert_ignore(table: sa.Table) -> sa.Insert:
    """INSERT that silently skips rows violating a unique constraint."""
    from sqlalchemy.dialects.sqlite import insert

    return insert(table).on_conflict_do_nothing()



# Query nodes come from ``archive.query.parse`` and are read by shape (``words``, ``phrases``,
# ``name``), so this module does not depend on the layer above it.
def _fts_phrase(phrase) -> str:
    quoted = '"' + " ".join(w.replace('"', '""') for w in phrase.words) + '"'
    return quoted + ("*" if phrase.prefix else "")


def _phrases(nodes) -> list:
    found = []
    for node in nodes:
        if hasattr(node, "words"):
            found.append(node)
        elif hasattr(node, "phrases"):
            found.extend(node.phrases)
    return found


def render_match(nodes) -> str:
    """Render parsed query nodes as an FTS5 MATCH string; every word is quoted, so none is syntax."""
    parts = []
    for node in nodes:
        if hasattr(node, "words"):
            parts.append(_fts_phrase(node))
        elif hasattr(node, "phrases"):
            parts.append(f"NEAR({' '.join(_fts_phrase(p) for p in node.phrases)}, {node.distance})")
        else:
            parts.append(node.name)
    return " ".join(parts).replace("( ", "(").replace(" )", ")")


def render_literal(nodes) -> str:
    """Every word of the query as plain terms (the fallback when operators do not combine)."""
    return " ".join(_fts_phrase(p) for p in _phrases(nodes))


# Marks around matched terms in snippets: control characters no article text contains (the
# normalizer strips them), turned into Rich markup or plain markers by the layers above.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


def search_hits(
    connection: sa.Connection,
    match: str,
    *,
    limit: int,
    offset: int = 0,
    title_weight: float = 2.0,
) -> list[sa.Row]:
    """Paragraph hits for an FTS5 ``match`` string, best first.

    Hits from articles whose title matches come first (a rule a reader can predict), then
    body-only hits; within each group the score is the paragraph's bm25 plus ``title_weight`` ×
    the title's bm25 (bm25 is negative: lower is better). Articles that match only in the title
    are returned with their first paragraph.
    """
    snippet = fts_snippet_sql("paragraphs_fts", 0, HIT_OPEN, HIT_CLOSE)
    title_snippet = fts_snippet_sql("articles_fts", 0, HIT_OPEN, HIT_CLOSE)
    sql = f"""
    WITH title AS (
        SELECT rowid AS article_id, bm25(articles_fts) AS rank, {title_snippet} AS snippet
        FROM articles_fts WHERE articles_fts MATCH :match
    ),
    para AS (
        SELECT rowid AS paragraph_id, bm25(paragraphs_fts) AS rank, {snippet} AS snippet
        FROM paragraphs_fts WHERE paragraphs_fts MATCH :match
    ),
    hits AS (
        SELECT p.article_id, p.id AS paragraph_id, para.snippet, title.article_id IS NOT NULL AS in_title,
               para.rank + :weight * COALESCE(title.rank, 0) AS rank
        FROM para
        JOIN paragraphs p ON p.id = para.paragraph_id
        LEFT JOIN title ON title.article_id = p.article_id
        UNION ALL
        SELECT title.article_id, p.id, title.snippet, 1, :weight * title.rank
        FROM title
        JOIN paragraphs p ON p.article_id = title.article_id AND p.position = 0
        WHERE NOT EXISTS (
            SELECT 1 FROM para JOIN paragraphs q ON q.id = para.paragraph_id
            WHERE q.article_id = title.article_id
        )
    )
    SELECT a.id AS article_id, a.title, a.published, a.language, a.source,
           p.position AS paragraph, p.text, hits.snippet, -hits.rank AS score
    FROM hits
    JOIN articles a ON a.id = hits.article_id
    JOIN paragraphs p ON p.id = hits.paragraph_id
    ORDER BY hits.in_title DESC, hits.rank, a.id, p.position
    LIMIT :limit OFFSET :offset
    """
    return list(connection.execute(sa.text(sql), {"match": match, "weight": title_weight, "limit": limit, "offset": offset}))


def quote_text_match(match: str) -> str:
    """Restrict an FTS5 match string to the quote text column (not the speaker)."""
    return f"text : ({match})"


def quote_ids_sql() -> sa.TextClause:
    """Quote ids whose text matches ``:match``, with their bm25 rank."""
    return sa.text("SELECT rowid AS id, bm25(quotes_fts) AS rank FROM quotes_fts WHERE quotes_fts MATCH :match")
