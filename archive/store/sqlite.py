"""Everything SQLite-specific: connection pragmas, transaction mode, FTS5 queries and checks.

The rest of the package speaks portable SQLAlchemy; a PostgreSQL backend replaces this module.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Iterator, Sequence
from functools import lru_cache

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import DatabaseCorrupt, DiskFull, QueryTooExpensive

BUSY_TIMEOUT_MS = 30_000
# SQLite virtual-machine steps between two looks at a query's deadline (well under a millisecond).
_PROGRESS_STEPS = 10_000

# Index name -> (content table, indexed columns); the migrations create them.
FTS_INDEXES = {
    "articles_fts": ("articles", ("title",)),
    "paragraphs_fts": ("paragraphs", ("text",)),
    "quotes_fts": ("quotes", ("text", "speaker")),
}


def configure(engine: Engine, path: str, read_only: bool = False) -> None:
    """Install the connection pragmas, explicit transaction handling and error translation on a
    SQLite engine; a ``read_only`` one (a published archive on read-only storage) writes nothing."""

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        # Let SQLAlchemy's "begin" event below issue BEGIN itself (pysqlite's implicit
        # transactions would defer the write lock and break busy-timeout waiting).
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")  # readers never block the one writer
            cursor.execute("PRAGMA synchronous = NORMAL")  # safe with WAL: a crash never corrupts
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA temp_store = MEMORY")
        cursor.execute("PRAGMA cache_size = -65536")  # 64 MiB page cache
        cursor.close()

    @sa.event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:
        translated = translate_error(context.original_exception, path)
        if translated is not None:
            raise translated from context.original_exception

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        # Writers take the write lock up front (waiting up to the busy timeout) so two ingests
        # queue instead of failing half-way with "database is locked".
        immediate = connection.get_execution_options().get("immediate_transaction", False)
        connection.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")




def translate_error(error: BaseException, where: str) -> Exception | None:
    """The domain error for a SQLite failure that is about the database itself, else None.

    A damaged file and a full disk are reported as what they are, in one line, wherever the
    statement was; everything else (syntax, constraints, locks) stays the driver's error for the
    caller to judge.
    """
    name = getattr(error, "sqlite_errorname", "") or ""
    if name.startswith("SQLITE_CORRUPT") or name == "SQLITE_NOTADB":
        return DatabaseCorrupt(
            f"the archive {where} is damaged ({error}): run 'archive check --repair' to rebuild its indexes, "
            "or restore it from a backup"
        )
    if name.startswith("SQLITE_FULL"):
        return DiskFull(f"the disk is full ({error})")
    return None


@contextlib.contextmanager
def time_limit(connection: sa.Connection, seconds: float | None) -> Iterator[None]:
    """Stop the statements run inside after ``seconds`` with ``QueryTooExpensive`` (SQLite's
    progress handler interrupts them), so no query burns a core for minutes. None: no limit."""
    if not seconds:
        yield
        return
    driver = connection.connection.driver_connection
    deadline = time.monotonic() + seconds
    expired = False

    def over_time() -> int:
        nonlocal expired
        expired = time.monotonic() > deadline
        return 1 if expired else 0  # non-zero interrupts the statement

    driver.set_progress_handler(over_time, _PROGRESS_STEPS)
    try:
        yield
    except sa.exc.OperationalError:
        if expired:
            raise QueryTooExpensive(
                f"query too expensive: stopped after {seconds:g} s (narrow it, or give a longer --time-limit)"
            ) from None
        raise
    finally:
        driver.set_progress_handler(None, 0)


def fts_snippet_sql(index: str, column: int, open_mark: str, close_mark: str, tokens: int = 16) -> str:
    """SQL expression for an FTS5 snippet of ``column`` with the matched terms marked."""
    return f"snippet({index}, {column}, '{open_mark}', '{close_mark}', '…', {tokens})"


def is_fts_syntax_error(error: Exception) -> bool:
    """True when the database rejected an FTS5 query string (not a real database failure)."""
    message = str(getattr(error, "orig", error)).lower()
    return any(
        s in message
        for s in ("fts5: syntax error", "unterminated string", "no such column", "unknown special query", "parser stack overflow")
    )


def rebuild_fts(connection: sa.Connection) -> None:
    """Rebuild every FTS index from its content table."""
    for index in FTS_INDEXES:
        connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def is_read_only(connection: sa.Connection) -> bool:
    """True on a connection that may not write (an archive opened from read-only storage)."""
    return bool(connection.exec_driver_sql("PRAGMA query_only").scalar())


def integrity_problems(connection: sa.Connection) -> list[str]:
    """SQLite and FTS5 integrity checks; an empty list means both are clean.

    FTS5 runs its check as an ``INSERT`` command, which a read-only connection refuses: there
    only SQLite's own check runs.
    """
    problems = [row[0] for row in connection.exec_driver_sql("PRAGMA integrity_check") if row[0] != "ok"]
    if is_read_only(connection):
        return problems
    for index in (*FTS_INDEXES, "paragraphs_stem_fts"):
        try:
            connection.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
        except (sa.exc.DatabaseError, DatabaseCorrupt) as exc:  # a damaged index is what this looks for
            problems.append(f"{index}: {getattr(exc, 'orig', None) or exc.__cause__ or exc}")
    return problems


def next_id(connection: sa.Connection, table: sa.Table) -> int:
    """The id SQLite would give the next row of ``table`` (call it holding the write lock)."""
    return (connection.execute(sa.select(sa.func.max(table.c.id))).scalar() or 0) + 1


# Rows per multi-row INSERT: well under SQLite's 32766 bound variables for any table here.
_ROWS_PER_INSERT = 200


def insert_tuples(connection: sa.Connection, table: sa.Table, columns: Sequence[str], rows: Sequence[tuple]) -> None:
    """Bulk INSERT of plain tuples, a few hundred rows per statement: the writer's hot path.

    Multi-row ``INSERT … VALUES (…), (…)`` rather than ``executemany``: a row-by-row statement on a
    table with FTS5 triggers opens a statement savepoint per row, and FTS5 flushes its pending
    terms to a new on-disk segment at every savepoint (then merges those tiny segments): that made
    the trigger 90% of a paragraph insert. One statement per few hundred rows flushes once per
    statement, with the triggers (and so the index's consistency) unchanged. The values are
    already ``str``/``int``/``float``/``None``, which sqlite3 binds as they are.
    """
    if not rows:
        return
    names = ", ".join(f'"{c}"' for c in columns)
    group = "(" + ", ".join("?" * len(columns)) + ")"
    for start in range(0, len(rows), _ROWS_PER_INSERT):
        part = rows[start:start + _ROWS_PER_INSERT]
        connection.exec_driver_sql(
            f'INSERT INTO "{table.name}" ({names}) VALUES {", ".join([group] * len(part))}',
            tuple(value for row in part for value in row),
        )


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
        elif hasattr(node, "options"):
            found.extend(_phrases(node.options[:1]))
    return found


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
    return " ".join(_fts_phrase(p) for p in _phrases(nodes))


# Marks around matched terms in snippets: control characters no article text contains (the
# normalizer strips them), turned into Rich markup or plain markers by the layers above.
HIT_OPEN, HIT_CLOSE = "\x02", "\x03"


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


def snippets(connection: sa.Connection, index: str, match: str, rowids: list[int], column: int = 0) -> dict[int, str]:
    """FTS5 snippets (matches between HIT_OPEN/HIT_CLOSE) for just the rows being shown."""
    if not rowids:
        return {}
    if index == "quotes_fts":
        match = quote_text_match(match)
    return dict(connection.execute(_snippet_statement(index, column), {"match": match, "ids": rowids}).all())


def quote_text_match(match: str) -> str:
    """Restrict an FTS5 match string to the quote text column (not the speaker)."""
    return f"text : ({match})"




# The stemmed index is contentless (FTS5 keeps no copy of the stems): entries are added and
# removed with the stems themselves, which the caller recomputes from the paragraph text.
STEM_INDEX = "paragraphs_stem_fts"


def insert_stems(connection: sa.Connection, rows: list[dict]) -> None:
    """Index ``{"id": paragraph_id, "stems": "..."}`` rows in the stemmed index."""
    if rows:
        connection.exec_driver_sql(
            f"INSERT INTO {STEM_INDEX}(rowid, text) VALUES (?, ?)", [(row["id"], row["stems"]) for row in rows]
        )


def delete_stems(connection: sa.Connection, rows: list[dict]) -> None:
    """Remove paragraphs from the stemmed index (``stems`` must be what was indexed)."""
    if rows:
        connection.execute(
            sa.text(f"INSERT INTO {STEM_INDEX}({STEM_INDEX}, rowid, text) VALUES ('delete', :id, :stems)"), rows
        )


def clear_stems(connection: sa.Connection) -> None:
    """Empty the stemmed index (before rebuilding it)."""
    connection.exec_driver_sql(f"INSERT INTO {STEM_INDEX}({STEM_INDEX}) VALUES ('delete-all')")

