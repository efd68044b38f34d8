"""``ingest()``: the library entry point behind ``archive ingest``."""

from __future__ import annotations

import contextlib
import gc
import os
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from functools import partial
from itertools import chain, islice

from sqlalchemy.engine import Engine

from archive.errors import DatabaseCorrupt, DiskFull
from archive.ingest.discover import discover
from archive.ingest.parallel import bounded_map
from archive.ingest.tasks import plan, run_task
from archive.readers.base import ReadOptions
from archive.store.writer import ADDED, FAILED, REPLACED, ArticleWriter, Outcome

# Imported by the workers' forkserver: the normalizer's data, built once and shared by the workers.
_WORKER_DATA = ("archive.ingest.worker_data",)
# Below this many files a process pool costs more than it saves.
_PARALLEL_THRESHOLD = 64
# An ingest that stored this many articles refreshes the planner's statistics (smaller ones leave
# it to the server's own schedule).
_STATISTICS_AFTER = 100


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
    notes: list[str] = field(default_factory=list)  # repairs made on the way (stray bytes replaced)

    @property
    def failed(self) -> bool:
        return bool(self.problems)


@dataclass
class IngestSummary:
    """Totals of a run: articles added, unchanged, replaced, duplicate; files failed and skipped."""

    counts: Counter = field(default_factory=Counter)
    failures: list[tuple[str, str]] = field(default_factory=list)  # (path, reason)
    skipped: list[tuple[str, str]] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)
    files: int = 0

    def add(self, report: FileReport) -> None:
        self.files += 1
        self.counts.update(report.counts)
        self.failures.extend((report.path, p) for p in report.problems)
        self.notes.extend((report.path, n) for n in report.notes)
        if report.skipped:
            self.skipped.append((report.path, report.skipped))

    @property
    def failed_files(self) -> int:
        return len({path for path, _ in self.failures})


@contextlib.contextmanager
def frozen_objects() -> Iterator[None]:
    """The ingest parent's objects frozen out of the cyclic garbage collector while it runs, then thawed.

    The parent unpickles the workers' records and builds rows from them: millions of short-lived
    tuples and strings, none in a reference cycle (they are freed by reference counting). Each full
    collection walked every object the process had imported (SQLAlchemy, Alembic, Rich): 0.55 of 9 s
    of CPU for 20k articles unpickled and written. Objects alive at the start are frozen out of the
    collections. (Raising the thresholds as well, so that collections ran less often, saved no
    measurable CPU more and let the parent grow: 246 MB instead of 204 MB at 100k articles, 270 MB at 1M.)
    """
    frozen_before = gc.get_freeze_count()
    gc.freeze()
    try:
        yield
    finally:
        if not frozen_before:  # what someone else froze stays frozen
            gc.unfreeze()


def count_files(options: IngestOptions) -> int:
    """How many files the run will look at (for a progress bar)."""
    return sum(1 for _ in discover(options.paths, options.include, options.exclude, options.follow_symlinks))


def ingest(
    engine: Engine,
    options: IngestOptions,
    on_file: Callable[[FileReport], None] | None = None,
    on_read: Callable[[], None] | None = None,
) -> IngestSummary:
    """Ingest every file under ``options.paths``; a bad file is reported, never fatal to the batch.

    Articles are committed in batches as they come; an interruption (Ctrl-C) loses at most the
    batch in flight, never half an article, and re-running finishes the job. ``on_read`` is
    called as each file has been read and normalized (for a progress bar that moves file by
    file), ``on_file`` with its report once its articles are committed.
    """
    workers = options.workers or os.cpu_count() or 1
    found = discover(options.paths, options.include, options.exclude, options.follow_symlinks)
    tasks = plan(found, options.read_options)
    if workers > 1:
        # Peek ahead: small jobs run in-process; the pool only pays off for many tasks.
        head = list(islice(tasks, _PARALLEL_THRESHOLD))
        if len(head) < _PARALLEL_THRESHOLD:
            workers = 1
        tasks = chain(head, tasks)
    writer = ArticleWriter(engine)
    summary = IngestSummary()
    pending: list[tuple[FileReport, tuple]] = []  # (its file, a record of archive.store.records)
    reports: list[FileReport] = []  # files read since the last flush; the last may still be open

    stored = 0  # committed by this run: how far it got, should the database fail

    def flush(final: bool = False) -> None:
        nonlocal stored
        outcomes = writer.write([article for _, article in pending])
        for (report, _), outcome in zip(pending, outcomes):
            _record(report, outcome)
            stored += outcome.status in (ADDED, REPLACED)
        pending.clear()
        done = reports if final else reports[:-1]  # a streamed file may have more records coming
        for report in done:
            summary.add(report)
            if on_file:
                on_file(report)
        del reports[: len(done)]

    current = -1
    with frozen_objects():
        try:
            for result in bounded_map(partial(run_task, options=options.read_options), tasks, workers, preload=_WORKER_DATA):
                task = result.task
                if task.file_number != current:  # tasks of one file arrive together, in order
                    if on_read and current >= 0:
                        on_read()  # the previous file is done
                    current = task.file_number
                    reports.append(FileReport(task.found.name, skipped=None if task.found.failed else task.found.reason))
                report = reports[-1]
                report.problems.extend(result.problems)
                report.notes.extend(result.notes)
                report.skipped = report.skipped or result.skipped
                pending.extend((report, article) for article in result.articles)
                if len(pending) >= options.batch_size or len(reports) > options.batch_size:
                    flush()
            if on_read and current >= 0:
                on_read()
            flush(final=True)
            if stored >= _STATISTICS_AFTER:
                writer.refresh_statistics()
        except (DiskFull, DatabaseCorrupt) as exc:  # failing mid-run: say how far it got
            done = f"{stored:,} article{'s' if stored != 1 else ''}"
            raise type(exc)(f"{exc}; stopped after storing {done}, which are kept: run the same command again to finish") from exc
    return summary


def _record(report: FileReport, outcome: Outcome) -> None:
    if outcome.status == FAILED:
        report.problems.append(outcome.reason or "could not be stored")
    else:
        report.counts[outcome.status] += 1
    if outcome.near_duplicate_of:
        report.counts["near_duplicate"] += 1
