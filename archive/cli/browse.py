"""``archive show ID`` and ``archive stats``: read one article, or the archive as a whole."""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from archive.cli.output import MAX_ID, JsonObjectOpt, stdout_console
from archive.cli.state import state
from archive.query.articles import get_article
from archive.query.stats import archive_stats


_CLOSING_MARKS = "\"”’»'"


def _mark_quotes(text: str, quotes: list[dict]) -> str:
    """Paragraph text as Rich markup: each quote in italics, its speaker in bold after the closing mark."""
    out, position = [], 0
    for quote in sorted(quotes, key=lambda q: q["start"]):
        if quote["start"] < position:
            continue
        out.append(escape(text[position:quote["start"]]))
        out.append(f"[italic cyan]{escape(text[quote['start']:quote['end']])}[/italic cyan]")
        position = quote["end"]
        if quote["speaker"]:
            # The tag goes after the closing mark (and a comma before it): "…luar," [Vladimir Putin]
            tail = text[position:position + 2]
            close = next((i + 1 for i, ch in enumerate(tail) if ch in _CLOSING_MARKS), 0)
            out.append(escape(text[position:position + close]))
            position += close
            out.append(f" [bold]\\[{escape(quote['speaker'])}][/bold]")
    out.append(escape(text[position:]))
    return "".join(out)


def show_command(
    ctx: typer.Context,
    article_id: Annotated[int, typer.Argument(metavar="ID", min=0, max=MAX_ID, help="The article's id (from search, quotes or export).", show_default=False)],
    as_json: JsonObjectOpt = False,
) -> None:
    """Show one article: metadata, paragraphs with their quotes (speaker in bold), and entities."""
    article = get_article(state(ctx).engine(), article_id)
    console = stdout_console()
    if as_json:
        console.print_json(json.dumps(article, ensure_ascii=False))
        return
    meta = Table.grid(padding=(0, 2))
    for field in ("published", "language", "source", "dateline", "authors", "editor", "url", "related", "source_path"):
        value = article[field]
        if value:
            meta.add_row(f"[dim]{field}[/dim]", escape("; ".join(value) if isinstance(value, list) else str(value)))
    title = f"[bold]{escape(article['title'] or '(untitled)')}[/bold]"
    # Not expanded: piped output is 100,000 columns wide (see stdout_console).
    console.print(Panel(meta, title=title, subtitle=f"article {article_id}", expand=False))
    by_paragraph: dict[int, list[dict]] = {}
    for quote in article["quotes"]:
        by_paragraph.setdefault(quote["paragraph"], []).append(quote)
    for position, text in enumerate(article["paragraphs"]):
        console.print(f"[dim]{position:>3}[/dim] {_mark_quotes(text, by_paragraph.get(position, []))}")
    if article["entities"]:
        console.print()
        for kind in ("person", "organization", "place"):
            names = [f"{escape(e['name'])} ({e['mentions']})" for e in article["entities"] if e["type"] == kind]
            if names:
                console.print(f"[bold]{kind}s:[/bold] " + ", ".join(names))


def stats_command(ctx: typer.Context, as_json: JsonObjectOpt = False) -> None:
    """Counts per table, languages, date range, sources, top speakers and entities."""
    stats = archive_stats(state(ctx).engine())
    console = stdout_console()
    if as_json:
        console.print_json(json.dumps(stats, ensure_ascii=False))
        return
    counts = Table(title="archive", show_header=False)
    for name, count in stats["tables"].items():
        counts.add_row(name, f"{count:,}")
    counts.add_row("published", f"{stats['first_published'] or '-'} … {stats['last_published'] or '-'}")
    console.print(counts)
    for key in ("languages", "sources", "top_speakers", "top_entities"):
        if stats[key]:
            listing = ", ".join(f"{escape(str(r['name']))} ({r['count']})" for r in stats[key])
            console.print(f"[bold]{key.replace('_', ' ')}:[/bold] {listing}")
