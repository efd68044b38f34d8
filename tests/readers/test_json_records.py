"""JSON reader: JSON lines (plain and gzipped), arrays, single objects, news-please records, bad input."""

import datetime as dt
import gzip
import json
from pathlib import Path
from types import MappingProxyType

import pytest

from archive.errors import InputError
from archive.normalize.pipeline import normalize
from archive.readers import RawDocument, ReadOptions, RecordError, read_file
from archive.readers.base import Meta

FORMATS = Path(__file__).parent.parent / "data" / "formats"
TODAY = dt.date(2026, 11, 26)


def _first(document: RawDocument, field: str) -> str | None:
    """The first candidate the reader reported for a field."""
    return next((m.value for m in document.values(field)), None)


def _decided(document: RawDocument) -> tuple:
    """(title, published, language, authors) as the normalizer decides them."""
    article = normalize(document, today=TODAY)
    return article.title, article.published, article.language, article.authors


def test_jsonl_with_bad_line_keeps_good_records():
    results = list(read_file(FORMATS / "bad_line.jsonl"))
    assert [type(r).__name__ for r in results] == ["RawDocument", "RecordError", "RawDocument", "RecordError",
                                                   "RawDocument"]
    assert [r.record for r in results] == [0, 1, 2, 3, 4]
    assert "invalid JSON" in results[1].reason and "no article text" in results[3].reason
    first = results[0]
    assert first == RawDocument(
        source_path=str(FORMATS / "bad_line.jsonl"), text="Paragraf pertama 1.\nParagraf kedua 1.", format="json",
        record=0, paragraphs=("Paragraf pertama 1.", "Paragraf kedua 1."), metadata=(
            Meta("title", "Judul 1", "json title"), Meta("published", "2016-02-21 14:49:30", "json date_publish"),
            Meta("language", "id", "json language"), Meta("author", "Andi Wijaya", "json authors")),
        url="https://www.contoh.co.id/berita/1", source="contoh.co.id")
    assert _decided(first) == ("Judul 1", "2016-02-21", "id", ["Andi Wijaya"])


def test_gzipped_jsonl():
    results = list(read_file(FORMATS / "records.jsonl.gz"))
    assert [_first(r, "title") for r in results] == ["Judul 1", "Judul 2", "Judul 3"]
    assert [r.record for r in results] == [0, 1, 2]


def test_json_array_with_alternative_field_names():
    alpha, beta, bad = list(read_file(FORMATS / "array.json"))
    assert alpha.paragraphs == ("First body.", "Second body.")
    assert _decided(alpha)[:3] == ("Alpha", "2020-05-06", "en")  # the date as written, whatever its offset
    assert (alpha.url, alpha.source, _first(alpha, "language")) == ("https://news.example.com/alpha",
                                                                     "news.example.com", "en-US")
    assert beta.paragraphs == ("One.", "Two.")
    assert _decided(beta)[1:] == ("2016-02-23", None, ["Jane Roe", "John Doe"])  # RFC 2822 date, "A; B" authors
    assert beta.source == "example.org"
    assert isinstance(bad, RecordError) and bad.record == 2


def test_single_object_with_html_body():
    (document,) = list(read_file(FORMATS / "single.json"))
    assert document.paragraphs == ("Isi pertama.", "Isi kedua.")
    assert (*_decided(document)[:2], document.source) == ("Satu", "2017-02-17", "Contoh")


def test_news_please_record():
    (document,) = list(read_file(FORMATS / "news_please.json"))
    assert document.paragraphs[0].startswith("Shares of Home Depot fell")  # maintext, not the null "text"
    assert document.source == "reuters.com"
    assert _decided(document) == ("Home Depot shares fall after forecast cut", "2019-11-19", "en", ["Reuters Staff"])


def test_field_map_overrides_defaults():
    options = ReadOptions(field_map=MappingProxyType({"text": "article_body", "title": "headline_text"}))
    (document,) = list(read_file(FORMATS / "custom_fields.jsonl", options))
    assert (document.text, _first(document, "title")) == ("Body here.", "Custom")


def test_truncated_array_yields_good_records_then_error():
    good, error = list(read_file(FORMATS / "truncated_array.json"))
    assert _first(good, "title") == "Judul 1"
    assert isinstance(error, RecordError) and error.record == 1 and "truncated" in error.reason


def test_truncated_gzip_stream(tmp_path):
    lines = "".join(json.dumps({"title": f"T{i}", "text": "x " * 200}) + "\n" for i in range(200))
    data = gzip.compress(lines.encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(data[: len(data) // 2])
    results = list(read_file(path))
    assert isinstance(results[-1], RecordError) and "truncated" in results[-1].reason
    assert all(isinstance(r, RawDocument) for r in results[:-1]) and len(results) > 1


def test_large_jsonl_streams(tmp_path):
    path = tmp_path / "big.jsonl"
    with path.open("w") as handle:
        for i in range(5000):
            handle.write(json.dumps({"title": str(i), "text": "isi berita " * 50}) + "\n")
    reader = read_file(path)
    assert _first(next(reader), "title") == "0"  # lazily produced
    assert sum(1 for _ in reader) == 4999


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.jsonl", b"", "empty"),
        ("blank.json", b"  \n\n", "empty"),
        ("csv.json", (FORMATS / "not_json.json").read_bytes(), "not JSON"),
        ("binary.json", b"\x00\x01\x02{", "binary"),
        ("broken.json", b'{\n "title": "x",\n "text": ', "invalid JSON"),
        ("gz.json.gz", b"\x1f\x8b\x08\x00garbage", "gzip"),
        ("empty_array.json", b"[]", "empty JSON array"),
    ],
)
def test_bad_files_raise_input_error(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        list(read_file(path))


def test_every_date_field_is_reported_and_the_first_readable_one_wins(tmp_path):
    path = tmp_path / "dates.jsonl"
    record = {"text": "Isi berita.", "published": "soon", "date": 1456213770, "created_at": "2016-01-01"}
    path.write_text(json.dumps(record) + "\n")
    (document,) = list(read_file(path))
    assert [(m.value, m.origin) for m in document.values("published")] == [
        ("soon", "json published"), ("1456213770", "json date"), ("2016-01-01", "json created_at")]
    assert _decided(document)[1] == "2016-02-23"  # epoch seconds, after the unreadable "soon"
