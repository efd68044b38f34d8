"""File names are bytes on POSIX: any of them is ingested, stored losslessly and printed validly.

A name that is not UTF-8 (Latin-1 from an old disk), one with a newline and one with a terminal
escape go through ``ingest`` and every output format (issue 14, case 11): the stored name is text
(undecodable bytes as ``\\xNN``), JSON and CSV parse, and a failure stays on one line.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess

from tests.reliability.conftest import SEED_FILE, archive_command, assert_consistent, connect, run_cli

LATIN1 = b"caf\xe9.txt"
NEWLINE = b"line\nbreak.txt"
ESCAPE = b"red\x1b[31m.txt"


def _corpus(tmp_path):
    folder = os.fsencode(tmp_path / "names")
    os.makedirs(os.path.join(folder, b"sumber-\xe9"))
    seed = SEED_FILE.read_bytes()
    for name, text in ((LATIN1, seed), (os.path.join(b"sumber-\xe9", b"b.txt"), seed.replace(b"Almaty", b"Astana")),
                       (NEWLINE, b""), (ESCAPE, b"")):
        with open(os.path.join(folder, name), "wb") as handle:
            handle.write(text)
    return os.fsdecode(folder)


def _run(db, *args) -> subprocess.CompletedProcess:
    """The real command with bytes out: whatever it prints must be valid UTF-8 by itself."""
    return subprocess.run([*archive_command(), "--db", str(db), *args], capture_output=True, timeout=300)


def test_undecodable_and_control_character_names_in_every_format(tmp_path):
    corpus = _corpus(tmp_path)
    db = tmp_path / "names.db"
    done = _run(db, "ingest", corpus, "--json")
    assert done.returncode == 1, done.stderr  # the two empty files fail
    summary = json.loads(done.stdout.decode("utf-8"))
    assert summary["added"] == 2
    failed = {f["file"]: f["reason"] for f in summary["failed"]}
    assert set(failed) == {f"{corpus}/line\nbreak.txt", f"{corpus}/red\x1b[31m.txt"}

    text = _run(db, "ingest", corpus)  # again, as text: nothing new, one line per failure
    assert text.returncode == 1 and b"0 added" in text.stdout and b"2 unchanged" in text.stdout
    lines = text.stderr.decode("utf-8").splitlines()
    assert lines == [f"  failed {corpus}/line\\nbreak.txt: no article text (empty or only page furniture)",
                     f"  failed {corpus}/red\\x1b[31m.txt: no article text (empty or only page furniture)"]

    with connect(db) as connection:
        stored = dict(connection.execute("SELECT source_path, source FROM articles").fetchall())
    assert stored == {f"{corpus}/caf\\xe9.txt": "names", f"{corpus}/sumber-\\xe9/b.txt": "sumber-\\xe9"}

    shown = _run(db, "show", "1", "--json")
    assert json.loads(shown.stdout.decode("utf-8"))["source_path"] == f"{corpus}/caf\\xe9.txt"
    for fmt in ("--json", "--nl", "--csv"):
        out = _run(db, "search", "Kazakhstan", "--source", "sumber-\\xe9", fmt).stdout.decode("utf-8")
        rows = json.loads(out) if fmt == "--json" else [json.loads(line) for line in out.splitlines()] if fmt == "--nl" \
            else list(csv.DictReader(io.StringIO(out)))
        assert [r["source"] for r in rows] == ["sumber-\\xe9"], fmt
    assert "sumber-\\xe9" in _run(db, "search", "Kazakhstan").stdout.decode("utf-8")
    exported = run_cli(db, "export", "articles", "--format", "jsonl", "--out", str(tmp_path / "out"))
    assert exported.exit_code == 0
    paths = {json.loads(line)["source_path"] for line in (tmp_path / "out" / "articles.jsonl").read_text("utf-8").splitlines()}
    assert paths == set(stored)
    assert_consistent(db)
