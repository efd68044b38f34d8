"""Full-text indexes declared as ``content="table"`` so Datasette and sqlite-utils find them.

Up to 0004 the indexes said ``content='paragraphs'``; both tools look for the name in double quotes
or brackets, so ``?_search=`` was ignored and ``sqlite-utils search`` refused the tables. The
indexes and their triggers are dropped, declared again and rebuilt from their tables in place
(the rows are never touched); on a large archive the rebuild takes a while, once. SQLite only: a
PostgreSQL archive has no FTS5 tables.

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-01
"""

from alembic import op

from archive.store import sqlite_fts

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        sqlite_fts.redeclare_fts(op.get_bind(), sqlite_fts.DETECTABLE, sqlite_fts.INDEXES_0005)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        sqlite_fts.redeclare_fts(op.get_bind(), sqlite_fts.UNDETECTED, sqlite_fts.INDEXES_0005)
