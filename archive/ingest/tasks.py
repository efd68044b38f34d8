"""Units of ingest work, small enough to keep memory flat whatever the file sizes.

A single-article file (txt, HTML) is one task: a worker reads and normalizes it. A multi-record
file (JSON lines, JSON arrays, WARC) is streamed here, in the parent, one record at a time, and each
record is a task of its own: a 1 GB JSONL file never sits in memory, and its records are
normalized in parallel like separate files.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field, replace

from archive.errors import ArchiveError, InputError, NoArticles
from archive.ingest.discover import Found, default_source, stored_name
from archive.normalize.pipeline import normalize
from archive.readers import RecordError, read_file, reader_for
from archive.readers.base import RawDocument, ReadOptions
from archive.store.records import from_article

# Readers whose files hold many records: streamed by the parent, record by record.
STREAMED_READERS = {"archive.readers.json_records", "archive.readers.warc"}


@dataclass(frozen=True)
class Task:
    """One file to read in a worker (``item`` None), or one record of a streamed file."""

    file_number: int  # position of the file in the run: tasks of one file are consecutive
    found: Found
    item: RawDocument | RecordError | None = None
    error: str | None = None  # the stream broke here (truncated gzip...), reported once


@dataclass
class TaskResult:
    """Normalized articles and one line per problem, for one task.

    The articles travel as the writer's records (``archive.store.records``): plain tuples, cheap
    to send back to the parent, with the writer's per-row work done here in parallel."""

    task: Task
    articles: list[tuple] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # repairs worth telling (stray bytes replaced)
    skipped: str | None = None  # a readable file without articles, and why


def plan(found: Iterable[Found], options: ReadOptions) -> Iterator[Task]:
    """Tasks for every file, lazily: streamed files are read only as fast as workers consume them."""
    for number, item in enumerate(found):
        if item.reason or reader_for(item.path) not in STREAMED_READERS:
            yield Task(number, item)
            continue
        try:
            for record in read_file(item.path, options):
                yield Task(number, item, record)
        except NoArticles as exc:
            yield Task(number, replace(item, reason=str(exc)))  # reported as skipped
        except ArchiveError as exc:
            yield Task(number, item, error=str(exc))
        except Exception as exc:  # a reader bug costs the rest of one file, not the run
            yield Task(number, item, error=f"internal error while reading ({type(exc).__name__}: {exc})")


def _normalize(raw: RawDocument, found: Found, result: TaskResult, numbered: bool) -> None:
    where = f"record {raw.record + 1}: " if numbered else ""
    result.notes.extend(where + note for note in raw.notes)
    try:
        stored = replace(raw, source_path=found.name)  # the name as stored: any bytes, as text
        article = normalize(stored, default_source=default_source(found.name, stored_name(found.root)))
        result.articles.append(from_article(article))
    except InputError as exc:
        result.problems.append(where + str(exc))


def run_task(task: Task, options: ReadOptions) -> TaskResult:
    """Worker side: read and/or normalize (pure; no database). Never raises for bad input."""
    result = TaskResult(task)
    found = task.found
    if found.failed:
        result.problems.append(found.reason or "cannot be read")
    elif found.reason:
        pass  # skipped (unsupported type...): reported by the caller, not a failure
    elif task.error:
        result.problems.append(task.error)
    elif isinstance(task.item, RecordError):
        result.problems.append(f"record {task.item.record + 1}: {task.item.reason}")
    elif isinstance(task.item, RawDocument):
        _normalize(task.item, found, result, numbered=True)
    else:
        try:
            records = list(read_file(found.path, options))
            numbered = len(records) > 1
            for record in records:
                if isinstance(record, RecordError):
                    result.problems.append(f"record {record.record + 1}: {record.reason}")
                else:
                    _normalize(record, found, result, numbered)
        except NoArticles as exc:
            result.skipped = str(exc)
        except ArchiveError as exc:
            result.problems.append(str(exc))
        except RecursionError:
            result.problems.append("too deeply nested to read")
        except Exception as exc:  # a reader or normalizer bug must cost one file, not the batch
            result.problems.append(f"internal error while reading ({type(exc).__name__}: {exc})")
    return result
