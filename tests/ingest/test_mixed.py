"""A folder mixing every format a scraper leaves behind ingests in one command, with correct fields."""

import gzip
import io
import json
import shutil
from pathlib import Path

import pytest
from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from archive.ingest import IngestOptions, ingest
from tests.conftest import DATA, SEED_FILE

CORPUS = DATA / "corpora" / "id-html"
GOLD = {row["file"]: row for row in map(json.loads, (CORPUS / "gold.jsonl").read_text(encoding="utf-8").splitlines())}


def _warc(path: Path, url: str, html: bytes) -> None:
    with open(path, "wb") as handle:
        writer = WARCWriter(handle, gzip=True)
        headers = StatusAndHeaders("200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1")
        writer.write_record(writer.create_warc_record(url, "response", payload=io.BytesIO(html), http_headers=headers))


@pytest.fixture
def mixed_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "mixed"
    (folder / "txt").mkdir(parents=True)
    shutil.copy(SEED_FILE, folder / "txt" / SEED_FILE.name)
    english = (
        "Flood waters recede in Jakarta\n\nBy Maria Santos\n\nJAKARTA (Reuters) - Flood waters receded across the "
        "Indonesian capital on Tuesday, February 23, 2016, officials said. “The worst is over,” Governor Basuki "
        "Tjahaja Purnama told reporters.\n\nResidents returned to clean their homes in the café district.\n"
    )
    (folder / "txt" / "cp1252.txt").write_bytes(english.encode("cp1252"))
    (folder / "html").mkdir()
    shutil.copy(CORPUS / "kompas-singlepage2.html", folder / "html")
    (folder / "json").mkdir()
    (folder / "json" / "news_please.json").write_text(json.dumps({
        "title": "Harga beras naik", "maintext": "JAKARTA - Harga beras naik lagi pekan ini.\nPedagang di pasar mengeluhkan sepinya pembeli, kata Budi.",
        "date_publish": "2016-02-01 10:00:00", "language": "id", "url": "https://berita.example.id/beras", "source_domain": "berita.example.id",
        "authors": ["Siti Aminah"],
    }), encoding="utf-8")
    lines = [json.dumps({"title": f"Item {i}", "text": f"Paragraph number {i} of the feed, long enough to be kept as text.", "published": f"2016-03-0{i}"}) for i in range(1, 4)]
    with gzip.open(folder / "json" / "feed.jsonl.gz", "wt", encoding="utf-8") as handle:
        handle.write("\n".join(lines))
    (folder / "warc").mkdir()
    _warc(folder / "warc" / "crawl.warc.gz", "https://www.antaranews.com/berita/1", (CORPUS / "antara-singlepage2.html").read_bytes())
    return folder


def test_mixed_folder_ingests_every_article_with_its_fields(engine, mixed_folder):
    summary = ingest(engine, IngestOptions(paths=(str(mixed_folder),)))
    assert not summary.failures, summary.failures
    assert summary.counts["added"] == 8
    with engine.connect() as connection:
        rows = {
            Path(r.source_path).name + (f"#{r.record}" if r.record else ""): r
            for r in connection.exec_driver_sql(
                "SELECT source_path, record, format, title, published, language, url, source, authors, dateline FROM articles"
            )
        }
    seed = rows[SEED_FILE.name]
    assert (seed.format, seed.published, seed.language, seed.dateline, seed.source) == ("txt", "2022-01-10", "id", "NUR SULTAN", "txt")
    cp = rows["cp1252.txt"]
    assert (cp.title, cp.published, cp.language, cp.dateline, json.loads(cp.authors)) == (
        "Flood waters recede in Jakarta", "2016-02-23", "en", "JAKARTA", ["Maria Santos"])
    kompas = rows["kompas-singlepage2.html"]
    gold = GOLD["kompas-singlepage2.html"]
    assert kompas.format == "html" and kompas.title == gold["title"] and kompas.published == gold["published"][:10]
    news = rows["news_please.json"]
    assert (news.title, news.published, news.language, news.url, news.source, json.loads(news.authors)) == (
        "Harga beras naik", "2016-02-01", "id", "https://berita.example.id/beras", "berita.example.id", ["Siti Aminah"])
    assert {rows[k].title for k in ("feed.jsonl.gz", "feed.jsonl.gz#1", "feed.jsonl.gz#2")} == {"Item 1", "Item 2", "Item 3"}
    warc = next(r for name, r in rows.items() if name.startswith("crawl.warc.gz"))
    assert warc.format == "warc" and warc.url == "https://www.antaranews.com/berita/1"
    assert warc.title == GOLD["antara-singlepage2.html"]["title"]
    with engine.connect() as connection:
        quotes = connection.exec_driver_sql("SELECT speaker FROM quotes WHERE speaker IS NOT NULL").scalars().all()
    assert "Basuki Tjahaja Purnama" in quotes and "Vladimir Putin" in quotes


def test_same_page_as_html_and_in_a_warc_lands_once(engine, mixed_folder):
    shutil.copy(CORPUS / "antara-singlepage2.html", mixed_folder / "html")
    summary = ingest(engine, IngestOptions(paths=(str(mixed_folder),)))
    assert summary.counts["added"] == 8 and summary.counts["duplicate"] == 1


def test_include_and_exclude_globs(engine, mixed_folder):
    only_json = ingest(engine, IngestOptions(paths=(str(mixed_folder),), include=("*.json", "*.jsonl.gz")))
    assert only_json.counts["added"] == 4 and only_json.files == 2
    no_warc = ingest(engine, IngestOptions(paths=(str(mixed_folder),), exclude=("*.warc.gz",)))
    assert no_warc.counts["added"] == 3 and no_warc.counts["unchanged"] == 4
