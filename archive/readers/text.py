"""Plain-text scrapes (``.txt``): the whole decoded file; layout is the normalizer's job."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from archive.errors import InputError
from archive.limits import MAX_DOCUMENT_BYTES, megabytes
from archive.readers.base import RawDocument, ReadOptions
from archive.readers.decoding import decode


def read(path: str, options: ReadOptions) -> Iterator[RawDocument]:
    """Yield the file as one raw document."""
    if Path(path).stat().st_size > MAX_DOCUMENT_BYTES:
        raise InputError(f"file larger than {megabytes(MAX_DOCUMENT_BYTES)}: more than any news article needs")
    decoded = decode(Path(path).read_bytes())
    yield RawDocument(source_path=path, text=decoded.text, format="txt", notes=(decoded.note,) if decoded.note else ())
