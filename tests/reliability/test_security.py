"""Hostile text is data, never SQL or a path: injection attempts, export tables, symlinks, --out.

Every way a user's text reaches the database (a search query, ``--raw`` FTS syntax, ``--speaker``,
``--name``, filters, an ``--map`` field name, and article text, titles and speaker names inside the
files) carries classic SQL injection strings; the archive must treat them literally and leave every
table as it was. ``archive export`` takes only the public table names, so no name can read another
table or write a file outside ``--out``; ``archive ingest`` does not follow a symbolic link out of the
folder it was given unless ``--follow-symlinks``.
"""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from archive.store.schema import PUBLIC_TABLES
from tests.reliability.conftest import SEED_FILE, assert_consistent, assert_one_line_error, connect, run_cli, snapshot

INJECTIONS = ["x' OR '1'='1", '"; DROP TABLE articles; --', "'); DELETE FROM quotes; --", "Putin' --"]
EVIL_KEY = '"; DROP TABLE articles; --'
EVIL_TITLE = "x' OR '1'='1 -- judul"
EVIL_BODY = "Robert O'Neil mengatakan bahwa \"; DROP TABLE articles; -- bukan perintah yang berbahaya di sini."


def _all_rows(db: Path) -> dict:
    with connect(db) as connection:
        tables = [r[0] for r in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE '%fts%' ORDER BY 1")]
        return {t: connection.execute(f'SELECT * FROM "{t}" ORDER BY 1').fetchall() for t in tables}


@pytest.fixture
def archive_db(tmp_path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder)
    (folder / "evil.jsonl").write_text(json.dumps({"title": EVIL_TITLE, EVIL_KEY: EVIL_BODY}) + "\n", encoding="utf-8")
    db = tmp_path / "archive.db"
    result = run_cli(db, "ingest", str(folder), "--map", f"text={EVIL_KEY}", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["added"] == 2
    return db


def test_hostile_text_in_files_is_stored_verbatim(archive_db):
    with connect(archive_db) as connection:
        row = connection.execute("SELECT a.title, p.text FROM articles a JOIN paragraphs p ON p.article_id = a.id WHERE a.format = 'json'").fetchone()
    assert row == (EVIL_TITLE, EVIL_BODY)
    hits = run_cli(archive_db, "search", "DROP TABLE", "--json")
    assert hits.exit_code == 0 and [h["title"] for h in json.loads(hits.stdout)] == [EVIL_TITLE]


@pytest.mark.parametrize("text", INJECTIONS)
def test_injection_strings_in_every_option_change_nothing(archive_db, tmp_path, text):
    before = _all_rows(archive_db)
    commands = [
        ("search", text, "--json"),
        ("search", text, "--raw", "--json"),
        ("search", "Putin", "--source", text, "--json"),
        ("search", "Putin", "--lang", text, "--json"),
        ("search", "Putin", "--entity", text, "--json"),
        ("quotes", text, "--json"),
        ("quotes", "--speaker", text, "--json"),
        ("speakers", "--name", text, "--json"),
        ("entities", "--name", text, "--json"),
        ("export", "quotes", "--speaker", text, "--out", str(tmp_path / "out")),
    ]
    for command in commands:
        result = run_cli(archive_db, *command)
        assert result.exit_code in (0, 2), (command, result.output)  # a result, or a one-line usage error
        assert "Traceback" not in result.output
        if result.exit_code == 2:
            assert_one_line_error(result.stderr)
        elif "--json" in command:
            rows = json.loads(result.stdout)  # search may match the words literally (the hostile title)
            if command[0] in ("speakers", "entities") or "--speaker" in command:
                assert rows == [], (command, rows)  # nobody is called that: no "OR 1=1" widening
    # a quoted speaker name is matched literally: Putin has quotes, "Putin' --" has none
    assert json.loads(run_cli(archive_db, "quotes", "--speaker", "Putin' --", "--json").stdout) == []
    assert len(json.loads(run_cli(archive_db, "quotes", "--speaker", "Putin", "--json").stdout)) == 3
    assert _all_rows(archive_db) == before
    assert_consistent(archive_db)


@pytest.mark.parametrize("table", ["articles; DROP TABLE articles", "sqlite_master", "alembic_version", "paragraphs_fts", "../../evil", "/tmp/evil"])
def test_export_refuses_unknown_tables(archive_db, tmp_path, table):
    before = _all_rows(archive_db)
    out = tmp_path / "out"
    result = run_cli(archive_db, "export", table, "--out", str(out))
    assert result.exit_code == 2, result.output
    assert_one_line_error(result.stderr, "unknown table")
    assert not out.exists() or list(out.iterdir()) == []
    assert _all_rows(archive_db) == before


def test_export_writes_only_inside_out(archive_db, tmp_path):
    def files() -> set[Path]:
        return {p for p in tmp_path.rglob("*") if p.is_file()}

    before = files()
    out = tmp_path / "nested" / "out"
    for fmt in ("csv", "jsonl"):
        result = run_cli(archive_db, "export", "--out", str(out), "--format", fmt)
        assert result.exit_code == 0, result.output
    new = {p for p in files() - before if not p.name.startswith(archive_db.name)}
    assert new and all(out in p.parents for p in new)
    assert {p.name for p in new} == {f"{t}.{f}" for t in PUBLIC_TABLES for f in ("csv", "jsonl")}
    assert EVIL_TITLE in (out / "articles.csv").read_text(encoding="utf-8")  # a cell like any other
    not_a_dir = tmp_path / "file.txt"
    not_a_dir.write_text("x")
    refused = run_cli(archive_db, "export", "--out", str(not_a_dir))
    assert refused.exit_code == 2
    assert_one_line_error(refused.stderr, "not a directory")


def test_symlinks_out_of_the_folder_are_not_followed_unless_asked(tmp_path):
    outside = tmp_path / "private"
    outside.mkdir()
    (outside / "secret.txt").write_text("Rahasia negara\n\nDokumen rahasia ini tidak boleh masuk ke arsip tanpa izin.\n", encoding="utf-8")
    (outside / "deeper").mkdir()
    (outside / "deeper" / "other.txt").write_text("Rahasia kedua\n\nDokumen kedua juga tidak boleh masuk ke arsip tanpa izin.\n", encoding="utf-8")
    folder = tmp_path / "in"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / "seed.txt")
    os.symlink(outside / "secret.txt", folder / "link-out.txt")
    os.symlink(outside / "deeper", folder / "linked-folder")
    os.symlink(folder / "seed.txt", folder / "link-in.txt")  # stays inside: read (a duplicate)

    db = tmp_path / "archive.db"
    result = run_cli(db, "ingest", str(folder), "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["added"] == 1 and summary["duplicate"] == 1
    assert [(Path(s["file"]).name, s["reason"]) for s in summary["skipped"]] == [
        ("link-out.txt", "symbolic link out of the ingested folder (use --follow-symlinks)")
    ]
    with connect(db) as connection:
        assert connection.execute("SELECT count(*) FROM paragraphs WHERE text LIKE '%rahasia%'").fetchone()[0] == 0

    followed = run_cli(db, "ingest", str(folder), "--follow-symlinks", "--json")
    assert followed.exit_code == 0, followed.output
    assert json.loads(followed.stdout)["added"] == 2  # the linked file and the linked folder's file
    assert len(snapshot(db)["articles"]) == 3
