"""``archive export``, ``archive check`` and ``archive copy``: get data out, make sure it is sound, move it."""

from __future__ import annotations

import json
from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

from archive.cli.output import JsonObjectOpt, stderr_console, stdout_console
from archive.cli.state import state
from archive.query.export import ExportOptions, count_rows, export
from archive.store.backend import describe
from archive.store.check import check
from archive.store.copy import copy_archive
from archive.store.copy import count_rows as rows_to_copy
from archive.store.schema import PUBLIC_TABLES


class ExportFormat(str, Enum):
    csv = "csv"
    jsonl = "jsonl"


def export_command(
    ctx: typer.Context,
    tables: Annotated[Optional[list[str]], typer.Argument(metavar="TABLE", help=f"Tables to export (default all): {', '.join(PUBLIC_TABLES)}.", show_default=False)] = None,
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder to write one file per table into (created if missing).")] = Path("export"),
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="csv (RFC 4180, UTF-8) or jsonl.")] = ExportFormat.csv,
    speaker: Annotated[Optional[str], typer.Option("--speaker", "-s", help="With the quotes table: only this speaker's quotes (any alias).", show_default=False)] = None,
    bom: Annotated[bool, typer.Option("--bom", help="Start CSV files with a UTF-8 byte-order mark (for Excel).")] = False,
    raw_cells: Annotated[bool, typer.Option("--raw-cells", help="Do not prefix cells starting with = + - @ (formula-injection guard).")] = False,
    flatten_newlines: Annotated[bool, typer.Option("--flatten-newlines", help="Replace line breaks inside cells with spaces.")] = False,
) -> None:
    """Export tables to CSV or JSON lines, one file per table, streamed in constant memory.

    Cells that a spreadsheet would run as a formula are prefixed with ' unless --raw-cells.
    """
    options = ExportOptions(
        out_dir=out, tables=tuple(tables or ()), format=format.value, bom=bom, raw_cells=raw_cells,
        flatten_newlines=flatten_newlines, speaker=speaker,
    )
    engine = state(ctx).engine()
    console = stderr_console()
    progress = Progress(TextColumn("[bold]exporting[/bold]"), BarColumn(), MofNCompleteColumn(), TextColumn("rows"),
                        console=console, transient=True, disable=not console.is_terminal)
    with progress:
        task = progress.add_task("export", total=count_rows(engine, options) if console.is_terminal else None)
        written = export(engine, options, on_rows=lambda n: progress.advance(task, n))
    out_console = stdout_console()
    for name, count in written.items():
        out_console.print(f"{count:>10,} rows  {escape(str(out / name))}")


def check_command(
    ctx: typer.Context,
    repair: Annotated[bool, typer.Option("--repair", help="Rebuild the full-text indexes from their tables first.")] = False,
    as_json: JsonObjectOpt = False,
) -> None:
    """Check the database: the engine's integrity checks (SQLite and FTS5; PostgreSQL's indexes), the
    full-text and stemmed indexes, orphan rows. Exit code 1 on any problem."""
    report = check(state(ctx).engine(), repair=repair)
    console = stdout_console()
    if as_json:
        console.print_json(json.dumps({"ok": report.ok, "problems": report.problems, "orphans": report.orphans,
                                       "repaired": report.repaired, "skipped": report.skipped}))
    else:
        if report.repaired:
            console.print("full-text indexes rebuilt")
        for problem in report.problems:
            console.print(f"[red]problem[/red] {escape(problem)}")
        for name, count in report.orphans.items():
            if count:
                console.print(f"[red]orphans[/red] {count} {name}")
        for skipped in report.skipped:
            console.print(f"[yellow]skipped[/yellow] {escape(skipped)}")
        if not report.ok:
            console.print("[red]problems found[/red]")
        elif report.skipped:
            console.print("[green]ok[/green]: the checks that could run passed, no orphans")
        else:
            console.print("[green]ok[/green]: integrity and full-text checks passed, no orphans")
    if not report.ok:
        raise typer.Exit(1)


def copy_command(
    ctx: typer.Context,
    to: Annotated[str, typer.Option("--to", metavar="PATH|URL", help="The new archive: postgresql://USER@HOST:PORT/DB, sqlite:///PATH or a file path (new, or an empty database).", show_default=False)],
    as_json: JsonObjectOpt = False,
) -> None:
    """Copy the whole archive (--db) into another database: SQLite to PostgreSQL and back.

    Streamed table by table in one transaction on the target, ids kept: a copy that fails leaves
    the target empty. The target must hold no archive yet (an empty database, or a new file).
    """
    cli = state(ctx)
    source = cli.engine()
    target = cli.engine(create=True, db=to)
    console = stderr_console()
    progress = Progress(TextColumn("[bold]copying[/bold]"), BarColumn(), MofNCompleteColumn(), TextColumn("rows"),
                        console=console, transient=True, disable=not console.is_terminal)
    with progress:
        task = progress.add_task("copy", total=rows_to_copy(source) if console.is_terminal else None)
        copied = copy_archive(source, target, on_rows=lambda n: progress.advance(task, n))
    out_console = stdout_console()
    if as_json:
        out_console.print_json(json.dumps({"to": describe(target), "tables": copied}))
        return
    for name, count in copied.items():
        out_console.print(f"{count:>10,} rows  {escape(name)}")
    out_console.print(f"copied to {escape(describe(target))}")
