"""The writer alone: already-normalized bench articles into a new archive, as ingest writes them.

The articles are normalized once by ingest's own worker path (``plan`` → ``run_task`` over
``bounded_map``) and cached in ``bench/.cache/`` as the batches ingest would hand its writer (one
pickle per batch of the workers' records, keyed like the corpus and by the source of the code that
makes them, so a changed normalizer prepares them again). The timed part is what the ingest parent does with each
batch — ``ArticleWriter.write`` in its own transaction, then the statistics refresh and closing
the database — and nothing else: no reading, no normalizing, no unpickling of the cache.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import time
from collections.abc import Callable, Iterator
from functools import partial
from pathlib import Path

import archive

# What decides the cached batches' content: the normalizer, the ingest side that runs it, the readers,
# and the records the workers send (archive/store/records.py).
_SOURCES = ("normalize", "ingest", "readers", "store/records.py")


def _source_digest() -> str:
    """A short hash of the code that makes the cached batches: a change prepares them again."""
    root = Path(archive.__file__).resolve().parent
    digest = hashlib.sha256()
    for source in _SOURCES:
        for path in sorted((root / source).rglob("*")) if (root / source).is_dir() else [root / source]:
            if path.is_file() and path.suffix in (".py", ".txt", ".json", ".tsv", ".csv"):
                digest.update(str(path.relative_to(root)).encode())
                digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def _batches(corpus: Path, workers: int, batch_size: int) -> Iterator[list]:
    """What ingest's workers send for ``corpus``, grouped as ingest groups it for the writer."""
    from archive.ingest.discover import discover
    from archive.ingest.parallel import bounded_map
    from archive.ingest.run import _WORKER_DATA
    from archive.ingest.tasks import plan, run_task
    from archive.readers.base import ReadOptions

    options = ReadOptions()
    tasks = plan(discover([str(corpus)]), options)
    pending: list = []
    for result in bounded_map(partial(run_task, options=options), tasks, workers, preload=_WORKER_DATA):
        if result.problems:
            raise RuntimeError(f"bench article {result.task.found.name} failed: {result.problems[0]}")
        pending.extend(result.articles)
        if len(pending) >= batch_size:
            yield pending
            pending = []
    if pending:
        yield pending


def prepare(corpus: Path, cache: Path, workers: int = 0, batch_size: int | None = None,
            log: Callable[[str], None] = print) -> Path:
    """The cached, normalized batches of ``corpus`` (made on first use): a file of pickles, one per batch."""
    from archive.ingest.run import IngestOptions

    batch_size = batch_size or IngestOptions(paths=()).batch_size
    path = cache / f"normalized-{corpus.name}-b{batch_size}-{_source_digest()}.pickles"
    if path.exists():
        return path
    start = time.perf_counter()
    partial_path = path.with_suffix(".partial")
    with open(partial_path, "wb") as handle:
        for batch in _batches(corpus, workers or os.cpu_count() or 1, batch_size):
            pickle.dump(batch, handle, protocol=pickle.HIGHEST_PROTOCOL)
    partial_path.rename(path)
    log(f"normalized once for the writer-only run: {path.name} ({time.perf_counter() - start:.1f} s)")
    return path


def load(path: Path) -> Iterator[list]:
    with open(path, "rb") as handle:
        while True:
            try:
                yield pickle.load(handle)
            except EOFError:
                return


def writer_only(prepared: Path, n: int, db: Path) -> dict:
    """Feed the prepared batches to a new archive's writer; time only the writer's work."""
    from archive.ingest.run import _STATISTICS_AFTER, frozen_objects
    from archive.store.database import open_database
    from archive.store.writer import ADDED, ArticleWriter

    engine = open_database(db)  # creating the schema is not per-article work
    writer = ArticleWriter(engine)
    seconds = cpu = 0.0
    added = batches = 0
    with frozen_objects():  # as ingest runs its writer
        for batch in load(prepared):  # unpickling stays outside the timing
            wall, own = time.perf_counter(), time.process_time()
            outcomes = writer.write(batch)
            seconds += time.perf_counter() - wall
            cpu += time.process_time() - own
            added += sum(o.status == ADDED for o in outcomes)
            batches += 1
        wall, own = time.perf_counter(), time.process_time()
        if added >= _STATISTICS_AFTER:
            writer.refresh_statistics()
        engine.dispose()  # the last connection closes: SQLite checkpoints the WAL, as the floor does
        seconds += time.perf_counter() - wall
        cpu += time.process_time() - own
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1),
        "added": added,
        "batches": batches,
        "cpu_ms_per_article": round(cpu * 1000 / n, 3),
        "db_mb": round(sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists()) / 2**20, 1),
    }
