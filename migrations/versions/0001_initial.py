"""Initial schema: articles, paragraphs, quotes, entities, mentions, and their FTS5 indexes.

Revision ID: 0001
Revises:
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None

# External-content FTS5 indexes (SQLite only): the text lives once, in its table; triggers keep the
# index in step with every insert, update and delete (cascades included).
_FTS = {
    "articles_fts": ("articles", ("title",)),
    "paragraphs_fts": ("paragraphs", ("text",)),
    "quotes_fts": ("quotes", ("text", "speaker")),
}


def _fts_statements(index: str, table: str, columns: tuple[str, ...]) -> list[str]:
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {index} USING fts5({cols}, content='{table}', content_rowid='id', "
        "tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {table}_fts_insert AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {table}_fts_delete AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {table}_fts_update AFTER UPDATE ON {table} BEGIN "
        f"INSERT INTO {index}({index}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {index}(rowid, {cols}) VALUES (new.id, {new}); END",
    ]


def upgrade() -> None:
    op.create_table(
        "articles",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("record", sa.Integer, nullable=False, server_default="0"),
        sa.Column("format", sa.Text),
        sa.Column("content_hash", sa.Text, nullable=False, unique=True),
        sa.Column("title", sa.Text),
        sa.Column("published", sa.Text),
        sa.Column("published_from", sa.Text),
        sa.Column("dateline", sa.Text),
        sa.Column("language", sa.Text),
        sa.Column("language_from", sa.Text),
        sa.Column("editor", sa.Text),
        sa.Column("url", sa.Text),
        sa.Column("source", sa.Text),
        sa.Column("authors", sa.Text),
        sa.Column("related", sa.Text),
        sa.Column("ingested_at", sa.Text, nullable=False),
        sa.UniqueConstraint("source_path", "record", name="uq_articles_source"),
    )
    op.create_index("ix_articles_published", "articles", ["published"])
    op.create_index("ix_articles_language", "articles", ["language"])
    op.create_index("ix_articles_source", "articles", ["source"])
    op.create_index("ix_articles_url", "articles", ["url"])
    op.create_table(
        "paragraphs",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("position", sa.Integer, nullable=False),
        sa.Column("text", sa.Text, nullable=False),
        sa.UniqueConstraint("article_id", "position", name="uq_paragraphs_position"),
    )
    op.create_table(
        "entities",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("key", sa.Text, nullable=False, unique=True),
        sa.Column("name", sa.Text, nullable=False),
        sa.Column("type", sa.Text, nullable=False),
        sa.CheckConstraint("type IN ('person', 'organization', 'place')", name="ck_entities_type"),
    )
    op.create_index("ix_entities_type", "entities", ["type"])
    op.create_table(
        "entity_aliases",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("alias", sa.Text, nullable=False),
        sa.Column("folded", sa.Text, nullable=False),
        sa.UniqueConstraint("entity_id", "alias", name="uq_entity_aliases"),
    )
    op.create_index("ix_entity_aliases_folded", "entity_aliases", ["folded"])
    op.create_table(
        "quotes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("paragraph_id", sa.Integer, sa.ForeignKey("paragraphs.id", ondelete="CASCADE"), nullable=False),
        sa.Column("speaker", sa.Text),
        sa.Column("speaker_entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="SET NULL")),
        sa.Column("role", sa.Text),
        sa.Column("cue", sa.Text),
        sa.Column("text", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_quotes_article", "quotes", ["article_id"])
    op.create_index("ix_quotes_paragraph", "quotes", ["paragraph_id"])
    op.create_index("ix_quotes_speaker", "quotes", ["speaker"])
    op.create_index("ix_quotes_speaker_entity", "quotes", ["speaker_entity_id"])
    op.create_table(
        "entity_mentions",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("paragraph_id", sa.Integer, sa.ForeignKey("paragraphs.id", ondelete="CASCADE")),
        sa.Column("field", sa.Text, nullable=False, server_default="paragraph"),
        sa.Column("surface", sa.Text, nullable=False),
        sa.Column("start", sa.Integer, nullable=False),
        sa.Column("end", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_mentions_entity", "entity_mentions", ["entity_id"])
    op.create_index("ix_entity_mentions_article", "entity_mentions", ["article_id"])
    op.create_index("ix_entity_mentions_paragraph", "entity_mentions", ["paragraph_id"])
    if op.get_bind().dialect.name == "sqlite":
        for index, (table, columns) in _FTS.items():
            for statement in _fts_statements(index, table, columns):
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for index, (table, _) in _FTS.items():
            for action in ("insert", "delete", "update"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{action}")
            op.execute(f"DROP TABLE IF EXISTS {index}")
    for table in ("entity_mentions", "quotes", "entity_aliases", "entities", "paragraphs", "articles"):
        op.drop_table(table)
