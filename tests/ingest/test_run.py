"""Ingest end to end on real files: idempotent, replaces changed files atomically, reports bad ones."""

import gc

import pytest
import sqlalchemy as sa

from archive.ingest import IngestOptions, ingest
from archive.ingest import run as run_module
from archive.query.search import SearchOptions, search
from archive.store.check import check
from archive.store.writer import ArticleWriter


def _counts(engine) -> dict[str, int]:
    with engine.connect() as connection:
        return {
            t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
            for t in ("articles", "paragraphs", "quotes", "entities", "entity_mentions")
        }


def test_seed_ingests_once(engine, seed_dir, seed_gold):
    summary = ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    assert summary.counts["added"] == 1 and not summary.failures
    with engine.connect() as connection:
        row = connection.exec_driver_sql("SELECT title, published, dateline, language, editor, related, source FROM articles").one()
        texts = connection.exec_driver_sql("SELECT text FROM paragraphs ORDER BY position").scalars().all()
    assert row.title == seed_gold["title"] and row.published == seed_gold["date"]
    assert (row.dateline, row.language, row.editor, row.source) == ("NUR SULTAN", "id", "esn", "corpus")
    assert texts == seed_gold["paragraphs"]
    before = _counts(engine)
    again = ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    assert again.counts["unchanged"] == 1 and again.counts["added"] == 0
    assert _counts(engine) == before


def test_modified_file_replaces_its_article(engine, seed_dir):
    ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    path = next(seed_dir.iterdir())
    path.write_text(path.read_text(encoding="utf-8") + "\nParagraf baru yang ditambahkan kemudian oleh redaksi.\n", encoding="utf-8")
    summary = ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    assert summary.counts["replaced"] == 1
    counts = _counts(engine)
    assert counts["articles"] == 1 and counts["paragraphs"] == 12
    report = check(engine)
    assert report.ok and not report.problems, report
    hits = search(engine, SearchOptions("redaksi", per_article=100))
    assert [(h["paragraph"], h["snippet"].count("redaksi")) for h in hits] == [(11, 1)]


def test_same_story_in_two_files_is_stored_once(engine, seed_dir):
    path = next(seed_dir.iterdir())
    (seed_dir / "copy.txt").write_bytes(path.read_bytes())
    summary = ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    assert summary.counts["added"] == 1 and summary.counts["duplicate"] == 1
    assert _counts(engine)["articles"] == 1


def test_bad_files_are_reported_and_the_rest_ingested(engine, seed_dir):
    (seed_dir / "empty.txt").write_bytes(b"")
    (seed_dir / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (seed_dir / "furniture.txt").write_text("loading...\nA\nA\n", encoding="utf-8")
    (seed_dir / "notes.docx").write_bytes(b"PK\x03\x04")
    summary = ingest(engine, IngestOptions(paths=(str(seed_dir), str(seed_dir / "missing.txt"))))
    assert summary.counts["added"] == 1
    failed = {path.rsplit("/", 1)[-1]: reason for path, reason in summary.failures}
    assert set(failed) == {"empty.txt", "image.txt", "furniture.txt", "missing.txt"}
    assert "binary" in failed["image.txt"]
    assert [p.rsplit("/", 1)[-1] for p, _ in summary.skipped] == ["notes.docx"]


def test_parallel_ingest_matches_serial(tmp_path, seed_dir):
    from archive.store.database import open_database

    text = next(seed_dir.iterdir()).read_text(encoding="utf-8")
    for i in range(80):
        (seed_dir / f"a{i:03}.txt").write_text(text.replace("Almaty", f"Almaty{i}"), encoding="utf-8")
    results = []
    for workers in (1, 2):
        engine = open_database(tmp_path / f"w{workers}.db")
        summary = ingest(engine, IngestOptions(paths=(str(seed_dir),), workers=workers, batch_size=7))
        with engine.connect() as connection:
            rows = connection.execute(sa.text("SELECT source_path, content_hash FROM articles ORDER BY id")).all()
        results.append((summary.counts, rows))
        engine.dispose()
    assert results[0] == results[1]
    assert results[0][0]["added"] == 81


def test_streamed_jsonl_records_are_normalized_in_parallel_and_bad_lines_reported(tmp_path):
    import json

    from archive.store.database import open_database

    folder = tmp_path / "feed"
    folder.mkdir()
    lines = [
        json.dumps({"title": f"Item {i}", "text": f"Berita nomor {i} tentang banjir di kota {i} yang cukup panjang untuk disimpan."})
        for i in range(150)
    ]
    lines[70] = '{"title": "broken", "text": '
    (folder / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    results = []
    for workers in (1, 2):
        engine = open_database(tmp_path / f"w{workers}.db")
        summary = ingest(engine, IngestOptions(paths=(str(folder),), workers=workers, batch_size=16))
        with engine.connect() as connection:
            records = connection.exec_driver_sql("SELECT record FROM articles ORDER BY id").scalars().all()
        engine.dispose()
        results.append((summary.counts["added"], summary.files, [reason.split(":")[0] for _, reason in summary.failures], records))
    assert results[0] == results[1]
    added, files, reasons, records = results[0]
    assert (added, files, reasons) == (149, 1, ["record 71"])
    assert records == [r for r in range(150) if r != 70]


def test_a_stray_byte_is_replaced_kept_and_reported(engine, tmp_path):
    """UTF-8 with one bad byte stays UTF-8 with its quote (issue 14, case 2); the report says so."""
    folder = tmp_path / "stray"
    folder.mkdir()
    body = "Wali kota mengatakan: “Kami akan membangun jembatan baru di Zürich café tahun depan.”"
    (folder / "a.txt").write_bytes(f"Judul berita\n\n{body}\n".encode() + b"Akhir. \xff\n")
    summary = ingest(engine, IngestOptions(paths=(str(folder),), workers=1))
    assert summary.counts["added"] == 1 and not summary.failures
    assert summary.notes == [(str(folder / "a.txt"), "1 byte that is not UTF-8 replaced with U+FFFD")]
    with engine.connect() as connection:
        texts = connection.exec_driver_sql("SELECT text FROM paragraphs ORDER BY position").scalars().all()
        quotes = connection.exec_driver_sql("SELECT text FROM quotes").scalars().all()
    assert texts == [body, "Akhir. \ufffd"]
    assert quotes == ["Kami akan membangun jembatan baru di Zürich café tahun depan."]


def test_a_warc_without_pages_is_named_in_the_summary(engine, tmp_path):
    """A WARC of images holds no article: skipped with a reason, not passed over (issue 14, case 3)."""
    import io

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    folder = tmp_path / "nothing"
    folder.mkdir()
    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    headers = StatusAndHeaders("200 OK", [("Content-Type", "image/png")], protocol="HTTP/1.1")
    writer.write_record(writer.create_warc_record("https://a.example/x.png", "response", payload=io.BytesIO(b"\x89PNG"), http_headers=headers))
    (folder / "images.warc.gz").write_bytes(buffer.getvalue())
    summary = ingest(engine, IngestOptions(paths=(str(folder),), workers=1))
    assert not summary.failures and summary.files == 1
    assert summary.skipped == [(str(folder / "images.warc.gz"), "no HTML pages among its 1 WARC record")]


def test_progress_moves_file_by_file_before_anything_is_committed(engine, tmp_path):
    """``on_read`` fires as each file is read (issue 15: the bar jumped by --batch-size and sat at 0):
    once per file, multi-record files included, while the first batch is not yet written."""
    from tests.conftest import SEED_FILE

    folder = tmp_path / "many"
    folder.mkdir()
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    for n in range(5):
        (folder / f"{n}.txt").write_text(f"{lines[0]} ({n})\n" + "\n".join(lines[1:]), encoding="utf-8")
    (folder / "records.jsonl").write_text(
        "\n".join(f'{{"title": "Berita {n}", "text": "Isi berita nomor {n} tentang banjir di kota."}}' for n in range(3)),
        encoding="utf-8")
    (folder / "notes.md").write_text("skipped, and still a file read", encoding="utf-8")
    committed_at_each_file = []

    def on_read() -> None:
        with engine.connect() as connection:
            committed_at_each_file.append(connection.exec_driver_sql("SELECT count(*) FROM articles").scalar_one())

    summary = ingest(engine, IngestOptions(paths=(str(folder),), workers=1, batch_size=500), on_read=on_read)
    assert summary.files == 7 and summary.counts["added"] + summary.counts["duplicate"] == 8
    assert committed_at_each_file == [0] * 7


def test_the_collector_is_tuned_while_ingesting_and_put_back_after(engine, seed_dir, monkeypatch):
    """The parent's objects are frozen out of the collector during a run, its thresholds left alone (higher
    ones let the parent's memory grow with the archive), and all is restored after."""
    seen = []
    write = ArticleWriter.write

    def spy(self, batch):
        seen.append((gc.get_threshold(), gc.get_freeze_count()))
        return write(self, batch)

    monkeypatch.setattr(ArticleWriter, "write", spy)
    before = gc.get_threshold(), gc.get_freeze_count()
    summary = ingest(engine, IngestOptions(paths=(str(seed_dir),), workers=1))
    assert summary.counts["added"] == 1
    assert seen and all(thresholds == before[0] and frozen > 0 for thresholds, frozen in seen)
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
    with pytest.raises(RuntimeError), run_module.frozen_objects():
        raise RuntimeError("a failed run")
    assert (gc.get_threshold(), gc.get_freeze_count()) == before
