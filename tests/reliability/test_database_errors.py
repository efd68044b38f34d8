"""A full disk, a read-only or a locked database: one clear line, exit code 1, nothing corrupted.

Disk full is simulated portably with ``PRAGMA max_page_count`` on the archive's own connections
(SQLite then fails exactly as on a full disk: SQLITE_FULL) and, where this runs as root and may
mount, for real on a tiny tmpfs. Read-only is a chmod for ordinary users; root ignores file
permissions, so there it is simulated with ``PRAGMA query_only`` and, where mounting works, made
real with a read-only bind mount. Locked: another connection holds the write lock while the
archive's busy timeout is lowered from 30 s. In every case the database stays sound and whole, and
running the command again once the cause is gone finishes the job.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import sqlite3
import subprocess
import uuid
from pathlib import Path

import pytest
import sqlalchemy as sa

import archive.store.database as database
from archive.store import sqlite as archive_sqlite
from tests.reliability.conftest import (
    SEED_FILE,
    assert_consistent,
    assert_one_line_error,
    make_seedlike_corpus,
    run_cli,
    run_process,
    snapshot,
)

IS_ROOT = hasattr(os, "geteuid") and os.geteuid() == 0


@pytest.fixture
def corpus(tmp_path) -> Path:
    return make_seedlike_corpus(tmp_path / "corpus", files=120)


def _with_pragma(monkeypatch, *pragmas: str) -> None:
    """Make every connection the archive opens run ``pragmas`` after its own set-up."""
    real = archive_sqlite.make_engine

    def make_engine(path):
        engine = real(path)

        @sa.event.listens_for(engine, "connect")
        def _on_connect(dbapi_connection, _record) -> None:
            for pragma in pragmas:
                dbapi_connection.execute(pragma)

        return engine

    monkeypatch.setattr(archive_sqlite, "make_engine", make_engine)


def _page_count(db: Path) -> int:
    with contextlib.closing(sqlite3.connect(db)) as connection:
        return connection.execute("PRAGMA page_count").fetchone()[0]


def _can_mount() -> bool:
    return IS_ROOT and shutil.which("mount") is not None and shutil.which("umount") is not None


@contextlib.contextmanager
def _mounted(target: Path, *commands: list[str]):
    target.mkdir(parents=True, exist_ok=True)
    for command in commands:
        done = subprocess.run(command, capture_output=True, text=True)
        if done.returncode != 0:
            subprocess.run(["umount", str(target)], capture_output=True)
            pytest.skip(f"cannot mount here: {done.stderr.strip()}")
    try:
        yield target
    finally:
        subprocess.run(["umount", str(target)], check=True)


# -- disk full ---------------------------------------------------------------------------------


def test_disk_full_is_one_line_and_loses_nothing(seeded, corpus, monkeypatch):
    _with_pragma(monkeypatch, f"PRAGMA max_page_count = {_page_count(seeded) + 40}")
    full = run_cli(seeded, "ingest", str(corpus), "--workers", "1", "--batch-size", "10")
    assert full.exit_code == 1, full.output
    assert_one_line_error(full.stderr, "full", "stopped after", "run the same command again")
    kept = snapshot(seeded)
    assert 1 <= len(kept["articles"]) < 121  # the seed, maybe some batches; never all
    # It says how far it got: the articles it reports stored are the ones kept.
    stored = int(re.search(r"stopped after storing ([\d,]+) articles?", full.stderr).group(1).replace(",", ""))
    assert stored == len(kept["articles"]) - 1
    monkeypatch.undo()
    assert_consistent(seeded)
    again = run_cli(seeded, "ingest", str(corpus), "--workers", "1")
    assert again.exit_code == 0, again.output
    assert len(snapshot(seeded)["articles"]) == 121
    assert_consistent(seeded)


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount for a real tiny file system")
def test_real_full_disk_on_a_tiny_tmpfs(tmp_path, corpus):
    with _mounted(tmp_path / "tiny", ["mount", "-t", "tmpfs", "-o", "size=1200k", "tmpfs", str(tmp_path / "tiny")]) as tiny:
        db = tiny / "archive.db"
        # A real process: the mount can only go once every file on it is closed.
        full = run_process(db, "ingest", str(corpus), "--workers", "1", "--batch-size", "10")
        assert full.returncode == 1, full.stdout + full.stderr
        assert_one_line_error(full.stderr, "full")
        kept = snapshot(db)
        assert len(kept["articles"]) < 120
        rescued = tmp_path / "rescued.db"
        with contextlib.closing(sqlite3.connect(db)) as source, contextlib.closing(sqlite3.connect(rescued)) as target:
            source.backup(target)  # move the archive to a disk with room
    assert snapshot(rescued) == kept
    assert_consistent(rescued)
    again = run_cli(rescued, "ingest", str(corpus), "--workers", "1")
    assert again.exit_code == 0, again.output
    assert len(snapshot(rescued)["articles"]) == 120


# -- read-only ---------------------------------------------------------------------------------


def test_read_only_database_refuses_writes_in_one_line_and_still_answers(seeded, corpus, monkeypatch):
    before = snapshot(seeded)
    if IS_ROOT:  # root writes through chmod: make the archive's connections read-only instead
        _with_pragma(monkeypatch, "PRAGMA query_only = ON")
    else:
        for name in (seeded.name, f"{seeded.name}-wal", f"{seeded.name}-shm"):
            if (seeded.parent / name).exists():
                (seeded.parent / name).chmod(0o444)
    try:
        refused = run_cli(seeded, "ingest", str(corpus), "--workers", "1")
        assert refused.exit_code == 1, refused.output
        assert_one_line_error(refused.stderr, "readonly" if IS_ROOT else "read")
        found = run_cli(seeded, "search", "Tokayev", "--json")
        if found.exit_code == 0:
            assert "Tokayev" in found.stdout
        else:  # WAL may need to write NAME-shm even to read; then the one line says so
            assert found.exit_code == 1 and not IS_ROOT
            assert_one_line_error(found.stderr, "read-only")
    finally:
        for path in seeded.parent.iterdir():
            path.chmod(0o644)
    monkeypatch.undo()
    assert snapshot(seeded) == before
    assert_consistent(seeded)


def _answers_queries(db: Path, out: Path) -> None:
    """Everything that only reads works on a read-only archive; what writes says why, in one line."""
    found = run_process(db, "search", "Tokayev", "--json")
    assert found.returncode == 0, found.stderr
    assert [h["article_id"] for h in json.loads(found.stdout)] == [1]
    for args in (("quotes", "--speaker", "putin", "--json"), ("speakers", "--json"), ("entities", "--json"),
                 ("show", "1", "--json"), ("stats", "--json"), ("export", "--out", str(out))):
        result = run_process(db, *args)
        assert result.returncode == 0, (args, result.stderr)
    checked = run_process(db, "check")
    assert checked.returncode == 0 and "ok" in checked.stdout and "read-only" in checked.stdout, checked.stdout
    for args, needle in ((("ingest", str(SEED_FILE)), "read-only"), (("check", "--repair"), "read-only")):
        refused = run_process(db, *args)
        assert refused.returncode == 1, refused.stdout
        assert_one_line_error(refused.stderr, needle)


@pytest.mark.skipif(not _can_mount(), reason="needs root and mount for a read-only bind mount")
@pytest.mark.parametrize("leftover_wal", [False, True])
def test_archive_on_read_only_media_answers_queries(tmp_path, leftover_wal):
    """A published archive on a read-only share or a CD (issue 14, case 9): opened read-only.

    Closed cleanly it has no ``NAME-wal``/``NAME-shm`` and SQLite cannot create them there (it is
    opened ``immutable``); copied while open, it has them (``mode=ro`` reads the log).
    """
    seeded = tmp_path / "media" / "archive.db"
    seeded.parent.mkdir()
    assert run_process(seeded, "ingest", str(SEED_FILE)).returncode == 0
    holder = sqlite3.connect(seeded) if leftover_wal else None
    if holder is not None:  # an open connection keeps the -wal and -shm files beside the database
        holder.execute("PRAGMA wal_autocheckpoint = 0")
        holder.execute("SELECT count(*) FROM articles").fetchone()
    try:
        before = snapshot(seeded)
        files = sorted(p.name for p in seeded.parent.iterdir())
        assert (f"{seeded.name}-wal" in files) == leftover_wal
        view = tmp_path / "read-only"
        with _mounted(view, ["mount", "--bind", str(seeded.parent), str(view)], ["mount", "-o", "remount,ro,bind", str(view)]):
            _answers_queries(view / seeded.name, tmp_path / "out")
        assert sorted(p.name for p in seeded.parent.iterdir()) == files  # nothing written beside it
    finally:
        if holder is not None:
            holder.close()
    assert snapshot(seeded) == before
    assert_consistent(seeded)


def test_read_only_storage_is_opened_read_only(seeded, tmp_path, monkeypatch):
    """Where the archive cannot be written, it opens read-only (``mode=ro``) and never writes."""
    from archive.store import sqlite_files

    before = snapshot(seeded)
    monkeypatch.setattr(sqlite_files, "writable", lambda path: False)
    engine = database.open_database(seeded, create=False)
    try:
        with engine.connect() as connection:
            assert archive_sqlite.is_read_only(connection)
            with pytest.raises(sa.exc.OperationalError, match="readonly"):
                connection.exec_driver_sql("DELETE FROM quotes")
    finally:
        engine.dispose()
    for args in (("search", "Tokayev", "--json"), ("stats", "--json"), ("check", "--json")):
        result = run_cli(seeded, *args)
        assert result.exit_code == 0, (args, result.output)
    assert json.loads(run_cli(seeded, "check", "--json").stdout)["skipped"]
    refused = run_cli(seeded, "ingest", str(SEED_FILE))
    assert refused.exit_code == 1 and "read-only" in refused.stderr
    monkeypatch.undo()
    assert snapshot(seeded) == before


# -- locked ------------------------------------------------------------------------------------


def test_locked_database_is_one_line_after_the_busy_timeout(seeded, corpus, monkeypatch):
    monkeypatch.setattr(archive_sqlite, "BUSY_TIMEOUT_MS", 300)
    before = snapshot(seeded)
    holder = sqlite3.connect(seeded, isolation_level=None)
    try:
        holder.execute("BEGIN IMMEDIATE")  # another writer holds the lock
        holder.execute("INSERT INTO entities(key, name, type) VALUES (?, ?, 'person')", (f"person:{uuid.uuid4()}", "Tentative"))
        locked = run_cli(seeded, "ingest", str(corpus), "--workers", "1")
        assert locked.exit_code == 1, locked.output
        assert_one_line_error(locked.stderr, "locked")
        # Readers are not blocked by a writer (WAL) and never see its uncommitted rows.
        found = run_cli(seeded, "search", "Tokayev", "--json")
        assert found.exit_code == 0 and "Tokayev" in found.stdout
        assert run_cli(seeded, "entities", "--name", "Tentative", "--json").stdout.strip() in ("[]", "[\n]")
    finally:
        holder.execute("ROLLBACK")
        holder.close()
    assert snapshot(seeded) == before
    monkeypatch.undo()
    again = run_cli(seeded, "ingest", str(corpus), "--workers", "1")
    assert again.exit_code == 0, again.output
    assert len(snapshot(seeded)["articles"]) == 121
    assert_consistent(seeded)


# -- not an archive ------------------------------------------------------------------------------


def _bytes_beside(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.parent.iterdir()) if p.name.startswith(path.name)}


@pytest.mark.parametrize("command", [("search", "x"), ("stats",), ("check",), ("quotes",), ("export", "--out", "out"), ("ingest", "in")])
def test_another_sqlite_database_is_refused_untouched(tmp_path, command):
    """``--db`` pointing at some other program's SQLite file (issue 14, case 8): no command adds the
    archive's tables to it, switches it to WAL or leaves -wal/-shm beside it."""
    other = tmp_path / "other.db"
    with contextlib.closing(sqlite3.connect(other)) as connection:
        connection.execute("CREATE TABLE customers(id INTEGER PRIMARY KEY, name TEXT)")
        connection.execute("INSERT INTO customers(name) VALUES ('Ani')")
        connection.commit()
    (tmp_path / "in").mkdir()
    shutil.copy(SEED_FILE, tmp_path / "in")
    before = _bytes_beside(other)
    args = [str(tmp_path / a) if a in ("out", "in") else a for a in command]
    result = run_cli(other, *args)
    assert result.exit_code == 1, result.output
    assert_one_line_error(result.stderr, "not an archive", "other.db")
    assert _bytes_beside(other) == before


@pytest.mark.parametrize("content", [b"", b"just some notes, not a database\n" * 50])
def test_only_ingest_makes_an_archive_of_an_empty_or_foreign_file(tmp_path, content):
    path = tmp_path / "archive.db"
    path.write_bytes(content)
    for args in (("search", "x"), ("stats",)):
        result = run_cli(path, *args)
        assert result.exit_code == 1, result.output
        assert_one_line_error(result.stderr, "archive")
        assert path.read_bytes() == content and sorted(p.name for p in tmp_path.iterdir()) == ["archive.db"]
    made = run_cli(path, "ingest", str(SEED_FILE))
    if content:  # a text file is nobody's database, but it is not ours to overwrite either
        assert made.exit_code == 1 and path.read_bytes() == content
        assert_one_line_error(made.stderr, "not a SQLite database")
    else:  # an empty file is an empty database: ingest creates the archive in it
        assert made.exit_code == 0, made.output
        assert len(snapshot(path)["articles"]) == 1
