"""Stemmed search index, settings, and the links between duplicate and near-duplicate articles.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-26
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "settings",
        sa.Column("key", sa.Text, primary_key=True),
        sa.Column("value", sa.Text, nullable=False),
    )
    # Files whose story was already in the archive (an exact duplicate by normalized text hash):
    # not stored again, but remembered, so every place a story was saved can be found.
    op.create_table(
        "duplicate_sources",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("source_path", sa.Text, nullable=False),
        sa.Column("record", sa.Integer, nullable=False, server_default="0"),
        sa.UniqueConstraint("source_path", "record", name="uq_duplicate_sources"),
    )
    op.create_index("ix_duplicate_sources_article", "duplicate_sources", ["article_id"])
    # Near-duplicates (same URL, or text nearly the same) are both stored and linked here.
    op.create_table(
        "article_links",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("linked_article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("kind", sa.Text, nullable=False),
        sa.Column("similarity", sa.Float),
        sa.UniqueConstraint("article_id", "linked_article_id", "kind", name="uq_article_links"),
        sa.CheckConstraint("kind IN ('same_url', 'near_duplicate')", name="ck_article_links_kind"),
    )
    op.create_index("ix_article_links_linked", "article_links", ["linked_article_id"])
    # 64-bit SimHash of each article's text, and its four 16-bit bands: two texts within 3 bits
    # share at least one band exactly (pigeonhole), so near-duplicate candidates are index look-ups.
    # Plain ALTER TABLE (not batch mode): recreating articles would drop its FTS triggers.
    op.add_column("articles", sa.Column("simhash", sa.BigInteger))
    op.create_table(
        "article_fingerprints",
        sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
        sa.Column("band", sa.Integer, nullable=False),
        sa.Column("value", sa.Integer, nullable=False),
        sa.PrimaryKeyConstraint("article_id", "band", name="pk_article_fingerprints"),
    )
    op.create_index("ix_article_fingerprints_band_value", "article_fingerprints", ["band", "value"])
    if op.get_bind().dialect.name == "sqlite":
        # Contentless: stems are computed in Python (Sastrawi, Snowball) at ingest and only the
        # index is stored; the writer deletes entries by re-stemming the paragraph it removes.
        op.execute(
            "CREATE VIRTUAL TABLE paragraphs_stem_fts USING fts5(text, content='', "
            "tokenize='unicode61 remove_diacritics 2')"
        )


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        op.execute("DROP TABLE IF EXISTS paragraphs_stem_fts")
    op.drop_index("ix_article_fingerprints_band_value", "article_fingerprints")
    op.drop_table("article_fingerprints")
    op.execute("ALTER TABLE articles DROP COLUMN simhash")  # SQLite >= 3.35 and PostgreSQL
    op.drop_index("ix_article_links_linked", "article_links")
    op.drop_table("article_links")
    op.drop_index("ix_duplicate_sources_article", "duplicate_sources")
    op.drop_table("duplicate_sources")
    op.drop_table("settings")
