"""Walking the given paths: regular files only, link loops read once, any file name storable."""

from __future__ import annotations

import os

import pytest

from archive.ingest import IngestOptions, ingest
from archive.ingest.discover import discover, stored_name
from tests.conftest import SEED_FILE, time_limit


def test_a_fifo_is_skipped_not_waited_on(tmp_path, sqlite_engine):
    engine = sqlite_engine
    folder = tmp_path / "d"
    folder.mkdir()
    (folder / "good.txt").write_bytes(SEED_FILE.read_bytes())
    os.mkfifo(folder / "a.txt")  # nobody ever writes to it: reading would block forever
    with time_limit(60):
        found = {os.path.basename(f.path): f for f in discover([folder])}
        summary = ingest(engine, IngestOptions(paths=(str(folder), str(folder / "a.txt")), workers=1))
    assert found["a.txt"].reason == "not a regular file (a named pipe)" and not found["a.txt"].failed
    assert summary.counts["added"] == 1 and not summary.failures
    assert [reason for _, reason in summary.skipped] == ["not a regular file (a named pipe)"] * 2


def test_a_symlink_loop_is_read_once(tmp_path, sqlite_engine):
    engine = sqlite_engine
    folder = tmp_path / "d"
    (folder / "sub").mkdir(parents=True)
    (folder / "sub" / "a.txt").write_bytes(SEED_FILE.read_bytes())
    os.symlink(".", folder / "self")  # a loop: d/self/self/self/...
    os.symlink("..", folder / "sub" / "up")  # and one through the parent
    os.symlink(folder / "sub", folder / "again")  # a second link to a folder already read
    with time_limit(60):
        found = list(discover([folder], follow_symlinks=True))
        summary = ingest(engine, IngestOptions(paths=(str(folder),), follow_symlinks=True, workers=1))
    # Sorted walk: "again" (the link) comes first and reads sub's files; "sub" itself is then known.
    assert [f.path for f in found if f.reason is None] == [str(folder / "again" / "a.txt")]
    loops = [os.path.relpath(f.path, folder) for f in found if f.reason and "already read" in f.reason]
    assert loops == ["self", "sub", "again/up"]
    assert summary.counts == {"added": 1} and not summary.failures


@pytest.mark.parametrize(
    ("name", "stored"),
    [
        (b"berita.txt", "berita.txt"),
        ("日本 é.txt".encode(), "日本 é.txt"),
        (b"caf\xe9.txt", "caf\\xe9.txt"),  # Latin-1: not UTF-8
        (b"a\\b.txt", "a\\\\b.txt"),  # a backslash: doubled, so no escaped name can equal it
        (b"a\\xe9.txt", "a\\\\xe9.txt"),
        (b"line\nbreak.txt", "line\nbreak.txt"),  # valid text, stored as it is (printed escaped)
    ],
)
def test_stored_names_are_text_and_distinct(name, stored):
    assert stored_name(os.fsdecode(name)) == stored
    stored.encode("utf-8")  # storable anywhere


def test_every_name_maps_to_a_different_stored_name():
    names = [b"caf\xe9", b"caf\\xe9", b"caf\\\\xe9", b"caf\xc3\xa9", b"caf\\xc3\\xa9", b"\\", b"\\\\", b"\xff\xfe"]
    assert len({stored_name(os.fsdecode(n)) for n in names}) == len(names)
