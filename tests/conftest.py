"""Shared fixtures: the seed article, its gold, and a fresh archive database in tmp_path."""

from __future__ import annotations

import contextlib
import json
import shutil
import signal
from pathlib import Path

import pytest

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


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "archive.db"


@pytest.fixture
def engine(db_path: Path):
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
