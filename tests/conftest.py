"""Shared fixtures: the seed article, its gold, and a fresh archive database on each engine.

``db`` (and ``engine``, ``run`` … built on it) is parametrized over SQLite (a file in tmp_path) and
PostgreSQL (a new database on a server the session starts: ``tests/pg_server.py``), so every test
that uses it runs on both engines. ``db_path``/``sqlite_engine`` are SQLite only, for tests about
the file itself. Without a server the PostgreSQL runs skip with the reason; with
``ARCHIVE_REQUIRE_POSTGRESQL=1`` (set by ``.ci/run``) they fail instead. ``ARCHIVE_TEST_POSTGRESQL``
may name a running server (``postgresql://USER@HOST:PORT/postgres``, a role that may create
databases) instead of starting one.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import signal
from pathlib import Path

import pytest

from tests.pg_server import ExistingServer, ServerUnavailable, TemporaryServer

DATA = Path(__file__).parent / "data"
SEEDS = Path(__file__).parent.parent / "seeds"
SEED_FILE = SEEDS / "000_67065e6da928b94c.txt"


@pytest.fixture(scope="session")
def seed_gold() -> dict:
    return json.loads((DATA / "seed_gold.json").read_text(encoding="utf-8"))


@pytest.fixture
def seed_dir(tmp_path: Path) -> Path:
    """A folder holding a copy of the seed article (tests may modify it)."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    shutil.copy(SEED_FILE, folder / SEED_FILE.name)
    return folder


@pytest.fixture(scope="session")
def pg_server():
    """A PostgreSQL server for the session, or a skip (a failure under ARCHIVE_REQUIRE_POSTGRESQL) saying why not."""
    try:
        if os.environ.get("ARCHIVE_TEST_POSTGRESQL"):
            server = ExistingServer(os.environ["ARCHIVE_TEST_POSTGRESQL"])
        else:
            server = TemporaryServer().start()
    except (ServerUnavailable, OSError) as exc:
        if os.environ.get("ARCHIVE_REQUIRE_POSTGRESQL"):
            pytest.fail(f"PostgreSQL is required (ARCHIVE_REQUIRE_POSTGRESQL) but no server could be started: {exc}")
        pytest.skip(f"no PostgreSQL server could be started: {exc}")
    yield server
    server.stop()


@pytest.fixture
def pg_url(pg_server) -> str:
    """A new, empty PostgreSQL database (dropped afterwards)."""
    url = pg_server.create_database()
    yield url
    pg_server.drop_database(url)


@pytest.fixture(params=["sqlite", "postgresql"])
def db(request, tmp_path: Path) -> str:
    """Where the test's archive lives: a SQLite file, or a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "archive.db")
    return request.getfixturevalue("pg_url")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """A SQLite archive file (for tests about the file itself)."""
    return tmp_path / "archive.db"


@pytest.fixture
def engine(db: str):
    """An archive opened (created) on each engine."""
    from archive.store.database import open_database

    engine = open_database(db)
    yield engine
    engine.dispose()


@pytest.fixture
def sqlite_engine(db_path: Path):
    from archive.store.database import open_database

    engine = open_database(db_path)
    yield engine
    engine.dispose()


@contextlib.contextmanager
def time_limit(seconds: int):
    """Fail the test (instead of hanging the suite) when the block runs longer than ``seconds``."""

    def expired(signum, frame):
        raise TimeoutError(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, expired)
    signal.alarm(seconds)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)
