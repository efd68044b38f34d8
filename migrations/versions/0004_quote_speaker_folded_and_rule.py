"""Quotes keep their speaker case-folded in Python (any script, not SQLite's ASCII-only lower()) and
the name of the attribution rule that gave the speaker.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-30
"""

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

_BATCH = 5000


def _fold(name: str) -> str:
    # Frozen copy of archive.normalize.cleanup.fold_name as of this revision: case folded (Unicode,
    # "Émile" -> "émile"), hyphens as spaces, spacing squeezed.
    return " ".join(name.casefold().replace("-", " ").split())


def upgrade() -> None:
    op.add_column("quotes", sa.Column("speaker_folded", sa.Text))
    op.add_column("quotes", sa.Column("rule", sa.Text))
    connection = op.get_bind()
    last = 0
    while True:
        rows = connection.execute(
            sa.text("SELECT id, speaker FROM quotes WHERE id > :last AND speaker IS NOT NULL ORDER BY id LIMIT :n"),
            {"last": last, "n": _BATCH},
        ).all()
        if not rows:
            break
        connection.execute(
            sa.text("UPDATE quotes SET speaker_folded = :folded WHERE id = :id"),
            [{"id": row.id, "folded": _fold(row.speaker)} for row in rows],
        )
        last = rows[-1].id
    op.execute("DROP INDEX IF EXISTS ix_quotes_speaker_folded")
    op.create_index("ix_quotes_speaker_folded", "quotes", ["speaker_folded"])


def downgrade() -> None:
    op.drop_index("ix_quotes_speaker_folded", table_name="quotes")
    op.execute("CREATE INDEX ix_quotes_speaker_folded ON quotes (replace(lower(speaker), '-', ' '))")
    # ALTER TABLE … DROP COLUMN (SQLite 3.35+), not a batch copy: a copied table would lose the
    # triggers that keep quotes_fts in step.
    op.execute("ALTER TABLE quotes DROP COLUMN rule")
    op.execute("ALTER TABLE quotes DROP COLUMN speaker_folded")
