"""A real archive served by the real ``archive serve`` on a free local port, for the web tests.

The archive holds the seed article and the real pages of ``tests/data/corpora`` (Indonesian and
English, several years), so search, facets and the saved queries have something to tell apart.
"""

from __future__ import annotations

import hashlib
import json
import re
import select
import signal
import subprocess
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import DATA, SEEDS
from tests.reliability.conftest import run_cli, start_cli


@dataclass
class Served:
    url: str  # http://127.0.0.1:PORT/archive
    db: Path
    process: subprocess.Popen

    @property
    def root(self) -> str:
        return self.url.rsplit("/", 1)[0]

    def get(self, path: str, **params) -> str:
        """The body of ``GET root + path`` (``params`` as a query string)."""
        query = f"?{urllib.parse.urlencode(params)}" if params else ""
        with urllib.request.urlopen(f"{self.root}{path}{query}", timeout=30) as response:
            return response.read().decode("utf-8")

    def json(self, path: str, **params):
        return json.loads(self.get(path, **params))


def start_server(db: Path, *args: str) -> Served:
    """``archive --db DB serve --port 0``; waits for the line that says where it listens."""
    process = start_cli(db, "serve", "--port", "0", *args)
    ready, _, _ = select.select([process.stdout], [], [], 60)
    line = process.stdout.readline() if ready else ""
    found = re.search(r"http://\S+", line)
    if not found:
        process.kill()
        raise AssertionError(f"archive serve did not start: {line!r} {process.stderr.read()!r}")
    return Served(found.group(0), db, process)


def stop_server(served: Served) -> int:
    """Ctrl-C, as in a terminal; the exit code."""
    served.process.send_signal(signal.SIGINT)
    try:
        return served.process.wait(timeout=30)
    finally:
        if served.process.poll() is None:
            served.process.kill()


def digest(path: Path) -> str:
    """The archive's bytes: the database file and its write-ahead log."""
    wal = path.with_name(path.name + "-wal")
    return hashlib.sha256(path.read_bytes() + (wal.read_bytes() if wal.exists() else b"")).hexdigest()


@pytest.fixture(scope="session")
def web_archive(tmp_path_factory) -> Path:
    """An archive made by ``archive ingest`` (the file is not called archive.db: it is served as ``archive``)."""
    db = tmp_path_factory.mktemp("web") / "news.db"
    result = run_cli(db, "ingest", str(SEEDS), str(DATA / "corpora"), "--exclude", "*.jsonl")
    assert result.exit_code == 0, result.output
    return db


@pytest.fixture(scope="session")
def server(web_archive):
    served = start_server(web_archive)
    yield served
    assert stop_server(served) == 0
