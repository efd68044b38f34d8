"""``archive search QUERY``"""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from archive.cli.output import CsvOpt, JsonOpt, LimitOpt, NlOpt, choose_format, emit, Format
from archive.cli.state import state
from archive.query.search import FIELDS, HIT_CLOSE, HIT_OPEN, SearchOptions, search


def highlight(snippet: str | None) -> str:
    """Rich markup for a snippet: matched terms in bold yellow, the rest escaped."""
    text = escape(snippet or "")
    return text.replace(HIT_OPEN, "[bold yellow]").replace(HIT_CLOSE, "[/bold yellow]")


def plain_marks(snippet: str | None) -> str | None:
    """Snippet for machines: matched terms between ``**`` marks."""
    return snippet.replace(HIT_OPEN, "**").replace(HIT_CLOSE, "**") if snippet else snippet


def search_command(
    ctx: typer.Context,
    query: Annotated[str, typer.Argument(help='Words, "exact phrases", prefix*, AND/OR/NOT, NEAR(a b, 5).', show_default=False)],
    limit: LimitOpt = 20,
    offset: Annotated[int, typer.Option("--offset", min=0, help="Skip this many hits (paging).")] = 0,
    raw: Annotated[bool, typer.Option("--raw", help="Pass the query to SQLite FTS5 unchanged (its full syntax).")] = False,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Full-text search of paragraphs and titles, best first (title matches rank higher).

    Any text is safe: hyphens, stray quotes and operators are searched as plain words.
    Machine formats mark matched terms in `snippet` with **double asterisks**.
    """
    fmt = choose_format(as_json, as_nl, as_csv)
    hits = search(state(ctx).engine(), SearchOptions(query=query, limit=limit, offset=offset, raw=raw))
    if fmt is Format.TABLE:
        emit(
            hits,
            FIELDS,
            fmt,
            title=f"search: {query}",
            table_fields=("article_id", "published", "title", "paragraph", "snippet"),
            styles={"snippet": highlight},
        )
    else:
        emit(({**hit, "snippet": plain_marks(hit["snippet"])} for hit in hits), FIELDS, fmt)
