"""Shared helpers for the reliability tests: the real ``archive`` command, corpora, database snapshots.

Everything here drives the real system: the ``archive`` console script (in-process through
``CliRunner`` or as a subprocess) on real SQLite files in ``tmp_path``. Corpora are generated, not
committed: a bad-input corpus and a corpus of a few thousand seed-like articles.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli.app import app

SEED_FILE = Path(__file__).resolve().parents[2] / "seeds" / "000_67065e6da928b94c.txt"

# Tables whose rows an ingest writes; compared between a clean run and an interrupted + resumed one
# (the optional ones only where this version of the schema has them).
COUNTED = ("articles", "paragraphs", "quotes", "entities", "entity_aliases", "entity_mentions")
OPTIONAL_COUNTED = ("duplicate_sources", "article_links", "article_fingerprints")

# Seed-like corpus size: "a few thousand" files; large enough that an ingest runs for seconds.
SEEDLIKE_FILES = int(os.environ.get("RELIABILITY_CORPUS_FILES", "2000"))
SEEDLIKE_PER_FOLDER = 250


def archive_command() -> list[str]:
    """The installed ``archive`` console script (falls back to importing its entry point)."""
    script = Path(sys.executable).with_name("archive")
    if script.exists():
        return [str(script)]
    found = shutil.which("archive")
    return [found] if found else [sys.executable, "-c", "from archive.cli.app import main; main()"]


def run_cli(db: Path, *args: str):
    """``archive --db DB ARGS...`` in-process; the result has ``exit_code``, ``stdout``, ``stderr``."""
    return CliRunner().invoke(app, ["--db", str(db), *args])


def run_process(db: Path, *args: str, timeout: float = 600) -> subprocess.CompletedProcess:
    """``archive --db DB ARGS...`` as a real process, waited for (``returncode``, ``stdout``, ``stderr``)."""
    process = start_cli(db, *args)
    out, err = process.communicate(timeout=timeout)
    return subprocess.CompletedProcess(process.args, process.returncode, out, err)


def start_cli(db: Path, *args: str, **kwargs) -> subprocess.Popen:
    """``archive --db DB ARGS...`` as a real process in its own process group (so a test can signal it
    like a terminal does: the command and its worker processes together)."""
    env = {**os.environ, "COLUMNS": "200"}
    env.pop("ARCHIVE_DEBUG", None)
    return subprocess.Popen(
        [*archive_command(), "--db", str(db), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        start_new_session=True,
        **kwargs,
    )


@contextlib.contextmanager
def connect(db: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection (no archive code involved) for looking at the result; closed after."""
    connection = sqlite3.connect(db, timeout=30)
    try:
        connection.execute("PRAGMA busy_timeout = 30000")
        yield connection
    finally:
        connection.close()


def table_exists(connection: sqlite3.Connection, name: str) -> bool:
    return connection.execute("SELECT 1 FROM sqlite_master WHERE name = ?", (name,)).fetchone() is not None


def snapshot(db: Path | str) -> dict:
    """What an ingest produced, independent of row ids: articles by source and hash, row counts.

    ``db`` is a SQLite file, or a database URL (read through SQLAlchemy, no archive code involved).
    """
    if "://" in str(db):
        return _server_snapshot(str(db))
    with connect(db) as connection:
        if not table_exists(connection, "articles"):
            return {"articles": [], "counts": {t: 0 for t in COUNTED}}
        rows = connection.execute("SELECT source_path, record, content_hash FROM articles ORDER BY 1, 2").fetchall()
        tables = [*COUNTED, *(t for t in OPTIONAL_COUNTED if table_exists(connection, t))]
        counts = {t: connection.execute(f"SELECT count(*) FROM {t}").fetchone()[0] for t in tables}
    return {"articles": rows, "counts": counts}


def _server_snapshot(url: str) -> dict:
    import sqlalchemy as sa

    engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.connect() as connection:
            rows = sorted(tuple(r) for r in connection.exec_driver_sql("SELECT source_path, record, content_hash FROM articles"))
            counts = {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one() for t in (*COUNTED, *OPTIONAL_COUNTED)}
    finally:
        engine.dispose()
    return {"articles": rows, "counts": counts}


def count_articles(db: Path) -> int:
    """Committed articles, read without waiting on a writer (WAL); 0 before the schema exists."""
    try:
        connection = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
    except sqlite3.Error:
        return 0
    try:
        return connection.execute("SELECT count(*) FROM articles").fetchone()[0]
    except sqlite3.Error:
        return 0
    finally:
        connection.close()


def assert_consistent(db: Path) -> None:
    """Nothing partial: SQLite and FTS5 integrity, every article whole, no orphans, ``archive check`` clean."""
    with connect(db) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
        assert connection.execute("PRAGMA foreign_key_check").fetchall() == []
        schema = table_exists(connection, "articles")  # a crash before the schema was created leaves none
    if schema:
        _assert_articles_whole(db)
    result = run_cli(db, "check")
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout


def _assert_articles_whole(db: Path) -> None:
    with connect(db) as connection:
        # Every article has its paragraphs, numbered 0..n-1 without gaps.
        broken = connection.execute(
            "SELECT a.id FROM articles a LEFT JOIN paragraphs p ON p.article_id = a.id "
            "GROUP BY a.id HAVING count(p.id) = 0 OR max(p.position) != count(p.id) - 1 OR min(p.position) != 0"
        ).fetchall()
        assert broken == [], f"articles without all their paragraphs: {broken[:10]}"
        # Every quote points at its text inside its paragraph.
        bad_quotes = connection.execute(
            "SELECT q.id FROM quotes q JOIN paragraphs p ON p.id = q.paragraph_id "
            "WHERE substr(p.text, q.start + 1, q.end - q.start) != q.text OR p.article_id != q.article_id"
        ).fetchall()
        assert bad_quotes == []


def assert_one_line_error(stderr: str, *needles: str) -> None:
    """A failure is reported as exactly one line on stderr, never a traceback."""
    assert "Traceback" not in stderr, stderr
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    for needle in needles:
        assert needle in lines[0], stderr


def _seedlike_text(lines: list[str], index: int) -> str:
    """One article shaped like the seed: title, furniture, dateline, quotes, related link, editor."""
    body = lines[6:16]  # rotating: some with quotes and speakers, some without
    picked = [body[index % len(body)]]
    return "\n".join([
        f"{lines[0]} ({index})",
        *lines[1:5],
        lines[5],
        f"Laporan nomor {index} dari Almaty menyebutkan situasi berangsur pulih.",
        *picked,
        lines[16],
        lines[28],
    ]) + "\n"


def make_seedlike_corpus(folder: Path, files: int = SEEDLIKE_FILES) -> Path:
    """``files`` distinct seed-like articles in sub-folders of ``SEEDLIKE_PER_FOLDER``."""
    lines = SEED_FILE.read_text(encoding="utf-8").split("\n")
    for index in range(files):
        sub = folder / f"{index // SEEDLIKE_PER_FOLDER:02d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"{index:05d}.txt").write_text(_seedlike_text(lines, index), encoding="utf-8")
    return folder


@pytest.fixture(scope="session")
def seedlike_corpus(tmp_path_factory) -> Path:
    return make_seedlike_corpus(tmp_path_factory.mktemp("seedlike") / "corpus")


@pytest.fixture(scope="session")
def clean_run(seedlike_corpus, tmp_path_factory) -> dict:
    """The reference: one uninterrupted ``archive ingest`` of the seed-like corpus."""
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    started = time.monotonic()
    process = start_cli(db, "ingest", str(seedlike_corpus))
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    result = snapshot(db)
    assert len(result["articles"]) == SEEDLIKE_FILES
    result["seconds"] = time.monotonic() - started
    result["db"] = db
    return result


def wait_for_articles(db: Path, process: subprocess.Popen, at_least: int = 1, timeout: float = 120) -> int:
    """Poll (read-only) until ``at_least`` articles are committed; the count seen."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        seen = count_articles(db)
        if seen >= at_least:
            return seen
        if process.poll() is not None:
            return seen
        time.sleep(0.02)
    raise AssertionError(f"no {at_least} articles committed within {timeout} s")


@pytest.fixture
def seeded(tmp_path) -> Path:
    """An archive holding the seed article, ingested by the real command."""
    folder = tmp_path / "seed"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder)
    db = tmp_path / "archive.db"
    assert run_cli(db, "ingest", str(folder)).exit_code == 0
    return db
