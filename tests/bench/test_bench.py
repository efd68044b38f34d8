"""The benchmark runs end to end on a tiny corpus and writes its JSON (timings are never asserted)."""

import json
import os

import pytest

from bench.corpus import article_text, ensure_corpus
from bench.run import main, render, run


def test_corpus_is_deterministic_and_seed_shaped(tmp_path):
    assert article_text(7) == article_text(7) and article_text(7) != article_text(8)
    text = article_text(3)
    assert "loading..." in text and "\nA\n" in text and text.rstrip().endswith(")")
    root = ensure_corpus(tmp_path / "c", 5)
    assert sorted(p.name for p in root.rglob("*.txt")) == [f"{i:09d}.txt" for i in range(5)]


def test_benchmark_writes_json_with_expected_keys(tmp_path):
    work = tmp_path / "work"
    work.mkdir()
    result, path = run(50, cache=tmp_path / "cache", results=tmp_path / "results", repeat=2, work_dir=work, log=lambda _: None)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(result))
    assert path.name.endswith("-50.json")
    assert saved["workers"] == os.cpu_count()  # --workers 0: one per core, recorded as the count
    for key in ("articles", "machine", "floor", "ingest", "ingest_vs_floor", "reingest", "counts", "search", "quotes", "export"):
        assert key in saved
    assert saved["ingest"]["added"] == 50 and saved["ingest"]["failed"] == 0
    assert saved["reingest"]["unchanged"] == 50
    for key in ("articles_per_s", "peak_rss_mb_process", "peak_pss_mb_tree", "db_mb", "cpu_ms_per_article",
                "parent_cpu_ms_per_article", "worker_cpu_ms_per_article"):
        assert key in saved["ingest"]
    # the writer alone stored every prepared article, as ingest did
    assert saved["writer_only"]["added"] == 50 and {"articles_per_s", "vs_floor", "cpu_ms_per_article"} <= set(saved["writer_only"])
    assert {"common", "rare", "phrase", "prefix", "filter"} <= set(saved["search"]["queries"])
    assert {"median_ms", "p95_ms"} <= set(saved["search"]["archive"]) and "ratio_median" in saved["search"]
    assert {"median_ms", "p95_ms"} <= set(saved["quotes"])
    assert saved["export"]["rows"] == saved["counts"]["paragraphs"] and "rows_per_s" in saved["export"]
    assert "archive ingest" in render(saved)
    # the bulk writer (multi-row inserts, assigned ids) leaves every index consistent
    from archive.store import sqlite
    from archive.store.database import open_database

    engine = open_database(work / "archive.db", create=False)
    with engine.connect() as connection:
        assert sqlite.integrity_problems(connection) == []
        assert connection.exec_driver_sql("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH 'loading'").scalar_one() == 0
    engine.dispose()


def test_writer_only_mode_skips_ingest_and_reuses_the_prepared_articles(tmp_path):
    cache = tmp_path / "cache"
    result, path = run(20, cache=cache, results=tmp_path / "results", only_writer=True, log=lambda _: None)
    assert path.name.endswith("-20-writer-only.json") and "ingest" not in result
    assert result["writer_only"]["added"] == 20 and result["writer_only"]["batches"] == 1
    prepared = sorted(cache.glob("normalized-*"))
    assert len(prepared) == 1 and prepared[0].stat().st_size > 0
    mtime = prepared[0].stat().st_mtime_ns
    run(20, cache=cache, results=tmp_path / "results", only_writer=True, log=lambda _: None)
    assert sorted(cache.glob("normalized-*")) == prepared and prepared[0].stat().st_mtime_ns == mtime
    assert "writer alone" in render(result)


def test_without_the_writer_alone_nothing_is_normalized_ahead(tmp_path):
    cache = tmp_path / "cache"
    result, path = run(20, cache=cache, results=tmp_path / "results", repeat=1, writer=False, with_reingest=False,
                       log=lambda _: None)
    assert path.name.endswith("-20-no-writer-alone.json")
    assert result["writer_only"] is None and result["ingest"]["added"] == 20
    assert not list(cache.glob("normalized-*"))
    shown = render(result)
    assert "archive ingest" in shown and "writer alone" not in shown


def test_writer_only_and_no_writer_alone_are_a_usage_error(capsys):
    with pytest.raises(SystemExit) as stop:
        main(["--writer-only", "--no-writer-alone", "--articles", "10"])
    assert stop.value.code == 2 and "not allowed with" in capsys.readouterr().err


def test_profile_splits_ingest_time_into_stages(tmp_path):
    from bench.profile import STAGES, profile, stage_times

    times = dict(stage_times(profile(30, cache=tmp_path)))
    assert set(times) == {label for label, _, _ in STAGES}
    assert times["normalize, all"] > 0 and times["write (SQLite, FTS5 triggers)"] > 0
    inner = sum(seconds for label, seconds in times.items() if label.startswith("  "))
    assert 0 < inner <= times["normalize, all"] * 1.01  # the stages are parts of normalize


def test_postgresql_benchmark_writes_json_next_to_sqlite(tmp_path, pg_server):
    from bench import postgresql

    result, path = postgresql.run(30, cache=tmp_path / "cache", results=tmp_path / "results", repeat=2,
                                  url=pg_server.url(), concurrent=10, log=lambda _: None)
    saved = json.loads(path.read_text(encoding="utf-8"))
    assert saved == json.loads(json.dumps(result)) and path.name.endswith("-30-postgresql.json")
    assert saved["ingest"]["added"] == 30 and saved["sqlite"]["ingest"]["added"] == 30 and "ingest_vs_sqlite" in saved
    assert saved["counts"]["articles"] == 30 and saved["export"]["rows"] == saved["counts"]["paragraphs"]
    assert {"common", "rare", "phrase", "prefix", "filter"} <= set(saved["search"]["queries"])
    assert saved["search"]["queries"]["common"]["matching_paragraphs"] > 0  # the bare query really ran
    assert {"one_process", "two_processes", "speedup"} <= set(saved["concurrent"])
    assert "ingest PostgreSQL / SQLite" in postgresql.render(saved)
