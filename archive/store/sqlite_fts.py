"""How the FTS5 indexes are declared in SQLite, and whether the stemmed one is in step with paragraphs.

The declaration names its content table as ``content="paragraphs"``: Datasette and sqlite-utils
find a table's full-text index by that spelling (double quotes or brackets), so ``?_search=`` and
``sqlite-utils search`` work on the archive as on any database they made themselves.
"""

from __future__ import annotations

import sqlalchemy as sa

from archive.store.sqlite import FTS_INDEXES, STEM_INDEX

TOKENIZER = "unicode61 remove_diacritics 2"
# The quote around the content table's name: '"' is what other tools detect; "'" was used up to
# schema revision 0004 (migration 0005 switches, and back on downgrade).
DETECTABLE, UNDETECTED = '"', "'"


def fts_declaration(index: str, quote: str = DETECTABLE) -> list[str]:
    """Statements creating ``index`` (an ``FTS_INDEXES`` name) and the triggers that keep it in step
    with its content table on every insert, update and delete, whoever writes the rows."""
    table, columns = FTS_INDEXES[index]
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({cols}, content={quote}{table}{quote}, "
        f"content_rowid={quote}id{quote}, tokenize='{TOKENIZER}')",
        f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END",
    ]


def redeclare_fts(connection: sa.Connection, quote: str = DETECTABLE) -> None:
    """Drop and re-create every external-content index and its triggers, then rebuild the index
    from its table: the rows are untouched, only the index is made again (in the caller's transaction)."""
    for index, (table, _) in FTS_INDEXES.items():
        for action in ("insert", "delete", "update"):
            connection.exec_driver_sql(f"DROP TRIGGER IF EXISTS {table}_fts_{action}")
        connection.exec_driver_sql(f"DROP TABLE IF EXISTS {index}")
        for statement in fts_declaration(index, quote):
            connection.exec_driver_sql(statement)
        connection.exec_driver_sql(f"INSERT INTO {index}({index}) VALUES ('rebuild')")


def stem_index_drift(connection: sa.Connection) -> dict[str, int]:
    """Paragraphs the stemmed index lacks, and its entries for paragraphs that are gone.

    The writer keeps the stemmed index in Python (no trigger can stem), so rows written by another
    program (``sqlite-utils insert``, a hand-made ``DELETE``) leave it behind. Its ``_docsize``
    shadow table holds one row per indexed paragraph id, so both counts are index look-ups.
    """
    docsize = f"{STEM_INDEX}_docsize"
    missing = connection.exec_driver_sql(
        f"SELECT count(*) FROM paragraphs AS p WHERE NOT EXISTS (SELECT 1 FROM {docsize} AS d WHERE d.id = p.id)"
    ).scalar_one()
    stale = connection.exec_driver_sql(
        f"SELECT count(*) FROM {docsize} AS d WHERE NOT EXISTS (SELECT 1 FROM paragraphs AS p WHERE p.id = d.id)"
    ).scalar_one()
    return {"missing": missing, "stale": stale}
