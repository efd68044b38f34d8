"""Expression indexes for forgiving speaker look-ups (case and hyphens ignored).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    # The expressions must match archive.query.quotes.speaker_condition character for character
    # (literals, not bound parameters), or the planner cannot use them.
    op.execute("CREATE INDEX ix_quotes_speaker_folded ON quotes (replace(lower(speaker), '-', ' '))")
    op.execute("CREATE INDEX ix_entity_aliases_folded_spaced ON entity_aliases (replace(folded, '-', ' '))")


def downgrade() -> None:
    op.execute("DROP INDEX IF EXISTS ix_entity_aliases_folded_spaced")
    op.execute("DROP INDEX IF EXISTS ix_quotes_speaker_folded")
