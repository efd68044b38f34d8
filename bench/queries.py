"""What the bench times once an archive is built: searches against the engine's bare ranked query,
``quotes --speaker``, the paragraphs export, and the archive's row counts (on either engine)."""

from __future__ import annotations

import contextlib
import dataclasses
import sqlite3
import statistics
import tempfile
import time
from pathlib import Path

# (label, query, filters): common word, rare word, phrase, prefix, and a word with a language filter
QUERIES = [
    ("common", "pemerintah", {}),
    ("rare", "zeppelin", {}),
    ("phrase", '"harga kebutuhan pokok"', {}),
    ("prefix", "infrastruk*", {}),
    ("filter", "government", {"language": "en"}),
]
_BARE = "SELECT rowid, rank FROM paragraphs_fts WHERE paragraphs_fts MATCH ? ORDER BY rank LIMIT 20"
_BARE_FILTERED = (
    "SELECT f.rowid, f.rank FROM paragraphs_fts f JOIN paragraphs p ON p.id = f.rowid JOIN articles a ON a.id = p.article_id "
    "WHERE paragraphs_fts MATCH ? AND a.language = ? ORDER BY f.rank LIMIT 20"
)
SPEAKERS = ["Putin", "joko widodo", "Kassym-Jomart Tokayev"]


def _timed(function, repeat: int) -> list[float]:
    function()  # warm the page cache and statement cache
    out = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        out.append((time.perf_counter() - start) * 1000)
    return out


def _summary(times: list[float]) -> dict:
    ordered = sorted(times)
    p95 = ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]
    return {"median_ms": round(statistics.median(ordered), 2), "p95_ms": round(p95, 2)}


def _search_options(query: str, filters: dict):
    from archive.query.search import SearchOptions

    known = {f.name for f in dataclasses.fields(SearchOptions)}
    return SearchOptions(query=query, limit=20, **{k: v for k, v in filters.items() if k in known})


def _match(query: str, engine_name: str = "sqlite") -> str:
    """The query string ``archive`` builds for ``query`` on an engine (for the bare query it is compared with)."""
    from archive.query.search import match_string
    from archive.store.backend import named

    return match_string(_search_options(query, {}), named(engine_name).search)


@contextlib.contextmanager
def sqlite_bare_queries(db: Path):
    """``(run(match, language), count(match))``: the bare FTS5 query, on a plain sqlite3 connection."""
    bare = sqlite3.connect(db)

    def run_bare(match: str, language: str | None):
        if language:
            return bare.execute(_BARE_FILTERED, (match, language)).fetchall()
        return bare.execute(_BARE, (match,)).fetchall()

    def count(match: str) -> int:
        return bare.execute("SELECT count(*) FROM paragraphs_fts WHERE paragraphs_fts MATCH ?", (match,)).fetchone()[0]

    try:
        yield run_bare, count
    finally:
        bare.close()


def searches(db: Path | str, repeat: int, bare_queries=sqlite_bare_queries) -> dict:
    """``archive``'s search against the engine's bare ranked query (``bare_queries``) on the same database."""
    from archive.query.search import search
    from archive.store.backend import of
    from archive.store.database import open_database

    engine = open_database(db, create=False)
    with bare_queries(db) as (run_bare, count):
        out = _compare_searches(engine, search, run_bare, count, of(engine).name, repeat)
    engine.dispose()
    return out


def _compare_searches(engine, search, run_bare, count, engine_name: str, repeat: int) -> dict:
    out: dict = {"queries": {}}
    archive_all, bare_all = [], []
    for label, query, filters in QUERIES:
        match, options = _match(query, engine_name), _search_options(query, filters)
        archive_times = _timed(lambda: search(engine, options), repeat)
        bare_times = _timed(lambda: run_bare(match, filters.get("language")), repeat)
        hits = len(search(engine, options))
        matches = count(match)
        archive_all += archive_times
        bare_all += bare_times
        a, b = _summary(archive_times), _summary(bare_times)
        out["queries"][label] = {"query": query, "filters": filters, "match": match, "matching_paragraphs": matches,
                                 "hits": hits, "archive": a, "bare": b,
                                 "ratio_median": round(a["median_ms"] / max(b["median_ms"], 1e-3), 2)}
    out["archive"], out["bare"] = _summary(archive_all), _summary(bare_all)
    out["ratio_median"] = round(statistics.median(archive_all) / max(statistics.median(bare_all), 1e-3), 2)
    out["ratio_total"] = round(sum(archive_all) / max(sum(bare_all), 1e-3), 2)
    return out


def quotes_by_speaker(db: Path, repeat: int) -> dict:
    from archive.query.quotes import QuoteQuery, find_quotes
    from archive.store.database import open_database

    engine = open_database(db, create=False)
    out: dict = {}
    every = []
    for name in SPEAKERS:
        times = _timed(lambda: find_quotes(engine, QuoteQuery(speaker=name)), repeat)
        every += times
        out[name] = {**_summary(times), "rows": len(find_quotes(engine, QuoteQuery(speaker=name)))}
    engine.dispose()
    return {"speakers": out, **_summary(every)}


def export_paragraphs(db: Path) -> dict:
    from archive.query.export import ExportOptions, export
    from archive.store.database import open_database

    engine = open_database(db, create=False)
    with tempfile.TemporaryDirectory() as out_dir:
        start = time.perf_counter()
        written = export(engine, ExportOptions(out_dir=Path(out_dir), tables=("paragraphs",)))
        seconds = time.perf_counter() - start
        size = (Path(out_dir) / "paragraphs.csv").stat().st_size
    engine.dispose()
    rows = written["paragraphs.csv"]
    return {"rows": rows, "seconds": round(seconds, 2), "rows_per_s": round(rows / seconds, 1), "csv_mb": round(size / 2**20, 1)}


def table_counts(db: Path | str) -> dict:
    from archive.store.database import open_database

    engine = open_database(db, create=False)
    with engine.connect() as connection:
        out = {t: connection.exec_driver_sql(f"SELECT count(*) FROM {t}").scalar_one()
               for t in ("articles", "paragraphs", "quotes", "entities", "entity_aliases", "entity_mentions")}
    engine.dispose()
    return out
