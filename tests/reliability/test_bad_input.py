"""Bad input never stops a batch: each bad file is one line (file + reason), good files land whole.

A fixture generates, in ``tmp_path``, a corpus of every kind of bad file a scraper leaves behind
(empty, whitespace, NUL bytes, a PNG named ``.txt``, only page furniture, a title with no body,
truncated and malformed HTML/JSON/JSONL, a JSON bomb nested 100 000 deep, a broken symbolic link,
an unreadable file) next to awkward good ones (cp1252, latin-1, UTF-16 with a BOM, mojibake, a
10 000-paragraph article, JSON lines with one bad line among good ones, a folder named ``x.txt``,
names with spaces and non-ASCII letters). One ``archive ingest`` over it must exit with code 1,
list each failure on one line, store every good file with its text decoded correctly, and leave
nothing partial (every article has all its paragraphs; ``archive check`` is clean).
"""

from __future__ import annotations

import codecs
import contextlib
import dataclasses
import json
import os
import pathlib
import time
from pathlib import Path

import pytest

from tests.reliability.conftest import SEED_FILE, assert_consistent, connect, run_cli

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0

BODY_ID = "Menteri Keuangan Sri Mulyani mengatakan bahwa inflasi tetap terkendali sepanjang tahun ini."
CP1252_TITLE = "Café “Résumé” – 5 € naïve"
CP1252_BODY = "Le président a déclaré à Paris que l’économie française «résiste» – selon les chiffres officiels publiés lundi."
LATIN1_TITLE = "Über die Straßen von München"
LATIN1_BODY = "Die Bürgermeisterin sagte, dass die Straßen in München während des Winters gesperrt bleiben, äußerte sie gegenüber Journalisten."
UTF16_TITLE = "Berita Ünïcode dari Jakarta"
UTF16_BODY = "Menteri mengatakan bahwa harga beras naik 5 persen — lebih tinggi dari perkiraan ekonom."
UTF16_JSON_TITLE = "Berita UTF-16 dalam JSON"
UTF16_JSON_BODY = "Gubernur mengatakan bahwa banjir di Jakarta surut — warga kembali ke rumah."
MOJIBAKE_TITLE = "Café di Jakarta"
MOJIBAKE_BODY = "Pemilik café itu mengatakan bahwa usahanya tutup selama renovasi minggu ini."
ODD_NAME = "berita dengan spasi é ü 日本.txt"
TENK = 10_000

# file name -> what the summary must say about it
FAILS = {
    "empty.txt": "no article text",
    "whitespace.txt": "no article text",
    "nul-bytes.txt": "binary",
    "image.txt": "binary",
    "title-only.txt": "title but no body",
    "truncated-head.html": "no article text",
    "not-html.html": "not an HTML page",
    "not-json.json": "not JSON",
    "truncated.json": "invalid JSON",
    "deep-array.json": "nested too deeply",
    "deep-object.json": "nested too deeply",
    "empty.jsonl": "empty file",
    "garbage.warc": "WARC",
    "broken-link.txt": "broken symbolic link",
    "unreadable.txt": "permission denied",
    "furniture.txt": "",  # fails; its reason is checked in test_furniture_only_reason
}
# multi-record files: good records kept, bad ones reported by record number
PARTIAL = {
    "one-bad-line.jsonl": ("record 2: invalid JSON line", ["Baris pertama yang baik", "Baris ketiga yang baik"]),
    "truncated.jsonl": ("record 3: invalid JSON line", ["Rekaman pertama yang baik", "Rekaman kedua yang baik"]),
    "truncated-array.json": ("record 2: JSON array truncated", ["Elemen pertama yang baik"]),
}


def _record(title: str) -> str:
    return json.dumps({"title": title, "text": f"{title}: {BODY_ID}"}, ensure_ascii=False)


def make_bad_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    w = lambda name, data: (folder / name).write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))  # noqa: E731
    # failures
    w("empty.txt", b"")
    w("whitespace.txt", " \n\t\n   \r\n\u00a0\n")
    w("nul-bytes.txt", b"Judul\x00\n" + b"abc\x00\x01\x02def\n" * 200)
    w("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    w("title-only.txt", "Judul tanpa isi\n\n\n")
    w("furniture.txt", "loading...\nA\nA\nA\nADVERTISEMENT\nSCROLL TO CONTINUE WITH CONTENT\nLihat Juga: Berita lain\n")
    w("truncated-head.html", "<html><head><title>Judul</ti")
    w("not-html.html", "just some words, no markup at all\n")
    w("not-json.json", "title: not json\n")
    w("truncated.json", '{"title": "Judul", "text": "Teks yang terpot')
    w("deep-array.json", "[" * 100_000 + "]" * 100_000)  # ~ quadratic memory in a naive streaming parser
    w("deep-object.json", '{"a":' * 100_000 + "1" + "}" * 100_000)
    w("empty.jsonl", b"")
    w("garbage.warc", "WARC/1.0\r\nWARC-Type: response\r\n")
    os.symlink(folder / "no-such-target.txt", folder / "broken-link.txt")
    w("unreadable.txt", f"Judul\n{BODY_ID}\n")
    if not IS_ROOT:
        (folder / "unreadable.txt").chmod(0)
    # multi-record files with some bad records
    w("one-bad-line.jsonl", "\n".join([_record("Baris pertama yang baik"), '{"title": bad line', _record("Baris ketiga yang baik")]) + "\n")
    w("truncated.jsonl", "\n".join([_record("Rekaman pertama yang baik"), _record("Rekaman kedua yang baik"), '{"title": "Rekaman ketiga", "te']))
    w("truncated-array.json", "[" + _record("Elemen pertama yang baik") + ', {"title": "Elemen ked')
    # good files
    w("cp1252.txt", f"{CP1252_TITLE}\n\n{CP1252_BODY}\n".encode("cp1252"))
    w("latin1.txt", f"{LATIN1_TITLE}\n\n{LATIN1_BODY}\n".encode("latin-1"))
    w("utf16.txt", codecs.BOM_UTF16_LE + f"{UTF16_TITLE}\r\n\r\n{UTF16_BODY}\r\n".encode("utf-16-le"))
    w("utf16.json", json.dumps({"title": UTF16_JSON_TITLE, "text": UTF16_JSON_BODY}, ensure_ascii=False).encode("utf-16"))
    w("mojibake.txt", f"{MOJIBAKE_TITLE}\n\n{MOJIBAKE_BODY}\n".encode("utf-8").decode("cp1252").encode("utf-8"))
    w(ODD_NAME, f"Judul berkas dengan nama aneh\n\n{BODY_ID}\n")
    # "\udc80" alone: a lone surrogate once decoded, which SQLite cannot store as UTF-8
    w("surrogate.jsonl", '{"title": "Emoji rusak \\ud83d", "text": "Teks dengan emoji rusak \\udc80 dari scraper yang ceroboh."}\n')
    w("malformed.html", f"<html><body><div><p>Presiden mengatakan bahwa <b>ekonomi</i> tumbuh</div></p></span><p>{BODY_ID}")
    paragraphs = "\n".join(f"Paragraf nomor {i} dari artikel yang sangat panjang ini mencatat angka {i * 7}." for i in range(TENK))
    w("ten-thousand-paragraphs.txt", f"Artikel dengan sepuluh ribu paragraf\n{paragraphs}\n")
    (folder / "x.txt").mkdir()  # a folder named like a file: walked like any folder
    (folder / "x.txt" / "inside.txt").write_bytes(SEED_FILE.read_bytes())
    return folder


@contextlib.contextmanager
def unreadable_as_root():
    """Root reads a chmod 000 file anyway: make reading ``unreadable.txt`` fail as it does for a user."""
    with pytest.MonkeyPatch.context() as patch:
        if IS_ROOT:
            real = pathlib.Path.read_bytes

            def read_bytes(self):
                if self.name == "unreadable.txt":
                    raise PermissionError(13, "Permission denied", str(self))
                return real(self)

            patch.setattr(pathlib.Path, "read_bytes", read_bytes)
        yield


@pytest.fixture(scope="module")
def ingested_bad(tmp_path_factory):
    """The bad corpus ingested once (table output), and once more into another archive with --json."""
    tmp_path = tmp_path_factory.mktemp("bad")
    corpus = make_bad_corpus(tmp_path / "bad corpus")
    db = tmp_path / "bad.db"
    with unreadable_as_root():
        text = run_cli(db, "ingest", str(corpus), "--workers", "1")
        as_json = run_cli(tmp_path / "bad-json.db", "ingest", str(corpus), "--workers", "1", "--json")
    return db, corpus, text, json.loads(as_json.stdout)


def _articles(db: Path) -> dict[str, dict]:
    with connect(db) as connection:
        rows = connection.execute("SELECT id, source_path, record, title FROM articles").fetchall()
        result = {}
        for article_id, path, record, title in rows:
            texts = [r[0] for r in connection.execute("SELECT text FROM paragraphs WHERE article_id = ? ORDER BY position", (article_id,))]
            result[f"{Path(path).name}#{record}"] = {"title": title, "paragraphs": texts, "path": path}
    return result


def test_each_bad_file_is_one_line_and_the_rest_is_ingested(ingested_bad):
    db, corpus, result, summary = ingested_bad
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    failed_lines = [line.strip() for line in result.stderr.splitlines() if line.strip().startswith("failed ")]
    for name, reason in FAILS.items():
        lines = [line for line in failed_lines if line.startswith(f"failed {corpus / name}:")]
        assert len(lines) == 1, (name, failed_lines)
        assert reason in lines[0], lines[0]
    for name, (reason, _) in PARTIAL.items():
        lines = [line for line in failed_lines if line.startswith(f"failed {corpus / name}:")]
        assert len(lines) == 1 and reason in lines[0], (name, failed_lines)
    assert len(failed_lines) == len(FAILS) + len(PARTIAL)
    # The same in --json, for scripts.
    reported = {Path(f["file"]).name for f in summary["failed"]}
    assert reported == set(FAILS) | set(PARTIAL)
    assert all(f["reason"] and "\n" not in f["reason"] for f in summary["failed"])
    assert summary["added"] == len(_articles(db)) and summary["duplicate"] == 0


def test_good_files_are_decoded_and_stored_whole(ingested_bad):
    db, corpus, *_ = ingested_bad
    articles = _articles(db)
    assert articles["cp1252.txt#0"] == {"title": CP1252_TITLE, "paragraphs": [CP1252_BODY], "path": str(corpus / "cp1252.txt")}
    assert articles["latin1.txt#0"]["title"] == LATIN1_TITLE and articles["latin1.txt#0"]["paragraphs"] == [LATIN1_BODY]
    assert articles["utf16.txt#0"]["title"] == UTF16_TITLE and articles["utf16.txt#0"]["paragraphs"] == [UTF16_BODY]
    assert articles["utf16.json#0"]["title"] == UTF16_JSON_TITLE and articles["utf16.json#0"]["paragraphs"] == [UTF16_JSON_BODY]
    assert articles["mojibake.txt#0"]["title"] == MOJIBAKE_TITLE and articles["mojibake.txt#0"]["paragraphs"] == [MOJIBAKE_BODY]
    assert articles[f"{ODD_NAME}#0"]["path"] == str(corpus / ODD_NAME)
    assert articles[f"{ODD_NAME}#0"]["paragraphs"] == [BODY_ID]
    assert BODY_ID in articles["malformed.html#0"]["paragraphs"]
    assert articles["surrogate.jsonl#0"]["title"] == "Emoji rusak \ufffd"
    assert articles["surrogate.jsonl#0"]["paragraphs"] == ["Teks dengan emoji rusak \ufffd dari scraper yang ceroboh."]
    tenk = articles["ten-thousand-paragraphs.txt#0"]["paragraphs"]
    assert len(tenk) == TENK and tenk[0].startswith("Paragraf nomor 0 ") and tenk[-1].startswith(f"Paragraf nomor {TENK - 1} ")
    assert articles["inside.txt#0"]["path"] == str(corpus / "x.txt" / "inside.txt")
    for name, (_, titles) in PARTIAL.items():
        assert sorted(a["title"] for key, a in articles.items() if key.startswith(f"{name}#")) == sorted(titles)
    for name in FAILS:
        assert not any(key.startswith(f"{name}#") for key in articles), name


def test_nothing_partial_after_a_bad_batch(ingested_bad):
    db, corpus, *_ = ingested_bad
    assert_consistent(db)
    # Searching the survivors works, including text from a re-decoded file.
    found = run_cli(db, "search", "économie", "--json")
    assert found.exit_code == 0, found.output
    assert any("économie" in hit["text"] for hit in json.loads(found.stdout))


def test_ingesting_the_bad_corpus_again_changes_nothing(ingested_bad):
    db, corpus, *_ = ingested_bad
    before = _articles(db)
    with unreadable_as_root():
        again = run_cli(db, "ingest", str(corpus), "--workers", "1", "--json")
    assert again.exit_code == 1
    assert json.loads(again.stdout)["added"] == 0
    assert _articles(db) == before


def test_furniture_only_reason(ingested_bad):
    db, corpus, result, *_ = ingested_bad
    line = next(line for line in result.stderr.splitlines() if f"{corpus / 'furniture.txt'}:" in line)
    assert "only page furniture" in line


def test_fifty_megabyte_single_line_file(tmp_path):
    """50 MB without a newline: over the size limit, so it fails with one line, fast."""
    corpus = tmp_path / "big"
    corpus.mkdir()
    words = b"pemerintah mengatakan bahwa ekonomi tumbuh dengan baik menurut data resmi yang dirilis Jakarta "
    (corpus / "one-line.txt").write_bytes((words * (50_000_000 // len(words) + 1))[:50_000_000])
    (corpus / "good.txt").write_bytes(SEED_FILE.read_bytes())
    db = tmp_path / "big.db"
    started = time.monotonic()
    result = run_cli(db, "ingest", str(corpus), "--workers", "1", "--json")
    assert time.monotonic() - started < 20
    assert result.exit_code == 1, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 1
    assert [(Path(f["file"]).name, f["reason"]) for f in summary["failed"]] == [
        ("one-line.txt", "file larger than 20 MB: more than any news article needs")
    ]
    assert_consistent(db)


def test_one_unstorable_article_costs_only_itself(tmp_path):
    from archive.normalize.pipeline import normalize
    from archive.readers.base import RawDocument
    from archive.store.database import open_database
    from archive.store.writer import ADDED, FAILED, ArticleWriter
    from archive.store.records import from_article

    good = normalize(RawDocument("/x/good.txt", f"Judul baik\n\n{BODY_ID}\n", "txt"))
    cleaned = normalize(RawDocument("/x/bad.txt", "Judul rusak\n\nTeks dengan surrogate \udc80 tunggal yang tidak bisa disimpan.\n", "txt"))
    assert "\ufffd" in cleaned.paragraphs[0]  # the normalizer replaces lone surrogates...
    # ...but an article built by other code may still carry one: it must cost only itself.
    bad = dataclasses.replace(cleaned, paragraphs=["Teks dengan surrogate \udc80 tunggal."], content_hash="bad")
    engine = open_database(tmp_path / "w.db")
    try:
        outcomes = ArticleWriter(engine).write([from_article(good), from_article(bad)])
        assert [o.status for o in outcomes] == [ADDED, FAILED]
    finally:
        engine.dispose()
