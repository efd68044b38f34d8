"""``ingest()``: the library entry point behind ``archive ingest``."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import partial
from itertools import chain

from sqlalchemy.engine import Engine

from archive.errors import ArchiveError, InputError
from archive.ingest.discover import Found, default_source, discover
from archive.ingest.parallel import bounded_map
from archive.normalize.model import Article
from archive.normalize.pipeline import normalize
from archive.normalize.warm import warm_up
from archive.readers import RecordError, read_file
from archive.readers.base import ReadOptions
from archive.store.writer import FAILED, ArticleWriter, Outcome

# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 64


@dataclass(frozen=True)
class IngestOptions:
    """What the user asked ``archive ingest`` to do (built once at the CLI edge)."""

    paths: tuple[str, ...]
    workers: int = 0  # 0: one per CPU core
    batch_size: int = 500
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    follow_symlinks: bool = False
    read_options: ReadOptions = field(default_factory=ReadOptions)


@dataclass
class FileReport:
    """What happened to one file: per-status article counts and one reason per failure or skip."""

    path: str
    counts: Counter = field(default_factory=Counter)
    problems: list[str] = field(default_factory=list)
    skipped: str | None = None

    @property
    def failed(self) -> bool:
        return bool(self.problems)


@dataclass
class IngestSummary:
    """Totals of a run: articles added, unchanged, replaced, duplicate; files failed and skipped."""

    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.counts.update(report.counts)
        self.failures.extend((report.path, p) for p in report.problems)
        if report.skipped:
            self.skipped.append((report.path, report.skipped))

    @property
    def failed_files(self) -> int:
        return len({path for path, _ in self.failures})


def _process(found: Found, read_options: ReadOptions) -> tuple[Found, list[Article | RecordError], str | None]:
    """Worker task: read and normalize one file (pure; no database). Never raises for bad input."""
    if found.reason:
        return found, [], found.reason
    source = default_source(found.path, found.root)
    results: list[Article | RecordError] = []
    try:
        for raw in read_file(found.path, read_options):
            if isinstance(raw, RecordError):
                results.append(raw)
                continue
            try:
                results.append(normalize(raw, default_source=source))
            except InputError as exc:
                results.append(RecordError(raw.source_path, raw.record, str(exc)))
    except ArchiveError as exc:
        return found, results, str(exc)
    except RecursionError:
        return found, results, "too deeply nested to read"
    except Exception as exc:  # a reader or normalizer bug must cost one file, not the batch
        return found, results, f"internal error while reading ({type(exc).__name__}: {exc})"
    return found, results, None


def count_files(options: IngestOptions) -> int:
    """How many files the run will look at (for a progress bar)."""
    return sum(1 for _ in discover(options.paths, options.include, options.exclude, options.follow_symlinks))


def ingest(
    engine: Engine,
    options: IngestOptions,
    on_file: Callable[[FileReport], None] | None = None,
) -> IngestSummary:
    """Ingest every file under ``options.paths``; a bad file is reported, never fatal to the batch.

    Articles are committed in batches as they come; an interruption (Ctrl-C) loses at most the
    batch in flight, never half an article, and re-running finishes the job.
    """
    workers = options.workers or os.cpu_count() or 1
    found = discover(options.paths, options.include, options.exclude, options.follow_symlinks)
    if workers > 1:
        # Peek ahead: small jobs run in-process; the pool only pays off for many files.
        head = []
        for item in found:
            head.append(item)
            if len(head) >= _PARALLEL_THRESHOLD:
                break
        if len(head) < _PARALLEL_THRESHOLD:
            workers = 1
        found = chain(head, found)
    if workers > 1:
        warm_up()  # build the normalizer's data once, shared copy-on-write by the forked workers
    writer = ArticleWriter(engine)
    summary = IngestSummary()
    pending: list[tuple[FileReport, Article]] = []
    reports: list[FileReport] = []  # files whose articles are waiting in `pending`

    def flush() -> None:
        outcomes = writer.write([article for _, article in pending])
        for (report, _), outcome in zip(pending, outcomes):
            _record(report, outcome)
        for report in reports:
            summary.add(report)
            if on_file:
                on_file(report)
        pending.clear()
        reports.clear()

    task = partial(_process, read_options=options.read_options)
    for item, results, error in bounded_map(task, found, workers):
        report = FileReport(item.path)
        if item.reason and not item.failed:
            report.skipped = item.reason
        elif error:
            report.problems.append(error)
        for result in results:
            if isinstance(result, RecordError):
                where = f"record {result.record + 1}: " if _multi_record(results) else ""
                report.problems.append(f"{where}{result.reason}")
            else:
                pending.append((report, result))
        reports.append(report)
        if len(pending) >= options.batch_size or len(reports) >= options.batch_size:
            flush()
    flush()
    return summary


def _multi_record(results: Sequence[Article | RecordError]) -> bool:
    return len(results) > 1 or any(r.record for r in results)


def _record(report: FileReport, outcome: Outcome) -> None:
    if outcome.status == FAILED:
        report.problems.append(outcome.reason or "could not be stored")
    else:
        report.counts[outcome.status] += 1
    if outcome.near_duplicate_of:
        report.counts["near_duplicate"] += 1
