"""Concurrent use: searching while an ingest writes, and two ingests on one database at once.

The database runs in WAL mode, so readers never wait for the writer and never see half a batch:
a loop of real searches and raw reads runs against the archive while a real ``archive ingest``
subprocess fills it, and must see only committed, whole articles (counts never going down), and
never an error. Two ``archive ingest`` processes started together on the same new database over
overlapping folders both succeed (the later writer waits on the busy timeout, the schema is
created once) and the result holds exactly the rows of one clean run: nothing duplicated. On
PostgreSQL the writers really run at once: two processes ingesting the same folder store each
article exactly once (the unique constraints decide; the loser of a race decides its batch again).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
import time

from tests.reliability.conftest import (
    SEEDLIKE_FILES,
    SEEDLIKE_PER_FOLDER,
    assert_consistent,
    run_cli,
    snapshot,
    start_cli,
    wait_for_articles,
)


def test_search_while_ingesting(tmp_path, seedlike_corpus, clean_run):
    db = tmp_path / "live.db"
    process = start_cli(db, "ingest", str(seedlike_corpus), "--batch-size", "50")
    wait_for_articles(db, process, at_least=1)
    seen, searches, last = [], 0, 0
    while process.poll() is None:
        hits = run_cli(db, "search", "Almaty", "--json", "--limit", "5")
        assert hits.exit_code == 0, hits.output
        assert json.loads(hits.stdout)
        searches += 1
        with contextlib.closing(sqlite3.connect(f"file:{db}?mode=ro", uri=True)) as reader:
            reader.execute("BEGIN")  # one snapshot for both counts
            articles = reader.execute("SELECT count(*) FROM articles").fetchone()[0]
            without = reader.execute(
                "SELECT count(*) FROM articles a WHERE NOT EXISTS (SELECT 1 FROM paragraphs p WHERE p.article_id = a.id)"
            ).fetchone()[0]
            reader.execute("COMMIT")
        assert without == 0  # never half an article
        assert articles >= last  # committed rows never disappear
        last = articles
        seen.append(articles)
        time.sleep(0.05)
    out, err = process.communicate()
    assert process.returncode == 0, err
    assert searches >= 3 and len(set(seen)) >= 2, seen  # it really overlapped with the writes
    assert snapshot(db)["articles"] == clean_run["articles"]


def _summaries(processes) -> list[dict]:
    """The ``--json`` summaries of ingests running at once, each having succeeded without a traceback."""
    summaries = []
    for process in processes:
        out, err = process.communicate(timeout=600)
        assert process.returncode == 0, err
        assert "Traceback" not in err
        summaries.append(json.loads(out))
    return summaries


def test_two_ingests_at_once_on_the_same_new_database(tmp_path, seedlike_corpus, clean_run):
    db = tmp_path / "shared.db"
    folders = sorted(p for p in seedlike_corpus.iterdir() if p.is_dir())
    assert len(folders) == SEEDLIKE_FILES // SEEDLIKE_PER_FOLDER
    middle = len(folders) // 2
    first = [str(p) for p in folders[: middle + 1]]  # the two overlap by one folder or more
    second = [str(p) for p in folders[max(middle - 1, 0):]]
    summaries = _summaries([start_cli(db, "ingest", *paths, "--batch-size", "50", "--json") for paths in (first, second)])
    assert sum(s["added"] for s in summaries) == SEEDLIKE_FILES
    assert sum(s["added"] + s["unchanged"] for s in summaries) == sum(s["files"] for s in summaries)
    assert snapshot(db) == {k: v for k, v in clean_run.items() if k in ("articles", "counts")}
    assert_consistent(db)


def _open_and_close(db: str, results) -> None:
    from archive.store.database import open_database

    try:
        open_database(db).dispose()
        results.put(None)
    except Exception as exc:  # reported to the parent, which fails the test with it
        results.put(f"{type(exc).__name__}: {exc}")


def test_processes_creating_the_same_new_database_at_once(tmp_path):
    """Regression: a deferred BEGIN around the migrations made all but one fail with "database is locked"."""
    import multiprocessing

    import archive.store.database  # noqa: F401  (imported before forking, so the children start at once)

    context = multiprocessing.get_context("fork")
    for round_ in range(5):
        db = str(tmp_path / f"new{round_}.db")
        results = context.Queue()
        children = [context.Process(target=_open_and_close, args=(db, results)) for _ in range(4)]
        for child in children:
            child.start()
        for child in children:
            child.join(60)
        errors = [e for e in (results.get(timeout=10) for _ in children) if e]
        assert errors == []
        assert_consistent(tmp_path / f"new{round_}.db")


def test_two_ingests_of_one_folder_at_once_on_postgresql_store_each_article_once(pg_url, seedlike_corpus, clean_run):
    summaries = _summaries([start_cli(pg_url, "ingest", str(seedlike_corpus), "--batch-size", "50", "--json") for _ in range(2)])
    assert sum(s["added"] for s in summaries) == SEEDLIKE_FILES
    assert all(s["added"] + s["unchanged"] == s["files"] == SEEDLIKE_FILES for s in summaries)
    assert all(s["failed"] == [] for s in summaries)
    assert snapshot(pg_url) == {"articles": sorted(clean_run["articles"]), "counts": clean_run["counts"]}
    checked = run_cli(pg_url, "check", "--json")
    assert checked.exit_code == 0, checked.output
