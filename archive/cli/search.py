"""``archive search QUERY``"""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.markup import escape

from archive.cli.output import CsvOpt, Format, JsonOpt, LimitOpt, NlOpt, OffsetOpt, TimeLimitOpt, choose_format, emit
from archive.cli.state import state
from archive.query.parse import DEFAULT_TIME_LIMIT
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
    query: Annotated[str, typer.Argument(metavar="QUERY", help='Words, "exact phrases", prefix*, AND/OR/NOT, NEAR(a b, 5).', show_default=False)],
    since: Annotated[Optional[str], typer.Option("--since", help="Only articles published on or after this ISO date.", show_default=False)] = None,
    until: Annotated[Optional[str], typer.Option("--until", help="Only articles published on or before this ISO date.", show_default=False)] = None,
    lang: Annotated[Optional[str], typer.Option("--lang", help="Only articles in this language (id, en, ...).", show_default=False)] = None,
    source: Annotated[Optional[str], typer.Option("--source", help="Only articles from this source.", show_default=False)] = None,
    entity: Annotated[Optional[str], typer.Option("--entity", help="Only articles mentioning this person, organization or place (any alias).", show_default=False)] = None,
    speaker: Annotated[Optional[str], typer.Option("--speaker", help="Search only the quotes of this speaker (any alias).", show_default=False)] = None,
    stem: Annotated[bool, typer.Option("--stem", help="Match word forms: bela finds membela and dibela, rally finds rallies (Sastrawi / Snowball stems).")] = False,
    per_article: Annotated[int, typer.Option("--per-article", min=1, max=1000, help="Paragraphs shown per article (best first).")] = 1,
    limit: LimitOpt = 20,
    offset: OffsetOpt = 0,
    raw: Annotated[bool, typer.Option("--raw", help="Pass the query to the engine unchanged: SQLite FTS5 syntax, or a PostgreSQL tsquery.")] = False,
    time_limit: TimeLimitOpt = DEFAULT_TIME_LIMIT,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Full-text search: matching paragraphs grouped by article, best first.

    Articles whose title matches come first, then body-only matches, each by rank (bm25 on SQLite,
    ts_rank on PostgreSQL). Any text is safe: hyphens, stray quotes and operators are searched as
    plain words (--raw for the engine's own syntax).
    Machine formats mark matched terms in `snippet` with **double asterisks**.
    """
    fmt = choose_format(as_json, as_nl, as_csv)
    options = SearchOptions(
        query=query, limit=limit, offset=offset, per_article=per_article, raw=raw, stem=stem, since=since,
        until=until, language=lang, source=source, entity=entity, speaker=speaker, time_limit=time_limit or None,
    )
    hits = search(state(ctx).engine(), options)
    if fmt is Format.TABLE:
        emit(
            hits,
            FIELDS,
            fmt,
            title=f"search: {query}",
            table_fields=("article_id", "published", "language", "source", "title", "snippet"),
            styles={"snippet": highlight},
        )
    else:
        emit(({**hit, "snippet": plain_marks(hit["snippet"])} for hit in hits), FIELDS, fmt)
