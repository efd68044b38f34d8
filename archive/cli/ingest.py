"""``archive ingest PATH...``"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn, TimeRemainingColumn

from archive.cli.output import JsonObjectOpt, one_line, stderr_console, stdout_console
from archive.cli.state import state
from archive.errors import UsageError
from archive.ingest import IngestOptions, ingest
from archive.ingest.run import count_files
from archive.readers.base import ReadOptions


def _field_map(pairs: list[str]) -> dict[str, str]:
    mapping = {}
    for pair in pairs:
        field, sep, column = pair.partition("=")
        if not sep or not field.strip() or not column.strip():
            raise UsageError(f"--map takes FIELD=COLUMN, got {pair!r}")
        mapping[field.strip()] = column.strip()
    return mapping


def ingest_command(
    ctx: typer.Context,
    paths: Annotated[list[Path], typer.Argument(metavar="PATH", help="Files and folders to ingest (folders are read recursively, in sorted order).", show_default=False)],
    workers: Annotated[int, typer.Option("--workers", "-w", min=0, max=256, help="Worker processes for reading and normalizing (0 = one per CPU core).")] = 0,
    batch_size: Annotated[int, typer.Option("--batch-size", min=1, max=100_000, help="Articles written per transaction.")] = 500,
    include: Annotated[list[str], typer.Option("--include", help="Only files whose name or path matches this glob (repeatable).")] = [],
    exclude: Annotated[list[str], typer.Option("--exclude", help="Skip files whose name or path matches this glob (repeatable).")] = [],
    field_map: Annotated[list[str], typer.Option("--map", help="JSON field for an article field, e.g. --map text=article_body (repeatable).")] = [],
    follow_symlinks: Annotated[bool, typer.Option("--follow-symlinks", help="Follow symbolic links out of the given folders.")] = False,
    as_json: JsonObjectOpt = False,
) -> None:
    """Read scraped articles (txt, HTML, JSON/JSONL, WARC) into the archive.

    Each article is cleaned (page furniture, duplicated paragraphs, dateline, date, language),
    its quotes and entities extracted, and stored atomically. Re-ingesting unchanged files adds
    nothing; a changed file replaces its article. Bad files are reported, one line each, and
    never stop the batch; the exit code is 1 when any file failed.
    """
    options = IngestOptions(
        paths=tuple(str(p) for p in paths),
        workers=workers,
        batch_size=batch_size,
        include=tuple(include),
        exclude=tuple(exclude),
        follow_symlinks=follow_symlinks,
        read_options=ReadOptions(field_map=_field_map(field_map)),
    )
    engine = state(ctx).engine(create=True)
    console = stderr_console()
    progress = Progress(
        TextColumn("[bold]{task.description}[/bold]"),
        BarColumn(),
        MofNCompleteColumn(),
        TextColumn("files"),
        TimeElapsedColumn(),  # ticks while the worker processes start (a few seconds)
        TimeRemainingColumn(),
        console=console,
        transient=True,
        disable=not console.is_terminal,
    )
    with progress:
        # Shown at once (a pulsing bar while a large tree is counted), then moving file by file as
        # each is read, not batch by batch as they are committed.
        task = progress.add_task("counting", total=None)
        if console.is_terminal:
            progress.update(task, description="ingesting", total=count_files(options))
        summary = ingest(engine, options, on_read=lambda: progress.advance(task))
    counts = summary.counts
    if as_json:
        stdout_console().print_json(
            json.dumps(
                {
                    "files": summary.files,
                    **{k: counts.get(k, 0) for k in ("added", "unchanged", "replaced", "duplicate", "near_duplicate")},
                    "failed": [{"file": f, "reason": r} for f, r in summary.failures],
                    "skipped": [{"file": f, "reason": r} for f, r in summary.skipped],
                    "notes": [{"file": f, "note": n} for f, n in summary.notes],
                },
                ensure_ascii=False,
            )
        )
    else:
        stdout_console().print(
            f"{summary.files} files: [green]{counts.get('added', 0)} added[/green], "
            f"{counts.get('unchanged', 0)} unchanged, {counts.get('replaced', 0)} replaced, "
            f"{counts.get('duplicate', 0)} duplicate, {counts.get('near_duplicate', 0)} near-duplicate, "
            f"[{'red' if summary.failures else 'dim'}]{summary.failed_files} failed[/], "
            f"{len(summary.skipped)} skipped"
        )
        # One line per file and reason, on stderr: a name with a newline in it stays on its line.
        for label, rows in (("[dim]skipped[/dim]", summary.skipped), ("[yellow]note[/yellow]", summary.notes), ("[red]failed[/red]", summary.failures)):
            for path, reason in rows:
                console.print(f"  {label} {escape(one_line(path))}: {escape(one_line(reason))}")
    if summary.failures:
        raise typer.Exit(1)
