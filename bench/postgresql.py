"""The bench on PostgreSQL: a server to run on, the bare ``ts_rank`` query search is compared with,
database sizes, and two ``archive ingest`` processes writing to one database at once."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

# The least a full-text search on the server must do: rank the matching paragraphs, keep 20.
BARE = (
    "SELECT p.id, ts_rank(p.text_tsv, q, 1) AS rank FROM paragraphs p, to_tsquery('archive_text', :match) q "
    "WHERE p.text_tsv @@ q ORDER BY rank DESC LIMIT 20"
)
BARE_FILTERED = (
    "SELECT p.id, ts_rank(p.text_tsv, q, 1) AS rank FROM paragraphs p JOIN articles a ON a.id = p.article_id, "
    "to_tsquery('archive_text', :match) q WHERE p.text_tsv @@ q AND a.language = :language ORDER BY rank DESC LIMIT 20"
)
MATCHES = "SELECT count(*) FROM paragraphs p, to_tsquery('archive_text', :match) q WHERE p.text_tsv @@ q"


class Server:
    """Databases for the bench: on the server at ``url`` (a role that may create databases), or on
    a throwaway server started for the run (``tests/pg_server.py``)."""

    def __init__(self, url: str | None = None) -> None:
        from tests.pg_server import ExistingServer, TemporaryServer

        self.server = ExistingServer(url) if url else TemporaryServer().start()
        self.made: list[str] = []

    def database(self) -> str:
        url = self.server.create_database()
        self.made.append(url)
        return url

    def version(self) -> str:
        engine = sa.create_engine(sa.make_url(self.server.url()).set(drivername="postgresql+psycopg"))
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SHOW server_version").scalar()
        engine.dispose()
        return version

    def close(self) -> None:
        for url in self.made:
            with contextlib.suppress(Exception):
                self.server.drop_database(url)
        self.server.stop()


def engine(url: str) -> sa.Engine:
    return sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))


def size_bytes(url: str) -> int:
    bare = engine(url)
    with bare.connect() as connection:
        size = connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
    bare.dispose()
    return size


@contextlib.contextmanager
def bare_queries(url: str) -> Iterator:
    """``(run(match, language), count(match))`` on a plain connection of the bench's own."""
    bare = engine(url)
    connection = bare.connect()

    def run(match: str, language: str | None):
        if language:
            return connection.execute(sa.text(BARE_FILTERED), {"match": match, "language": language}).all()
        return connection.execute(sa.text(BARE), {"match": match}).all()

    def count(match: str) -> int:
        return connection.execute(sa.text(MATCHES), {"match": match}).scalar()

    try:
        yield run, count
    finally:
        connection.close()
        bare.dispose()


def concurrent_ingest(command: list[str], paths: list[Path], articles: int, databases: Iterator[str]) -> dict:
    """``archive ingest --workers 1`` of ``paths`` (``articles`` in all) in one process, then in two
    processes (each half of the paths) started together on a fresh database: throughput with one
    writer and with two.

    One worker each, so the comparison is about the writers (and the server), not about how many
    cores the normalizer gets: on this machine one ingest with its default workers already uses both.
    """
    def ingest(url: str, parts: list[list[str]]) -> float:
        start = time.perf_counter()
        processes = [
            subprocess.Popen([*command, "--db", url, "ingest", *part, "--workers", "1", "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for part in parts
        ]
        for process in processes:
            _, err = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"archive ingest failed ({process.returncode}): {err.strip()[-2000:]}")
        return time.perf_counter() - start

    names = [str(p) for p in paths]
    one = ingest(next(databases), [names])
    two = ingest(next(databases), [names[: len(names) // 2], names[len(names) // 2:]])
    return {
        "articles": articles,
        "one_process": {"seconds": round(one, 2), "articles_per_s": round(articles / one, 1)},
        "two_processes": {"seconds": round(two, 2), "articles_per_s": round(articles / two, 1)},
        "speedup": round(one / two, 2),
    }


def _concurrent_paths(root: Path, articles: int) -> list[Path]:
    """Whole corpus folders when ``articles`` fills them (short command lines), else the files."""
    from bench.corpus import PER_FOLDER, iter_files

    if articles % PER_FOLDER == 0 and articles >= 2 * PER_FOLDER:
        return [root / f"{i:05d}" for i in range(articles // PER_FOLDER)]
    return list(iter_files(root, articles))


def run(articles: int, workers: int = 0, seed: int = 0, cache: Path | None = None, results: Path | None = None,
        repeat: int = 30, url: str | None = None, concurrent: int | None = None, log=print) -> tuple[dict, Path]:
    """The bench on PostgreSQL next to SQLite, on the same corpus in one run: ingest, search (against
    the bare ``ts_rank`` query on the same server), ``quotes --speaker``, export, and two concurrent
    ingests against one (``concurrent`` articles; default min(N, 20,000))."""
    import datetime as dt
    import json
    import os
    import platform
    import shutil
    import tempfile

    from bench import queries
    from bench import run as bench
    from bench.corpus import VERSION, ensure_corpus

    cache, results = cache or bench.CACHE, results or bench.RESULTS
    corpus = cache / f"corpus-{articles}-s{seed}-v{VERSION}"
    ensure_corpus(corpus, articles, seed, log=log)
    server = Server(url)
    work = Path(tempfile.mkdtemp(prefix="bench-", dir=cache))
    try:
        load = [round(x, 2) for x in os.getloadavg()]
        lite_db, pg_db = work / "archive.db", server.database()
        lite = {"ingest": bench.archive_ingest(corpus, articles, lite_db, workers)}
        log(f"SQLite ingest: {lite['ingest']['articles_per_s']:,.0f} articles/s")
        ingest = bench.archive_ingest(corpus, articles, pg_db, workers)
        log(f"PostgreSQL ingest: {ingest['articles_per_s']:,.0f} articles/s")
        lite.update(search=queries.searches(lite_db, repeat), quotes=queries.quotes_by_speaker(lite_db, repeat),
                    export=queries.export_paragraphs(lite_db))
        result = {
            "backend": "postgresql",
            "articles": articles,
            "seed": seed,
            "when": dt.datetime.now().isoformat(timespec="seconds"),
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "postgresql": server.version(),
                        "platform": platform.platform(), "load_average_at_start": load},
            "ingest": ingest,
            "ingest_vs_sqlite": round(ingest["articles_per_s"] / lite["ingest"]["articles_per_s"], 3),
            "counts": queries.table_counts(pg_db),
            "search": queries.searches(pg_db, repeat, bare_queries),
            "quotes": queries.quotes_by_speaker(pg_db, repeat),
            "export": queries.export_paragraphs(pg_db),
            "sqlite": lite,
        }
        chosen = concurrent or min(articles, 20_000)
        log(f"concurrent ingest of {chosen:,} articles")
        result["concurrent"] = concurrent_ingest(bench._archive_command(), _concurrent_paths(corpus, chosen), chosen,
                                                 iter(server.database, None))
    finally:
        server.close()
        shutil.rmtree(work, ignore_errors=True)
    results.mkdir(parents=True, exist_ok=True)
    out = results / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{articles}-postgresql.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result, out


def render(result: dict) -> str:
    """One table: PostgreSQL next to SQLite, with the issue's targets."""
    i, lite, s, c = result["ingest"], result["sqlite"], result["search"], result["concurrent"]
    rows = [
        ("articles", f"{result['articles']:,}", f"PostgreSQL {result['machine']['postgresql']}, load average {result['machine']['load_average_at_start']}"),
        ("ingest PostgreSQL / SQLite", f"{i['articles_per_s']:,.0f} / {lite['ingest']['articles_per_s']:,.0f} articles/s",
         f"×{result['ingest_vs_sqlite']} (target ≥ 0.7); {i['db_mb']} MB / {lite['ingest']['db_mb']} MB"),
    ]
    for label, v in s["queries"].items():
        shown = v["query"] + "".join(f" --{k} {x}" for k, x in v["filters"].items())
        rows.append((f"search {label}: {shown}", f"{v['archive']['median_ms']} / {v['archive']['p95_ms']} ms",
                     f"bare ts_rank {v['bare']['median_ms']} ms, ×{v['ratio_median']}; SQLite {lite['search']['queries'][label]['archive']['median_ms']} ms"))
    rows.append(("search, all queries", f"{s['archive']['median_ms']} / {s['archive']['p95_ms']} ms",
                 f"bare {s['bare']['median_ms']} ms; ×{s['ratio_median']} median, ×{s['ratio_total']} total (target ≤ 2); "
                 f"SQLite {lite['search']['archive']['median_ms']} ms"))
    rows.append(("quotes --speaker", f"{result['quotes']['median_ms']} / {result['quotes']['p95_ms']} ms",
                 f"SQLite {lite['quotes']['median_ms']} / {lite['quotes']['p95_ms']} ms (median / p95)"))
    rows.append(("export paragraphs CSV", f"{result['export']['rows_per_s']:,.0f} rows/s",
                 f"SQLite {lite['export']['rows_per_s']:,.0f} rows/s, {result['export']['rows']:,} rows"))
    rows.append((f"ingest --workers 1, {c['articles']:,} articles", f"{c['one_process']['articles_per_s']:,.0f} → "
                 f"{c['two_processes']['articles_per_s']:,.0f} articles/s", f"two processes ×{c['speedup']} (target ≥ 1.5)"))
    width = [max(len(r[k]) for r in rows) for k in range(3)]
    return "\n".join(f"{a:<{width[0]}}  {b:<{width[1]}}  {c_}".rstrip() for a, b, c_ in rows)
