"""Datasette hooks for the archive: the SQL functions the saved queries call, the year facet, and
links where Datasette would show a bare id (a row's foreign keys, the ids in a saved query's results)."""

from __future__ import annotations

from datasette import hookimpl
from datasette.utils import escape_sqlite
from markupsafe import Markup, escape

from archive.errors import ArchiveError
from archive.normalize.cleanup import fold_name
from archive.query.entities import fold_entity
from archive.query.parse import parse_query
from archive.store import schema
from archive.store.sqlite_search import render_match
from archive.web.facets import YearFacet
from archive.web.server import DATABASE


def archive_fold_name(name: str | None) -> str | None:
    """A speaker's name as ``archive quotes --speaker`` compares it (NULL for an empty one)."""
    return fold_name(name) or None if name else None


def archive_fold_entity(name: str | None) -> str | None:
    """An entity's name as ``archive search --entity`` compares it with the aliases (NULL if empty)."""
    try:
        return fold_entity(name) if name else None
    except ArchiveError:
        return None


def archive_match(query: str | None) -> str:
    """The FTS5 MATCH string ``archive search`` makes of a query: operators where they are
    well-formed, everything else literal. An empty query matches nothing (an empty phrase)."""
    if not query or not query.strip():
        return '""'
    return render_match(parse_query(query))


@hookimpl
def prepare_connection(conn, database) -> None:
    if database == DATABASE:
        conn.create_function("archive_fold_name", 1, archive_fold_name, deterministic=True)
        conn.create_function("archive_fold_entity", 1, archive_fold_entity, deterministic=True)
        conn.create_function("archive_match", 1, archive_match, deterministic=True)


@hookimpl
def register_facet_classes():
    return [YearFacet]


# Columns of the saved queries that name a row of another table.
_QUERY_LINKS = {"article_id": "articles", "quote_id": "quotes", "entity_id": "entities"}


@hookimpl
def render_cell(value, column, table, database, datasette):
    """Links where Datasette shows a bare id: a row's foreign keys (Datasette labels them only in
    table views; a quote's page shows its article's title) and the ids in a saved query's results."""
    if database != DATABASE or not isinstance(value, int) or isinstance(value, bool):
        return None
    if table is None:
        if column not in _QUERY_LINKS:
            return None
        return Markup(f'<a href="{escape(datasette.urls.row(DATABASE, _QUERY_LINKS[column], str(value)))}">{value}</a>')
    other = _foreign_table(table, column)
    if other is None:
        return None

    async def labelled_link():
        db = datasette.get_database(DATABASE)
        label_column = await db.label_column_for_table(other)
        label = None
        if label_column:
            found = await db.execute(f"select {escape_sqlite(label_column)} from {escape_sqlite(other)} where id = ?", [value])
            label = found.first()[0] if found.first() else None
        href = escape(datasette.urls.row(DATABASE, other, str(value)))
        if label is None:
            return Markup(f'<a href="{href}">{value}</a>')
        return Markup(f'<a href="{href}">{escape(truncate(str(label)))}</a>&nbsp;<em>{value}</em>')

    return labelled_link


def _foreign_table(table: str, column: str) -> str | None:
    """The table ``table.column`` points at, from the schema the archive is built with."""
    found = schema.metadata.tables.get(table)
    if found is None or column not in found.c:
        return None
    keys = list(found.c[column].foreign_keys)
    return keys[0].column.table.name if keys else None


def truncate(text: str, length: int = 200) -> str:
    return text if len(text) <= length else text[:length] + "…"
