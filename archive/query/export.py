"""Export tables (or the quotes of one speaker) to CSV or JSON lines, streamed in constant memory.

CSV follows RFC 4180 (Python's ``csv`` quoting, CRLF rows), UTF-8, optionally with a BOM for
Excel. Cells that a spreadsheet would run as a formula (leading ``= + - @``, tab, CR) are
prefixed with ``'`` unless ``raw_cells`` is set. Each file is written to a temporary name and
renamed when complete, so an interrupted export never leaves half a file under the real name.
"""

from __future__ import annotations

import csv
import json
import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import UsageError
from archive.query.quotes import fold_speaker, speaker_condition
from archive.store.schema import PUBLIC_TABLES, metadata

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_BATCH = 5000


@dataclass(frozen=True)
class ExportOptions:
    """What to export and how (built once at the CLI edge)."""

    out_dir: Path
    tables: tuple[str, ...] = ()  # empty: every table
    format: str = "csv"  # csv | jsonl
    bom: bool = False
    raw_cells: bool = False
    flatten_newlines: bool = False
    speaker: str | None = None  # with the quotes table: only this speaker's quotes


def neutralize(value: str) -> str:
    """Defuse spreadsheet formula injection: ``=HYPERLINK(...)`` becomes ``'=HYPERLINK(...)``."""
    return "'" + value if value.startswith(_FORMULA_START) else value


def _tables(options: ExportOptions) -> list[str]:
    chosen = list(options.tables) or list(PUBLIC_TABLES)
    unknown = [t for t in chosen if t not in PUBLIC_TABLES]
    if unknown:
        raise UsageError(f"unknown table {unknown[0]!r}: choose from {', '.join(PUBLIC_TABLES)}")
    if options.format not in ("csv", "jsonl"):
        raise UsageError(f"unknown format {options.format!r}: choose csv or jsonl")
    if options.speaker and chosen != ["quotes"]:
        raise UsageError("--speaker works with the quotes table only: archive export quotes --speaker NAME")
    return chosen


def _batches(connection: sa.Connection, table: sa.Table, speaker: str | None) -> Iterator[Sequence[Sequence]]:
    """The table's rows in id order, ``_BATCH`` at a time (streamed: memory stays flat)."""
    statement = sa.select(table).order_by(table.c.id)
    if speaker:
        statement = statement.where(speaker_condition(fold_speaker(speaker)))
    result = connection.execution_options(stream_results=True, yield_per=_BATCH).execute(statement)
    yield from result.partitions()


def _prepare_out_dir(out_dir: Path) -> None:
    if out_dir.exists() and not out_dir.is_dir():
        raise UsageError(f"{out_dir} is not a directory")
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise UsageError(f"cannot create {out_dir}: {exc.strerror}") from None
    if not os.access(out_dir, os.W_OK):
        raise UsageError(f"cannot write to {out_dir}: permission denied")


def count_rows(engine: Engine, options: ExportOptions) -> int:
    """Rows the export will write (for a progress bar)."""
    with engine.connect() as connection:
        total = 0
        for name in _tables(options):
            table = metadata.tables[name]
            statement = sa.select(sa.func.count()).select_from(table)
            if options.speaker:
                statement = statement.where(speaker_condition(fold_speaker(options.speaker)))
            total += connection.execute(statement).scalar_one()
        return total


def export(engine: Engine, options: ExportOptions, on_rows: Callable[[int], None] | None = None) -> dict[str, int]:
    """Write one file per table into ``options.out_dir``; return rows written per file name."""
    names = _tables(options)
    _prepare_out_dir(options.out_dir)
    written: dict[str, int] = {}
    with engine.connect() as connection:
        for name in names:
            table = metadata.tables[name]
            columns = [c.name for c in table.columns]
            target = options.out_dir / f"{name}.{options.format}"
            temporary = target.with_name(f".{target.name}.partial")
            count = 0
            try:
                encoding = "utf-8-sig" if options.bom and options.format == "csv" else "utf-8"
                with open(temporary, "w", encoding=encoding, newline="") as handle:
                    cell = _cell_writer(options)
                    writer = csv.writer(handle, lineterminator="\r\n")
                    if options.format == "csv":
                        writer.writerow(columns)
                    for batch in _batches(connection, table, options.speaker):
                        if options.format == "csv":
                            # csv writes None as an empty cell; only text cells may need changing
                            writer.writerows([[cell(v) if v.__class__ is str else v for v in row] for row in batch])
                        else:
                            handle.writelines(json.dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n" for row in batch)
                        count += len(batch)
                        if on_rows:
                            on_rows(len(batch))
                os.replace(temporary, target)
            except OSError as exc:
                raise UsageError(f"cannot write {target}: {exc.strerror}") from None
            finally:
                if temporary.exists():
                    temporary.unlink()
            written[target.name] = count
    return written


def _cell_writer(options: ExportOptions) -> Callable[[str], str]:
    """What a text cell becomes: newlines flattened and formulas defused, as asked."""
    if options.raw_cells and not options.flatten_newlines:
        return str

    def cell(value: str) -> str:
        if options.flatten_newlines:
            value = " ".join(value.splitlines())
        return value if options.raw_cells else neutralize(value)

    return cell
