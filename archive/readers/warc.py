"""Web archives (``.warc``, ``.warc.gz``): every HTML ``response`` record (HTTP 200) becomes an article.

Records are read one at a time with ``warcio``; the page goes through the HTML reader with the record's
``WARC-Target-URI`` as its URL. Request, metadata and non-HTML records are skipped.

Gzipped files are decompressed by Python's ``gzip``, not by warcio: warcio ends quietly at a gzip member
cut short, and a truncated download would lose its last records without a word; ``gzip`` raises.
"""

from __future__ import annotations

import gzip
from dataclasses import replace

import re
from collections.abc import Iterator
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator
from warcio.exceptions import ArchiveLoadFailed

from archive.errors import InputError, NoArticles
from archive.limits import MAX_DOCUMENT_BYTES, megabytes
from archive.readers.base import RawDocument, ReadOptions, RecordError
from archive.readers.html import decode_html, extract_html

_HTML_TYPES = ("text/html", "application/xhtml+xml")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([A-Za-z0-9_.:-]+)", re.IGNORECASE)


def read(path: str, options: ReadOptions) -> Iterator[RawDocument | RecordError]:
    """Yield one document per HTML response; a damaged tail ends the file with a ``RecordError``."""
    if Path(path).stat().st_size == 0:
        raise InputError("empty file")
    seen = 0  # records read whole; the position of the next one
    pages = 0  # HTML responses among them
    with open(path, "rb") as raw:
        compressed = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        stream = _Decompressed(gzip.GzipFile(fileobj=raw, mode="rb")) if compressed else raw
        try:
            records = ArchiveIterator(stream)
            for record in records:
                if record.format != "warc":  # warcio also reads ARC headers, which random text lines resemble
                    raise ArchiveLoadFailed(f"{record.format} record, not WARC")
                if record.rec_headers.get_header("Content-Length") is None:
                    raise EOFError("record header cut short (no Content-Length)")
                data = _content(record)
                if getattr(record.raw_stream, "limit", 0) > 0:  # fewer bytes than its Content-Length
                    raise EOFError(f"record cut short ({record.raw_stream.limit} bytes missing)")
                seen += 1
                if _is_html_response(record):
                    pages += 1
                    if data is None:
                        url = record.rec_headers.get_header("WARC-Target-URI")
                        yield RecordError(path, seen - 1, f"{url}: page larger than {megabytes(MAX_DOCUMENT_BYTES)}, more than any news article needs")
                    else:
                        yield _article(record, data, path, seen - 1)
            if records.next_line:  # warcio ends quietly at a record whose header is cut short
                raise EOFError("last record cut short")
        except Exception as exc:  # warcio raises many types on damage (ArchiveLoadFailed, EOFError, zlib, ...)
            if seen == 0:
                reason = "not a WARC file" if isinstance(exc, ArchiveLoadFailed) else "unreadable WARC"
                raise InputError(f"{reason} ({_reason(exc)})") from None
            yield RecordError(path, seen, f"WARC truncated or corrupt at record {seen} ({_reason(exc)})")
            return
    if seen == 0:
        raise InputError("no WARC records (truncated or not a WARC file)")
    if pages == 0:
        raise NoArticles(f"no HTML pages among its {seen} WARC record{'s' if seen > 1 else ''}")


def _content(record) -> bytes | None:
    """The record's payload, or None past the size limit (then read through, never held)."""
    stream = record.content_stream()
    data = stream.read(MAX_DOCUMENT_BYTES + 1)
    if len(data) <= MAX_DOCUMENT_BYTES:
        return data
    while stream.read(1 << 20):
        pass
    return None


class _Decompressed:
    """A gzip file read a chunk at a time: the records before damage come out before the error does.

    ``GzipFile.read(n)`` fills ``n`` bytes or raises, losing the good bytes it had; ``read1`` returns
    what one step decompressed, and the error comes with the next call.
    """

    def __init__(self, file: gzip.GzipFile):
        self.file = file

    def read(self, size: int = -1) -> bytes:
        return self.file.read() if size is None or size < 0 else self.file.read1(size)


def _is_html_response(record) -> bool:
    if record.rec_type != "response" or record.http_headers is None:
        return False
    if record.http_headers.get_statuscode() != "200":
        return False
    content_type = (record.http_headers.get_header("Content-Type") or "").lower()
    return content_type.split(";")[0].strip() in _HTML_TYPES


def _article(record, data: bytes, path: str, index: int) -> RawDocument | RecordError:
    url = record.rec_headers.get_header("WARC-Target-URI")
    match = _CHARSET.search(record.http_headers.get_header("Content-Type") or "")
    try:
        if not data.strip():
            raise InputError("empty HTML response")
        document = extract_html(decode_html(data, declared=match.group(1) if match else None), path, index, url)
        return replace(document, format="warc")
    except InputError as exc:
        return RecordError(path, index, f"{url}: {exc}")


def _reason(exc: Exception) -> str:
    text = str(exc).splitlines()[0][:120] if str(exc) else ""
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
