"""Stems stored beside their paragraph (the stemmed index loses an entry without stemming the text
again), and PostgreSQL's full text: tsvector columns generated from the text, with GIN indexes.

SQLite: ``paragraphs_stem_fts`` becomes an external-content FTS5 index over ``paragraph_stems``,
kept in step by triggers like the others. PostgreSQL: the ``archive_text`` text search
configuration and the columns ``articles.title_tsv``, ``paragraphs.text_tsv``, ``quotes.terms_tsv``
(text weight A, speaker weight B) and ``paragraph_stems.stems_tsv``.

Existing paragraphs are stemmed once here with this version's stemmers, which are recorded.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None

_BATCH = 5000
_TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"
# Words are the runs of letters and digits (every other character separates them, as SQLite's
# unicode61 tokenizer reads text), folded by archive_text: lower case, accents removed.
_TERMS = "to_tsvector('archive_text'::regconfig, regexp_replace(coalesce({0}, ''), '[^[:alnum:]]+', ' ', 'g'))"
_PG_COLUMNS = {  # (table, column): expression
    ("articles", "title_tsv"): _TERMS.format("title"),
    ("paragraphs", "text_tsv"): _TERMS.format("text"),
    ("quotes", "terms_tsv"): f"setweight({_TERMS.format('text')}, 'A') || setweight({_TERMS.format('speaker')}, 'B')",
    # Stems are words joined by spaces already (letters, digits, underscores): PostgreSQL's parser
    # reads them as they are.
    ("paragraph_stems", "stems_tsv"): "to_tsvector('archive_text'::regconfig, stems)",
}
_SQLITE_STEM_TRIGGERS = {
    "paragraph_stems_fts_insert": "AFTER INSERT ON paragraph_stems BEGIN "
    "INSERT INTO paragraphs_stem_fts(rowid, stems) VALUES (new.paragraph_id, new.stems); END",
    "paragraph_stems_fts_delete": "AFTER DELETE ON paragraph_stems BEGIN "
    "INSERT INTO paragraphs_stem_fts(paragraphs_stem_fts, rowid, stems) VALUES ('delete', old.paragraph_id, old.stems); END",
    "paragraph_stems_fts_update": "AFTER UPDATE ON paragraph_stems BEGIN "
    "INSERT INTO paragraphs_stem_fts(paragraphs_stem_fts, rowid, stems) VALUES ('delete', old.paragraph_id, old.stems); "
    "INSERT INTO paragraphs_stem_fts(rowid, stems) VALUES (new.paragraph_id, new.stems); END",
}


def upgrade() -> None:
    op.create_table(
        "paragraph_stems",
        sa.Column("paragraph_id", sa.Integer, sa.ForeignKey("paragraphs.id", ondelete="CASCADE"), primary_key=True,
                  autoincrement=False),
        sa.Column("article_id", sa.Integer, nullable=False),
        sa.Column("stems", sa.Text, nullable=False),
    )
    _stem_existing_paragraphs()
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        op.execute("DROP TABLE IF EXISTS paragraphs_stem_fts")  # contentless: deleting needed the old stems
        op.execute(
            # declared as 0005 declares the others: content="…" is what Datasette and sqlite-utils detect
            'CREATE VIRTUAL TABLE paragraphs_stem_fts USING fts5(stems, content="paragraph_stems", '
            f'content_rowid="paragraph_id", {_TOKENIZE})'
        )
        for name, body in _SQLITE_STEM_TRIGGERS.items():
            op.execute(f"CREATE TRIGGER {name} {body}")
        op.execute("INSERT INTO paragraphs_stem_fts(paragraphs_stem_fts) VALUES ('rebuild')")
    elif dialect == "postgresql":
        _postgresql_full_text()


def _stem_existing_paragraphs() -> None:
    """Stem what is there already (the old index kept no copy of its stems)."""
    from archive.normalize.stemming import STEMMERS, stem_text

    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.text(
                "SELECT p.id, p.article_id, p.text, a.language FROM paragraphs p JOIN articles a ON a.id = p.article_id "
                "WHERE p.id > :last ORDER BY p.id LIMIT :n"
            ),
            {"last": last, "n": _BATCH},
        ).all()
        if not rows:
            break
        connection.execute(
            sa.text("INSERT INTO paragraph_stems (paragraph_id, article_id, stems) VALUES (:paragraph_id, :article_id, :stems)"),
            [{"paragraph_id": r.id, "article_id": r.article_id, "stems": stem_text(r.text, r.language)} for r in rows],
        )
        last = rows[-1].id
    connection.execute(sa.text("DELETE FROM settings WHERE key = 'stemmers'"))
    connection.execute(sa.text("INSERT INTO settings (key, value) VALUES ('stemmers', :value)"), {"value": STEMMERS})


def _postgresql_full_text() -> None:
    connection = op.get_bind()
    unaccent = False
    if connection.execute(sa.text("SELECT 1 FROM pg_available_extensions WHERE name = 'unaccent'")).scalar():
        try:
            with connection.begin_nested():
                connection.execute(sa.text("CREATE EXTENSION IF NOT EXISTS unaccent"))
            unaccent = True
        except sa.exc.DBAPIError:  # no privilege to add it: accents then stay part of the words
            pass
    op.execute("CREATE TEXT SEARCH CONFIGURATION archive_text (COPY = pg_catalog.simple)")
    # Hyphenated words are indexed by their parts only, as SQLite's tokenizer sees them.
    op.execute("ALTER TEXT SEARCH CONFIGURATION archive_text DROP MAPPING FOR asciihword, hword, numhword")
    if unaccent:
        op.execute(
            "ALTER TEXT SEARCH CONFIGURATION archive_text ALTER MAPPING FOR word, numword, hword_part, hword_numpart "
            "WITH unaccent, simple"
        )
    for (table, column), expression in _PG_COLUMNS.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN {column} tsvector GENERATED ALWAYS AS ({expression}) STORED")
        op.execute(f"CREATE INDEX ix_{table}_{column} ON {table} USING gin ({column})")
    # Rows written with explicit ids (by hand, or by an import) left the sequences behind; the
    # writer now takes every id from them.
    for table in ("articles", "paragraphs", "entities", "entity_aliases", "quotes", "entity_mentions",
                  "duplicate_sources", "article_links"):
        op.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), coalesce(max(id), 0) + 1, false) FROM {table}"
        )


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == "sqlite":
        for name in _SQLITE_STEM_TRIGGERS:
            op.execute(f"DROP TRIGGER IF EXISTS {name}")
        op.execute("DROP TABLE IF EXISTS paragraphs_stem_fts")
        op.execute(f"CREATE VIRTUAL TABLE paragraphs_stem_fts USING fts5(text, content='', {_TOKENIZE})")
        op.execute("INSERT INTO paragraphs_stem_fts(rowid, text) SELECT paragraph_id, stems FROM paragraph_stems")
    elif dialect == "postgresql":
        for (table, column) in _PG_COLUMNS:
            op.execute(f"DROP INDEX IF EXISTS ix_{table}_{column}")
            op.execute(f"ALTER TABLE {table} DROP COLUMN IF EXISTS {column}")
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS archive_text")
    op.drop_table("paragraph_stems")
