"""Readers: bytes of one file format in, ``RawDocument``s out (one module per format).

``read_file`` dispatches on the file name; each reader module exposes
``read(path: str, options: ReadOptions) -> Iterator[RawDocument | RecordError]``: it opens the file itself (so large
multi-record files stream), raises ``InputError`` when the whole file is bad and yields a
``RecordError`` for one bad record among good ones.
"""

from __future__ import annotations

import importlib
import os
from collections.abc import Iterator
from pathlib import Path

from archive.errors import InputError
from archive.readers.base import RawDocument, ReadOptions, RecordError

# Suffix (longest match wins) -> reader module. Modules are imported on first use, so a format's
# heavy dependencies (trafilatura, warcio) cost nothing to archives that never meet it.
READERS: dict[str, str] = {
    ".txt": "archive.readers.text",
    ".text": "archive.readers.text",
    ".html": "archive.readers.html",
    ".htm": "archive.readers.html",
    ".json": "archive.readers.json_records",
    ".jsonl": "archive.readers.json_records",
    ".ndjson": "archive.readers.json_records",
    ".json.gz": "archive.readers.json_records",
    ".jsonl.gz": "archive.readers.json_records",
    ".ndjson.gz": "archive.readers.json_records",
    ".warc": "archive.readers.warc",
    ".warc.gz": "archive.readers.warc",
}


# Longest first, so ``.json.gz`` wins over ``.gz``-less ``.json``; sorted once (ingest asks per file).
_SUFFIXES = tuple(sorted(READERS, key=len, reverse=True))


def reader_for(path: str | Path) -> str | None:
    """The reader module for a file name, or ``None`` when no reader handles it."""
    name = os.path.basename(os.fspath(path).rstrip(os.sep)).lower()
    return next((READERS[suffix] for suffix in _SUFFIXES if name.endswith(suffix)), None)


def is_supported(path: str | Path) -> bool:
    """True when some reader handles this file name."""
    return reader_for(path) is not None


def read_file(path: str | Path, options: ReadOptions | None = None) -> Iterator[RawDocument | RecordError]:
    """Read one file into raw documents; raise ``InputError`` when it cannot be read."""
    module_name = reader_for(path)
    if module_name is None:
        raise InputError(f"unsupported file type {Path(path).suffix or '(no extension)'}")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError:
        raise InputError(f"no reader for {Path(path).suffix} files yet") from None
    try:
        yield from module.read(str(path), options or ReadOptions())
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except FileNotFoundError:
        raise InputError("file not found (broken link?)") from None
    except OSError as exc:
        raise InputError(exc.strerror or str(exc)) from None


__all__ = ["RawDocument", "ReadOptions", "RecordError", "read_file", "reader_for", "is_supported", "READERS"]
