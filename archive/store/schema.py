"""SQLAlchemy Core tables mirroring the migrations: the portable names every query is built from.

The migrations in ``migrations/versions`` are the source of truth for the database; these
definitions describe the same tables, columns, keys and indexes and must change with them
(``tests/store/test_schema.py`` compares the two with Alembic on both engines). What an engine adds
for full-text search (SQLite's FTS5 tables, PostgreSQL's tsvector columns and GIN indexes) is
declared by the engine's module (``is_engine_object``), not here.
"""

from __future__ import annotations

import sqlalchemy as sa

metadata = sa.MetaData()

articles = sa.Table(
    "articles",
    metadata,
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
    sa.Column("authors", sa.Text),  # JSON array of names
    sa.Column("related", sa.Text),  # JSON array of related-article titles
    sa.Column("ingested_at", sa.Text, nullable=False),
    sa.Column("simhash", sa.BigInteger),  # near-duplicate fingerprint (migration 0002)
    sa.UniqueConstraint("source_path", "record", name="uq_articles_source"),
    sa.Index("ix_articles_published", "published"),
    sa.Index("ix_articles_language", "language"),
    sa.Index("ix_articles_source", "source"),
    sa.Index("ix_articles_url", "url"),
)

paragraphs = sa.Table(
    "paragraphs",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("position", sa.Integer, nullable=False),
    sa.Column("text", sa.Text, nullable=False),
    sa.UniqueConstraint("article_id", "position", name="uq_paragraphs_position"),
)

# Each paragraph's stems (Sastrawi or Snowball, by the article's language), which the stemmed
# index is built from: removing a paragraph removes its entries without stemming it again
# (migration 0006). ``article_id`` is carried for distributing the table by article (Citus).
paragraph_stems = sa.Table(
    "paragraph_stems",
    metadata,
    sa.Column("paragraph_id", sa.Integer, sa.ForeignKey("paragraphs.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("article_id", sa.Integer, nullable=False),
    sa.Column("stems", sa.Text, nullable=False),
)

entities = sa.Table(
    "entities",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("key", sa.Text, nullable=False, unique=True),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.CheckConstraint("type IN ('person', 'organization', 'place')", name="ck_entities_type"),
    sa.Index("ix_entities_type", "type"),
)

entity_aliases = sa.Table(
    "entity_aliases",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    sa.Column("alias", sa.Text, nullable=False),
    sa.Column("folded", sa.Text, nullable=False),
    sa.UniqueConstraint("entity_id", "alias", name="uq_entity_aliases"),
    sa.Index("ix_entity_aliases_folded", "folded"),
)
# The expression must match archive.query.quotes.speaker_condition (migration 0003).
sa.Index(
    "ix_entity_aliases_folded_spaced",
    sa.func.replace(entity_aliases.c.folded, sa.literal_column("'-'"), sa.literal_column("' '")),
)

quotes = sa.Table(
    "quotes",
    metadata,
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
    sa.Column("speaker_folded", sa.Text),  # fold_name(speaker): look-ups in any script (migration 0004)
    sa.Column("rule", sa.Text),  # the attribution rule that gave the speaker
    sa.Index("ix_quotes_article", "article_id"),
    sa.Index("ix_quotes_paragraph", "paragraph_id"),
    sa.Index("ix_quotes_speaker", "speaker"),
    sa.Index("ix_quotes_speaker_entity", "speaker_entity_id"),
    sa.Index("ix_quotes_speaker_folded", "speaker_folded"),
)

entity_mentions = sa.Table(
    "entity_mentions",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("entity_id", sa.Integer, sa.ForeignKey("entities.id", ondelete="CASCADE"), nullable=False),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("paragraph_id", sa.Integer, sa.ForeignKey("paragraphs.id", ondelete="CASCADE")),
    sa.Column("field", sa.Text, nullable=False, server_default="paragraph"),
    sa.Column("surface", sa.Text, nullable=False),
    sa.Column("start", sa.Integer, nullable=False),
    sa.Column("end", sa.Integer, nullable=False),
    sa.Index("ix_entity_mentions_entity", "entity_id"),
    sa.Index("ix_entity_mentions_article", "article_id"),
    sa.Index("ix_entity_mentions_paragraph", "paragraph_id"),
)


settings = sa.Table(
    "settings",
    metadata,
    sa.Column("key", sa.Text, primary_key=True),
    sa.Column("value", sa.Text, nullable=False),
)

duplicate_sources = sa.Table(
    "duplicate_sources",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("source_path", sa.Text, nullable=False),
    sa.Column("record", sa.Integer, nullable=False, server_default="0"),
    sa.UniqueConstraint("source_path", "record", name="uq_duplicate_sources"),
    sa.Index("ix_duplicate_sources_article", "article_id"),
)

article_links = sa.Table(
    "article_links",
    metadata,
    sa.Column("id", sa.Integer, primary_key=True),
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("linked_article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), nullable=False),
    sa.Column("kind", sa.Text, nullable=False),  # same_url | near_duplicate
    sa.Column("similarity", sa.Float),
    sa.UniqueConstraint("article_id", "linked_article_id", "kind", name="uq_article_links"),
    sa.CheckConstraint("kind IN ('same_url', 'near_duplicate')", name="ck_article_links_kind"),
    sa.Index("ix_article_links_linked", "linked_article_id"),
)

article_fingerprints = sa.Table(
    "article_fingerprints",
    metadata,
    sa.Column("article_id", sa.Integer, sa.ForeignKey("articles.id", ondelete="CASCADE"), primary_key=True,
              autoincrement=False),
    sa.Column("band", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("value", sa.Integer, nullable=False),
    sa.Index("ix_article_fingerprints_band_value", "band", "value"),
)

# Tables a user may list, show or export, in dependency order.
PUBLIC_TABLES = (
    "articles", "paragraphs", "quotes", "entities", "entity_aliases", "entity_mentions",
    "duplicate_sources", "article_links",
)
