"""WARC reader: HTML responses become articles; other records are skipped; damage ends the file cleanly."""

import datetime as dt
import io
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.errors import InputError
from archive.normalize.pipeline import normalize
from archive.readers import RawDocument, RecordError, read_file

CORPORA = Path(__file__).parent.parent / "data" / "corpora"
PAGE = (CORPORA / "id-html" / "antara-singlepage.html").read_bytes()
FRENCH = (Path(__file__).parent.parent / "data" / "formats" / "cp1252.html").read_bytes()


def _response(writer, uri, payload, content_type="text/html; charset=utf-8", status="200 OK"):
    headers = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
    return writer.create_warc_record(uri, "response", payload=io.BytesIO(payload), http_headers=headers)


def _warc(gzip: bool) -> bytes:
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzip)
    writer.write_record(writer.create_warc_record("https://a.example/", "request",
                                                  payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")))
    writer.write_record(_response(writer, "https://www.antaranews.com/berita/527615", PAGE))
    writer.write_record(_response(writer, "https://a.example/logo.png", b"\x89PNG\r\n", "image/png"))
    writer.write_record(_response(writer, "https://a.example/gone", b"<html>gone</html>", status="404 Not Found"))
    writer.write_record(_response(writer, "https://fr.example/cafe", FRENCH, "text/html; charset=windows-1252"))
    return buffer.getvalue()


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_html_responses_become_articles(tmp_path, suffix):
    path = tmp_path / f"crawl{suffix}"
    path.write_bytes(_warc(gzip=suffix.endswith(".gz")))
    antara, french = list(read_file(path))
    assert (antara.format, antara.record, antara.url) == ("warc", 1, "https://www.antaranews.com/berita/527615")
    article = normalize(antara, today=dt.date(2026, 11, 26))
    assert (article.title, article.published) == ("29 penerbangan Bandara Internasional Lombok dibatalkan", "2015-11-05")
    assert antara.paragraphs[0].startswith("Mataram, NTB (ANTARA News) - Sebanyak 29 penerbangan")
    assert (french.record, french.url) == (4, "https://fr.example/cafe")
    assert "le gérant du café" in french.text  # decoded with the HTTP charset


@pytest.mark.parametrize("suffix", [".warc", ".warc.gz"])
def test_truncated_warc_yields_good_records_then_error(tmp_path, suffix):
    data = _warc(gzip=suffix.endswith(".gz"))
    path = tmp_path / f"cut{suffix}"
    path.write_bytes(data[: len(data) - 60])  # inside the last record (gzip: inside its member)
    results = list(read_file(path))
    assert isinstance(results[0], RawDocument) and results[0].record == 1
    assert isinstance(results[-1], RecordError) and results[-1].record == 4
    assert "truncated" in results[-1].reason


def test_page_without_text_is_a_record_error(tmp_path):
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=False)
    writer.write_record(_response(writer, "https://a.example/empty", b"<html><body></body></html>"))
    writer.write_record(_response(writer, "https://www.antaranews.com/x", PAGE))
    path = tmp_path / "mixed.warc"
    path.write_bytes(buffer.getvalue())
    error, document = list(read_file(path))
    assert isinstance(error, RecordError) and error.record == 0 and "https://a.example/empty" in error.reason
    assert document.record == 1


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"", "empty"), (b"hello world, not a warc", "not a WARC"), (b"WARC/1.0\r\nWARC-Ty", "WARC")],
)
def test_unreadable_files_raise_input_error(tmp_path, content, reason):
    path = tmp_path / "bad.warc"
    path.write_bytes(content)
    with pytest.raises(InputError, match=reason):
        list(read_file(path))


def test_truncated_before_first_record_gz(tmp_path):
    path = tmp_path / "bad.warc.gz"
    path.write_bytes(_warc(gzip=True)[:30])
    with pytest.raises(InputError):
        list(read_file(path))


def _members(data: bytes) -> list[int]:
    """Offsets where each gzip member (one per record) starts."""
    import zlib

    starts, position = [], 0
    while position < len(data):
        starts.append(position)
        decompressor = zlib.decompressobj(31)
        decompressor.decompress(data[position:])
        position = len(data) - len(decompressor.unused_data)
    return starts


@pytest.mark.parametrize("inside", [0.3, 0.7])
def test_warc_gz_cut_inside_a_later_record_is_reported(tmp_path, inside):
    """A download cut short loses its last records: said, never passed over (issue 14, case 3)."""
    data = _warc(gzip=True)
    last = _members(data)[-1]  # the French page's member
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(data[: last + int((len(data) - last) * inside)])
    results = list(read_file(path))
    assert [type(r) for r in results] == [RawDocument, RecordError]
    assert results[-1].record == 4 and "truncated" in results[-1].reason


@pytest.mark.parametrize("into", [40, 200, 300])
def test_warc_cut_inside_a_record_header_is_reported(tmp_path, into):
    data = _warc(gzip=False)
    last = data.rindex(b"WARC/1.0")
    path = tmp_path / "cut.warc"
    path.write_bytes(data[: last + into])  # the last record's header, partly written
    results = list(read_file(path))
    assert isinstance(results[-1], RecordError) and "truncated" in results[-1].reason


def test_warc_without_html_pages_says_so(tmp_path):
    from archive.errors import NoArticles

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    writer.write_record(_response(writer, "https://a.example/logo.png", b"\x89PNG\r\n", "image/png"))
    writer.write_record(_response(writer, "https://a.example/data.json", b"{}", "application/json"))
    path = tmp_path / "images.warc.gz"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(NoArticles, match="no HTML pages among its 2 WARC records"):
        list(read_file(path))


def test_a_record_over_the_size_limit_is_refused_alone(tmp_path, monkeypatch):
    import archive.readers.warc as warc

    monkeypatch.setattr(warc, "MAX_DOCUMENT_BYTES", len(PAGE) - 1)  # the Antara page is just too big
    path = tmp_path / "crawl.warc"
    path.write_bytes(_warc(gzip=False))
    big, french = list(read_file(path))
    assert isinstance(big, RecordError) and "larger than" in big.reason and "antaranews" in big.reason
    assert isinstance(french, RawDocument) and french.record == 4
