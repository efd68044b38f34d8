"""Scraper output as JSON (``.json``, ``.jsonl``, ``.ndjson``, optionally ``.gz``): one article per object.

Accepts JSON lines, a JSON array of objects or one object per file, with news-please field names and common
alternatives. Everything streams (lines one by one, arrays through ``ijson``), so multi-GB dumps never load whole;
only a file holding a single top-level object is parsed at once.
"""

from __future__ import annotations

import codecs
import gzip
import io
import itertools
import json
import re
import zlib
from collections.abc import Iterable, Iterator, Mapping
from typing import Any, BinaryIO

import ijson
import lxml.html
from ijson.common import ObjectBuilder

from archive.errors import InputError
from archive.readers.base import Meta, RawDocument, ReadOptions, RecordError
from archive.readers.decoding import decode_bytes
from archive.urls import domain

# RawDocument field -> source keys tried in order (news-please names first). ``options.field_map`` replaces a row.
DEFAULT_KEYS: dict[str, tuple[str, ...]] = {
    "text": ("maintext", "text", "content", "body", "article", "article_body", "articleBody", "full_text", "isi"),
    "title": ("title", "headline", "judul"),
    "published": ("date_publish", "published", "published_at", "publishedAt", "datePublished", "date_published",
                  "publish_date", "pubDate", "date", "created_at", "tanggal"),
    "language": ("language", "lang", "inLanguage", "locale"),
    "authors": ("authors", "author", "byline", "creator", "penulis"),  # reported as "author" candidates
    "url": ("url", "link", "canonical_url", "uri"),
    "source": ("source_domain", "site_name", "sitename", "site", "source", "publisher", "domain"),
}
_GZIP_ERRORS = (gzip.BadGzipFile, EOFError, zlib.error)
# No article nests deeper; a file that does is refused before it costs memory (ijson's prefixes
# grow with depth, so 100 kB of "[" took gigabytes) or Python's recursion limit.
MAX_DEPTH = 100
_UTF16_32_BOMS = (codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)
# "\ud83d" alone in JSON decodes to a lone surrogate, which no database can store as UTF-8.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_HTML_MARKUP = re.compile(r"<(p|br|div|span|a|strong|em|b|i)\b[^>]*>", re.IGNORECASE)


def read(path: str, options: ReadOptions) -> Iterator[RawDocument | RecordError]:
    """Yield one document (or ``RecordError``) per JSON object of the file."""
    keys = {**DEFAULT_KEYS, **{name: (key,) for name, key in options.field_map.items()}}
    compressed = path.lower().endswith(".gz")
    with (gzip.open(path, "rb") if compressed else open(path, "rb")) as raw:
        stream = io.BufferedReader(raw) if compressed else raw
        try:
            head = stream.peek(4096)[:4096]
        except _GZIP_ERRORS as exc:
            raise InputError(f"not a readable gzip file ({exc})") from None
        if head.startswith(codecs.BOM_UTF8):
            stream.read(len(codecs.BOM_UTF8))
            head = head[len(codecs.BOM_UTF8):]
        elif head.startswith(_UTF16_32_BOMS):  # rare: transcoded to UTF-8 whole, not streamed
            try:
                data = stream.read()
            except _GZIP_ERRORS as exc:
                raise InputError(f"unreadable gzip data ({exc})") from None
            stream = io.BufferedReader(io.BytesIO(decode_bytes(data).encode("utf-8")))
            head = stream.peek(4096)[:4096]
        first = head.lstrip()[:1]
        if not first:
            raise InputError("empty file")
        if b"\x00" in head:
            raise InputError("binary file, not JSON")
        if first not in (b"{", b"["):
            raise InputError(f"not JSON (starts with {head.lstrip()[:20]!r})")
        if first == b"[":
            records = _array_records(path, stream)
        else:
            try:
                first_line = stream.readline()
            except _GZIP_ERRORS as exc:
                raise InputError(f"unreadable gzip data ({exc})") from None
            if path.lower().removesuffix(".gz").endswith((".jsonl", ".ndjson")) or _is_object(first_line):
                records = _line_records(path, itertools.chain([first_line], stream))
            else:
                records = _single_object(path, first_line, stream)
        for index, record in records:
            yield record if isinstance(record, RecordError) else to_document(record, path, index, keys)


def _is_object(line: bytes) -> bool:
    try:
        return isinstance(json.loads(line), dict)
    except (ValueError, RecursionError):
        return False  # the first line of a pretty-printed object


def _line_records(path: str, stream: Iterable[bytes]) -> Iterator[tuple[int, Any]]:
    """JSON lines: a bad line is a ``RecordError``; a truncated gzip ends the file with one."""
    index = 0
    try:
        for line in stream:
            if not line.strip():
                continue
            try:
                yield index, json.loads(line)
            except ValueError as exc:  # JSONDecodeError and UnicodeDecodeError
                yield index, RecordError(path, index, f"invalid JSON line ({_reason(exc)})")
            except RecursionError:
                yield index, RecordError(path, index, "invalid JSON line (nested too deeply)")
            index += 1
    except _GZIP_ERRORS as exc:
        if index == 0:
            raise InputError(f"unreadable gzip data ({exc})") from None
        yield index, RecordError(path, index, f"file truncated or corrupt after {index} records ({exc})")


class _TooDeep(ValueError):
    def __str__(self) -> str:
        return f"nested too deeply (more than {MAX_DEPTH} levels)"


def _array_items(stream: BinaryIO) -> Iterator[Any]:
    """The elements of a top-level JSON array, built from ijson's parse events with a depth limit."""
    depth = 0
    builder: ObjectBuilder | None = None
    for event, value in ijson.basic_parse(stream, use_float=True):
        if event in ("start_map", "start_array"):
            depth += 1
            if depth > MAX_DEPTH:
                raise _TooDeep()
            if depth == 1:
                continue  # the array itself
        elif event in ("end_map", "end_array"):
            depth -= 1
            if depth == 0:
                continue
        if builder is None:
            builder = ObjectBuilder()
        builder.event(event, value)
        if depth == 1:  # back at the array's level: one element complete
            yield builder.value
            builder = None


def _array_records(path: str, stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    """A top-level JSON array, streamed element by element."""
    index = 0
    try:
        for item in _array_items(stream):
            yield index, item
            index += 1
    except (ijson.JSONError, _TooDeep, UnicodeDecodeError, *_GZIP_ERRORS) as exc:
        if index == 0:
            raise InputError(f"invalid JSON array ({_reason(exc)})") from None
        yield index, RecordError(path, index, f"JSON array truncated or invalid after {index} records ({_reason(exc)})")
    if index == 0:
        raise InputError("empty JSON array")


def _single_object(path: str, first_line: bytes, stream: BinaryIO) -> Iterator[tuple[int, Any]]:
    """One object per file (pretty-printed), or a wrapper whose only list holds the articles."""
    try:
        value = json.loads(first_line + stream.read())
    except (ValueError, *_GZIP_ERRORS) as exc:
        raise InputError(f"invalid JSON ({_reason(exc)})") from None
    except RecursionError:
        raise InputError("invalid JSON (nested too deeply)") from None
    if isinstance(value, dict) and not _lookup(value, DEFAULT_KEYS["text"]):
        lists = [v for v in value.values() if isinstance(v, list) and v and all(isinstance(i, dict) for i in v)]
        if len(lists) == 1:
            yield from enumerate(lists[0])
            return
    yield 0, value


def _reason(exc: Exception) -> str:
    return str(exc).splitlines()[0][:120] if str(exc) else type(exc).__name__


def to_document(record: Any, path: str, index: int, keys: Mapping[str, tuple[str, ...]] = DEFAULT_KEYS,
                ) -> RawDocument | RecordError:
    """Map one JSON object onto a ``RawDocument``; a ``RecordError`` when it is not an article."""
    if not isinstance(record, dict):
        return RecordError(path, index, f"not a JSON object ({type(record).__name__})")
    paragraphs = _paragraphs(_lookup(record, keys["text"]))
    if not paragraphs:
        return RecordError(path, index, f"no article text (none of: {', '.join(keys['text'])})")
    url = _string(_lookup(record, keys["url"]))
    source = _string(_lookup(record, keys["source"]))
    if isinstance(_lookup(record, keys["source"]), dict):
        source = _string(_lookup(_lookup(record, keys["source"]), ("name",)))
    return RawDocument(
        source_path=path,
        record=index,
        format="json",
        text="\n".join(paragraphs),
        paragraphs=tuple(paragraphs),
        metadata=tuple(_candidates(record, keys)),
        url=url,
        source=_strip_www(source) or domain(url),
    )


# RawDocument metadata field -> the key table row that holds it.
_METADATA = {"title": "title", "published": "published", "language": "language", "author": "authors"}


def _candidates(record: dict, keys: Mapping[str, tuple[str, ...]]) -> list[Meta]:
    """Every present title, date, language and author field, as written, named ``json KEY``."""
    out = []
    for field, row in _METADATA.items():
        for key in keys[row]:
            value = _lookup(record, (key,))
            for text in (_authors(value) if field == "author" else _values(value)):
                out.append(Meta(field, text, f"json {key}"))
    return out


def _values(value: Any) -> list[str]:
    """A scalar field as text (numbers too: epoch dates); the first string of a list."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return [str(value)]
    text = _string(value)
    return [text] if text else []


def _lookup(record: Any, names: tuple[str, ...]) -> Any:
    """The first present, non-empty value among ``names`` (``a.b`` reaches into nested objects)."""
    for name in names:
        value: Any = record
        for part in name.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        if value not in (None, "", [], {}):
            return value
    return None


def _string(value: Any) -> str | None:
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str):
        return None
    return " ".join(_valid(value).split()) or None


def _valid(text: str) -> str:
    """``text`` with lone surrogates (broken ``\\u`` escapes) replaced by U+FFFD."""
    return _LONE_SURROGATE.sub("\ufffd", text)


def _paragraphs(value: Any) -> list[str]:
    """Body paragraphs: list items, blank-line blocks, else lines; HTML markup is reduced to its text."""
    if isinstance(value, list):
        return [p for item in value if isinstance(item, str) for p in _paragraphs(item)]
    if not isinstance(value, str):
        return []
    value = _valid(value)
    if _HTML_MARKUP.search(value):
        value = _html_to_text(value)
    blocks = re.split(r"\n\s*\n", value) if re.search(r"\n\s*\n", value) else value.split("\n")
    return [" ".join(block.split()) for block in blocks if block.strip()]


def _html_to_text(markup: str) -> str:
    markup = re.sub(r"(?i)<br\s*/?>|</(p|div|h\d|li|blockquote)>", "\n\n", markup)
    try:
        return lxml.html.fragment_fromstring(markup, create_parent="div").text_content()
    except Exception:  # lxml raises several types on hopeless markup; keep the markup as text then
        return re.sub(r"<[^>]+>", " ", markup)


def _authors(value: Any) -> list[str]:
    """Author names of a string, a list of strings or of ``{"name": ...}`` objects (a string is left whole)."""
    if isinstance(value, (dict, str)):
        value = [value]
    if not isinstance(value, list):
        return []
    names = [item.get("name") if isinstance(item, dict) else item for item in value]
    return [" ".join(_valid(n).split()) for n in names if isinstance(n, str) and n.strip()]


def _strip_www(host: str | None) -> str | None:
    return host[4:] if host and host.lower().startswith("www.") else host
