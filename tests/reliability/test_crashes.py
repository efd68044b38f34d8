"""Crashes lose nothing: Ctrl-C and ``kill -9`` in the middle of ``archive ingest``.

A real ``archive ingest`` subprocess over a few thousand generated seed-like files is interrupted
while it writes. Ctrl-C (SIGINT to the process group, as a terminal sends it) must end with exit
code 130 and one clean line on stderr; ``kill -9`` of the command and its workers at a random moment
must leave a database that passes ``PRAGMA integrity_check`` and the FTS5 checks of
``archive check``. Either way the committed articles are kept whole (never half an article) and
running the same ingest again ends with exactly the rows of an uninterrupted run: none lost, none
duplicated.

``KILL_LOOPS=N`` repeats the kill -9 test N times (default 1, for CI); ``KILL_SEED`` fixes the
random moments.
"""

from __future__ import annotations

import os
import random
import signal
import time

import pytest

from tests.reliability.conftest import (
    assert_consistent,
    assert_one_line_error,
    count_articles,
    snapshot,
    start_cli,
    wait_for_articles,
)

KILL_LOOPS = int(os.environ.get("KILL_LOOPS", "1"))
KILL_SEED = int(os.environ.get("KILL_SEED", str(random.randrange(1 << 30))))


def _resume_and_compare(db, corpus, clean_run) -> None:
    process = start_cli(db, "ingest", str(corpus), "--json")
    out, err = process.communicate(timeout=600)
    assert process.returncode == 0, err
    assert "Traceback" not in err
    assert_consistent(db)
    after = snapshot(db)
    assert after["articles"] == clean_run["articles"]  # none lost, none duplicated
    assert after["counts"] == clean_run["counts"]


def test_ctrl_c_mid_ingest_keeps_committed_articles_and_resumes(tmp_path, seedlike_corpus, clean_run):
    db = tmp_path / "interrupted.db"
    process = start_cli(db, "ingest", str(seedlike_corpus), "--batch-size", "50")
    # Interrupt once a few batches are committed, well before the end.
    seen = wait_for_articles(db, process, at_least=150)
    assert process.poll() is None, "the ingest finished before it could be interrupted"
    os.killpg(process.pid, signal.SIGINT)  # what Ctrl-C in a terminal does
    out, err = process.communicate(timeout=120)
    assert process.returncode == 130, err
    assert_one_line_error(err, "interrupted")
    kept = snapshot(db)
    assert seen <= len(kept["articles"]) < len(clean_run["articles"])
    # Whatever was committed is whole and is exactly what a clean run stored for those files.
    assert set(kept["articles"]) <= set(clean_run["articles"])
    assert_consistent(db)
    _resume_and_compare(db, seedlike_corpus, clean_run)


@pytest.mark.parametrize("loop", range(KILL_LOOPS))
def test_kill_9_at_a_random_moment_loses_nothing(tmp_path, seedlike_corpus, clean_run, loop):
    rng = random.Random(KILL_SEED + loop)
    db = tmp_path / "killed.db"
    batch = str(rng.choice([1, 7, 50, 500]))
    process = start_cli(db, "ingest", str(seedlike_corpus), "--batch-size", batch)
    # A random moment from start-up (imports, creating the schema) to the end of the run.
    moment = rng.uniform(0, clean_run["seconds"] * 1.1)
    time.sleep(moment)
    killed = process.poll() is None
    if killed:
        os.killpg(process.pid, signal.SIGKILL)  # the command and its worker processes, no cleanup
    process.communicate(timeout=60)
    print(f"seed={KILL_SEED + loop} batch={batch} moment={moment:.2f}s killed={killed} kept={count_articles(db)}")
    if db.exists():
        assert_consistent(db)
        assert set(snapshot(db)["articles"]) <= set(clean_run["articles"])
    _resume_and_compare(db, seedlike_corpus, clean_run)


@pytest.mark.parametrize("delay", [0.25, 0.5])
def test_ctrl_c_during_start_up_is_not_a_traceback(tmp_path, delay):
    """Ctrl-C while the command is still importing its libraries or creating the schema. (Not
    earlier: in the first tens of milliseconds Python itself is starting — site, the editable
    install's import hook — and its own KeyboardInterrupt traceback is out of the command's reach;
    on a loaded machine that window stretches past 0.05 s.)"""
    db = tmp_path / "early.db"
    process = start_cli(db, "ingest", str(tmp_path))
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=60)
    assert process.returncode in (0, 130), err
    assert "Traceback" not in err and len([line for line in err.splitlines() if line.strip()]) <= 1, err
    if db.exists():
        assert_consistent(db)


@pytest.fixture(scope="module")
def small_corpus(tmp_path_factory):
    from tests.reliability.conftest import make_seedlike_corpus

    return make_seedlike_corpus(tmp_path_factory.mktemp("warm-up") / "corpus", files=100)


@pytest.mark.parametrize("delay", [0.9, 1.4, 2.0])
def test_ctrl_c_while_the_workers_warm_up_is_one_line(tmp_path, small_corpus, delay):
    """Ctrl-C while the worker processes still load the normalizer's data (issue 14, case 12):
    the forkserver and the workers ignore it; the command says "interrupted" once."""
    db = tmp_path / "warm.db"
    process = start_cli(db, "ingest", str(small_corpus), "--workers", "2")
    time.sleep(delay)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGINT)
    out, err = process.communicate(timeout=120)
    assert process.returncode in (0, 130), err
    assert "Traceback" not in err and "KeyboardInterrupt" not in err, err
    assert len([line for line in err.splitlines() if line.strip()]) <= 1, err
    if db.exists():
        assert_consistent(db)
