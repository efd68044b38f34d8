"""Render result rows the same way for every listing: Rich table, JSON array, JSON lines or CSV."""

from __future__ import annotations

import csv
import json
import os
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from enum import Enum
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

from archive.errors import UsageError


class Format(str, Enum):
    TABLE = "table"
    JSON = "json"
    NL = "nl"
    CSV = "csv"


JsonOpt = Annotated[bool, typer.Option("--json", help="Print a JSON array of objects.")]
JsonObjectOpt = Annotated[bool, typer.Option("--json", help="Print one JSON object.")]
NlOpt = Annotated[bool, typer.Option("--nl", help="Print one JSON object per line (JSON lines).")]
CsvOpt = Annotated[bool, typer.Option("--csv", help="Print CSV with a header row.")]
# Bounds at the edge: SQLite integers are 64-bit, and nobody pages through a billion rows at once.
MAX_ID = 2**63 - 1
MAX_ROWS = 1_000_000_000
LimitOpt = Annotated[int, typer.Option("--limit", "-n", min=1, max=MAX_ROWS, help="Show at most this many rows.")]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0, max=MAX_ROWS, help="Skip this many results first (paging).")]
TimeLimitOpt = Annotated[
    float,
    typer.Option("--time-limit", min=0, max=86_400, help="Stop a search running longer than this many seconds as too expensive (0: no limit)."),
]


def choose_format(as_json: bool, as_nl: bool, as_csv: bool) -> Format:
    """The one output format the flags ask for (table when none)."""
    chosen = [f for f, on in ((Format.JSON, as_json), (Format.NL, as_nl), (Format.CSV, as_csv)) if on]
    if len(chosen) > 1:
        raise UsageError("choose one of --json, --nl and --csv")
    return chosen[0] if chosen else Format.TABLE


# Piped or redirected, a table is not folded to 80 columns: each row stays one line (COLUMNS still rules).
_PIPE_WIDTH = 100_000


def stdout_console() -> Console:
    wide = not sys.stdout.isatty() and "COLUMNS" not in os.environ
    return Console(highlight=False, soft_wrap=True, width=_PIPE_WIDTH if wide else None)


def stderr_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


# Control characters (and the Unicode line separators) in a value printed on one line.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def one_line(text: str) -> str:
    """``text`` with control characters as escapes (``\\n``, ``\\x1b``): a file name holding a
    newline or a terminal escape stays one line, and shows what it is."""
    return _CONTROL.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, (list, tuple)):
        return "; ".join(str(v) for v in value)
    return str(value)


def emit(
    rows: Iterable[dict],
    fields: Sequence[str],
    fmt: Format,
    *,
    title: str | None = None,
    table_fields: Sequence[str] | None = None,
    styles: dict[str, Callable[[Any], str]] | None = None,
) -> int:
    """Write ``rows`` (dicts with ``fields``) to stdout in ``fmt``; return how many were written.

    JSON, JSON lines and CSV carry exactly ``fields``, in that order; the table may show a
    narrower ``table_fields`` and ``styles`` turn a value into Rich markup.
    """
    count = 0
    out = sys.stdout
    if fmt is Format.JSON:
        out.write("[")
        for count, row in enumerate(rows, 1):
            out.write(("\n  " if count == 1 else ",\n  ") + json.dumps({f: row.get(f) for f in fields}, ensure_ascii=False))
        out.write("\n]\n" if count else "]\n")
        return count
    if fmt is Format.NL:
        for count, row in enumerate(rows, 1):
            out.write(json.dumps({f: row.get(f) for f in fields}, ensure_ascii=False) + "\n")
        return count
    if fmt is Format.CSV:
        writer = csv.writer(out, lineterminator="\r\n")
        writer.writerow(fields)
        for count, row in enumerate(rows, 1):
            writer.writerow([_cell(row.get(f)) for f in fields])
        return count
    shown = list(table_fields or fields)
    table = Table(title=title, show_lines=False, header_style="bold")
    for name in shown:
        table.add_column(name, overflow="fold")
    styles = styles or {}
    from rich.markup import escape

    for count, row in enumerate(rows, 1):
        table.add_row(*[styles[f](row.get(f)) if f in styles else escape(_cell(row.get(f))) for f in shown])
    console = stdout_console()
    if count:
        console.print(table)
    else:
        console.print("[dim]no results[/dim]")
    return count
