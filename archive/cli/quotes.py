"""``archive quotes`` and ``archive speakers``: who said what."""

from __future__ import annotations

from typing import Annotated, Optional

import typer
from rich.markup import escape

from archive.cli.output import MAX_ID, CsvOpt, JsonOpt, LimitOpt, NlOpt, OffsetOpt, TimeLimitOpt, choose_format, emit
from archive.cli.state import state
from archive.query.parse import DEFAULT_TIME_LIMIT
from archive.query.quotes import QUOTE_FIELDS, SPEAKER_FIELDS, QuoteQuery, find_quotes, list_speakers


def quotes_command(
    ctx: typer.Context,
    text: Annotated[Optional[str], typer.Argument(metavar="TEXT", help="Only quotes containing these words (full-text search).", show_default=False)] = None,
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="Only quotes by this speaker: any name or alias, any case (Putin, vladimir putin).", show_default=False)] = None,
    article: Annotated[Optional[int], typer.Option("--article", "-a", min=0, max=MAX_ID, help="Only quotes from this article id.", show_default=False)] = None,
    include_unattributed: Annotated[bool, typer.Option("--all", help="Also list quoted phrases with no speaker (scare quotes, titles).")] = False,
    limit: LimitOpt = 50,
    offset: OffsetOpt = 0,
    time_limit: TimeLimitOpt = DEFAULT_TIME_LIMIT,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Quotes with their speaker, article title and date (newest articles first)."""
    fmt = choose_format(as_json, as_nl, as_csv)
    rows = find_quotes(
        state(ctx).engine(),
        QuoteQuery(text=text, speaker=speaker, article_id=article, include_unattributed=include_unattributed, limit=limit,
                   offset=offset, time_limit=time_limit or None),
    )
    emit(
        rows,
        QUOTE_FIELDS,
        fmt,
        title="quotes",
        table_fields=("speaker", "text", "cue", "published", "article_id"),
        styles={"speaker": lambda v: f"[bold]{escape(v)}[/bold]" if v else "[dim]—[/dim]"},
    )


def speakers_command(
    ctx: typer.Context,
    name: Annotated[Optional[str], typer.Option("--name", help="Only this speaker (any alias, any case).", show_default=False)] = None,
    limit: LimitOpt = 50,
    as_json: JsonOpt = False,
    as_nl: NlOpt = False,
    as_csv: CsvOpt = False,
) -> None:
    """Speakers with their quote and article counts, most quoted first."""
    fmt = choose_format(as_json, as_nl, as_csv)
    emit(list_speakers(state(ctx).engine(), limit=limit, name=name), SPEAKER_FIELDS, fmt, title="speakers")
