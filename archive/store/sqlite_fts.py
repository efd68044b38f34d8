"""How the FTS5 indexes are declared in SQLite.

The declaration names its content table as ``content="paragraphs"``: Datasette and sqlite-utils
find a table's full-text index by that spelling (double quotes or brackets), so ``?_search=`` and
``sqlite-utils search`` work on the archive as on any database they made themselves.
"""

from __future__ import annotations

import sqlalchemy as sa

from archive.store.sqlite import FTS_INDEXES

TOKENIZER = "unicode61 remove_diacritics 2"
# The quote around the content table's name: '"' is what other tools detect; "'" was used up to
# schema revision 0004 (migration 0005 switches, and back on downgrade).
DETECTABLE, UNDETECTED = '"', "'"
# The indexes that existed at schema revision 0005, which that migration declares again.
INDEXES_0005 = ("articles_fts", "paragraphs_fts", "quotes_fts")
# The content table's row id where it is not ``id``: one stems row per paragraph.
_ROWID = {"paragraph_stems": "paragraph_id"}


def fts_declaration(index: str, quote: str = DETECTABLE) -> list[str]:
    """Statements creating ``index`` (an ``FTS_INDEXES`` name) and the triggers that keep it in step
    with its content table on every insert, update and delete, whoever writes the rows."""
    table, columns = FTS_INDEXES[index]
    rowid = _ROWID.get(table, "id")
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({cols}, content={quote}{table}{quote}, "
        f"content_rowid={quote}{rowid}{quote}, tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {index}(rowid, {cols}) VALUES (new.{rowid}, {new}); END",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.{rowid}, {old}); END",
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.{rowid}, {old}); "
        f"INSERT INTO {index}(rowid, {cols}) VALUES (new.{rowid}, {new}); END",
    ]


def redeclare_fts(connection: sa.Connection, quote: str = DETECTABLE, indexes: tuple[str, ...] = tuple(FTS_INDEXES)) -> None:
    """Drop and re-create every external-content index and its triggers, then rebuild the index
    from its table: the rows are untouched, only the index is made again (in the caller's transaction)."""
    for index in indexes:
        table = FTS_INDEXES[index][0]
        for action in ("insert", "delete", "update"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_fts_{action}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {index}")
        for statement in fts_declaration(index, quote):
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")

