"""Plain-text scrapes (``.txt``): the whole decoded file; layout is the normalizer's job."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from archive.readers.base import RawDocument, ReadOptions
from archive.readers.decoding import decode_bytes


def read(path: str, options: ReadOptions) -> Iterator[RawDocument]:
    """Yield the file as one raw document."""
    yield RawDocument(source_path=path, text=decode_bytes(Path(path).read_bytes()), format="txt")
