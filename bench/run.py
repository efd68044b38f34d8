"""The benchmark: raw SQLite floor vs ``archive ingest``, then search, quotes and export latencies.

    python -m bench                      # 10k articles
    python -m bench --articles 100000    # 100k (1M: --articles 1000000)
    python -m bench --writer-only        # the floor and the writer alone (bench/writer.py), no ingest
    python -m bench --backend postgresql # the same on a PostgreSQL server, next to SQLite (bench/postgresql.py)

Prints one table and writes ``bench/results/<timestamp>-<N>.json``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import shutil
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

from bench.corpus import VERSION, ensure_corpus, iter_files
from bench.queries import export_paragraphs, quotes_by_speaker, searches, table_counts
from bench.writer import prepare, writer_only

HERE = Path(__file__).resolve().parent
CACHE = HERE / ".cache"
RESULTS = HERE / "results"



# --------------------------------------------------------------------------- the raw floor

def floor(root: Path, n: int, db: Path) -> dict:
    """The least any ingest must do: read, split lines, insert articles + paragraphs, build FTS5."""
    start = time.perf_counter()
    con = sqlite3.connect(db, isolation_level=None)
    con.execute("PRAGMA journal_mode = WAL")
    con.execute("PRAGMA synchronous = NORMAL")
    con.execute("CREATE TABLE articles (id INTEGER PRIMARY KEY, source_path TEXT NOT NULL, title TEXT)")
    con.execute("CREATE TABLE paragraphs (id INTEGER PRIMARY KEY, article_id INTEGER NOT NULL, position INTEGER NOT NULL, text TEXT NOT NULL)")
    con.execute("BEGIN")
    article_id = 0
    rows: list[tuple] = []
    titles: list[tuple] = []
    for path in iter_files(root, n):
        with open(path, "rb") as handle:
            lines = handle.read().decode("utf-8").split("\n")
        article_id += 1
        titles.append((article_id, str(path), lines[0]))
        rows.extend((article_id, position, line) for position, line in enumerate(l for l in lines[1:] if l.strip()))
        if len(rows) > 20_000:
            con.executemany("INSERT INTO articles VALUES (?, ?, ?)", titles)
            con.executemany("INSERT INTO paragraphs (article_id, position, text) VALUES (?, ?, ?)", rows)
            titles.clear(), rows.clear()
    con.executemany("INSERT INTO articles VALUES (?, ?, ?)", titles)
    con.executemany("INSERT INTO paragraphs (article_id, position, text) VALUES (?, ?, ?)", rows)
    for index, table, column in (("articles_fts", "articles", "title"), ("paragraphs_fts", "paragraphs", "text")):
        con.execute(f"CREATE VIRTUAL TABLE {index} USING fts5({column}, content='{table}', content_rowid='id', "
                    "tokenize='unicode61 remove_diacritics 2')")
        con.execute(f"INSERT INTO {index}({index}) VALUES ('rebuild')")
    con.execute("COMMIT")
    paragraphs = con.execute("SELECT count(*) FROM paragraphs").fetchone()[0]
    con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    con.close()
    seconds = time.perf_counter() - start
    return {"seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 1), "paragraphs": paragraphs,
            "db_mb": round(_db_size(db) / 2**20, 1)}


# --------------------------------------------------------------------------- archive ingest

def _archive_command() -> list[str]:
    script = Path(sys.executable).with_name("archive")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "from archive.cli.app import main; main()"]


def _tree(pid: int) -> list[int]:
    """``pid`` and all its descendants (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as handle:
                ppid = int(handle.read().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        children.setdefault(ppid, []).append(int(entry))
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        todo.extend(children.get(p, ()))
    return out


def _cpu_seconds(pid: int) -> float:
    """User + system CPU seconds one process has used so far (its own, not its children's)."""
    try:
        with open(f"/proc/{pid}/stat") as handle:
            fields = handle.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def _memory_kb(pid: int) -> tuple[int, int]:
    """(RSS, PSS) in kB of one process; PSS splits the pages the workers share with the forkserver fairly."""
    rss = pss = 0
    try:
        with open(f"/proc/{pid}/smaps_rollup") as handle:
            for line in handle:
                if line.startswith("Rss:"):
                    rss = int(line.split()[1])
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1])
    except OSError:
        pass
    return rss, pss


class TreeMemory(threading.Thread):
    """Polls the memory of a process tree (the ingest and its workers) until stopped.

    Every 0.2 s for the first 10 s (short runs still get samples), then every second: reading
    `smaps_rollup` walks each process's page tables, and at 0.2 s through a 1M-article run the poller
    took ~11% of a core from the ingest it measures. Memory moves slowly, so a peak is not missed.
    """

    def __init__(self, pid: int, interval: float = 0.2, later: float = 1.0, after: float = 10.0) -> None:
        super().__init__(daemon=True)
        self.pid, self.interval, self.later, self.after = pid, interval, later, after
        self.peak_rss_sum = self.peak_pss_sum = self.peak_rss_process = 0
        self.samples: list[tuple[float, int]] = []  # (seconds, PSS sum kB)
        # CPU seconds per process, last seen: the workers fork from a forkserver the ingest never
        # waits for, so their CPU does not reach this process's RUSAGE_CHILDREN.
        self.cpu: dict[int, float] = {}
        self._halt = threading.Event()

    def run(self) -> None:
        start = time.perf_counter()
        while not self._halt.is_set():
            rss_sum = pss_sum = 0
            for p in _tree(self.pid):
                rss, pss = _memory_kb(p)
                self.cpu[p] = max(self.cpu.get(p, 0.0), _cpu_seconds(p))
                rss_sum += rss
                pss_sum += pss
                self.peak_rss_process = max(self.peak_rss_process, rss)
            self.peak_rss_sum = max(self.peak_rss_sum, rss_sum)
            self.peak_pss_sum = max(self.peak_pss_sum, pss_sum)
            elapsed = time.perf_counter() - start
            self.samples.append((elapsed, pss_sum))
            self._halt.wait(self.interval if elapsed < self.after else self.later)

    def stop(self) -> None:
        self._halt.set()
        self.join()


def archive_ingest(root: Path, n: int, db: Path, workers: int) -> dict:
    command = [*_archive_command(), "--db", str(db), "ingest", str(root), "--json"]
    if workers:
        command += ["--workers", str(workers)]
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    memory = TreeMemory(process.pid)
    memory.start()
    output: dict[str, str] = {}
    readers = [threading.Thread(target=lambda name, stream: output.__setitem__(name, stream.read()), args=item)
               for item in (("stdout", process.stdout), ("stderr", process.stderr))]
    for reader in readers:
        reader.start()
    # Wait for the exit without reaping: a zombie's /proc/PID/stat still holds its final CPU, which
    # the poller may have missed the last fraction of a second of (closing the database).
    os.waitid(os.P_PID, process.pid, os.WEXITED | os.WNOWAIT)
    seconds = time.perf_counter() - start
    parent_cpu = max(memory.cpu.get(process.pid, 0.0), _cpu_seconds(process.pid))
    memory.stop()
    process.wait()
    for reader in readers:
        reader.join()
    stdout, stderr = output["stdout"], output["stderr"]
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if process.returncode not in (0, 1):
        raise RuntimeError(f"archive ingest failed ({process.returncode}): {stderr.strip()[-2000:]}")
    summary = json.loads(stdout)
    cpu_waited = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    # The parent (walking folders, unpickling results, the writer) apart from the workers and the
    # forkserver they fork from: the parent is single-threaded, so its CPU sets ingest's ceiling.
    worker_cpu = sum(cpu for pid, cpu in memory.cpu.items() if pid != process.pid)
    cpu_polled = parent_cpu + worker_cpu
    # memory over the second half of the run: flat means streaming (no growth with N)
    half = [kb for t, kb in memory.samples if t >= seconds / 2]
    return {
        "seconds": round(seconds, 2),
        "articles_per_s": round(n / seconds, 1),
        "added": summary["added"],
        "failed": len(summary["failed"]),
        "peak_rss_mb_process": round(max(after.ru_maxrss, before.ru_maxrss, memory.peak_rss_process) / 1024, 1),
        "peak_rss_mb_tree": round(memory.peak_rss_sum / 1024, 1),
        "peak_pss_mb_tree": round(memory.peak_pss_sum / 1024, 1),
        "pss_mb_tree_second_half_min_max": [round(min(half) / 1024, 1), round(max(half) / 1024, 1)] if half else None,
        "cpu_user_s": round(after.ru_utime - before.ru_utime, 1),
        "cpu_sys_s": round(after.ru_stime - before.ru_stime, 1),
        # CPU per article over the whole process tree: comparable across runs on a busy machine.
        # Waited-for descendants report through rusage; the others were polled (the larger wins).
        "cpu_ms_per_article": round(max(cpu_waited, cpu_polled) * 1000 / n, 2),
        "parent_cpu_ms_per_article": round(parent_cpu * 1000 / n, 3),
        "worker_cpu_ms_per_article": round(worker_cpu * 1000 / n, 3),
        "db_mb": round(_db_size(db) / 2**20, 1),
    }


def reingest(root: Path, n: int, db: Path, workers: int) -> dict:
    """A second ingest of the same files: everything unchanged."""
    command = [*_archive_command(), "--db", str(db), "ingest", str(root), "--json"]
    if workers:
        command += ["--workers", str(workers)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True)
    seconds = time.perf_counter() - start
    summary = json.loads(result.stdout)
    return {"seconds": round(seconds, 2), "articles_per_s": round(n / seconds, 1), "unchanged": summary["unchanged"]}


def _db_size(db: Path | str) -> int:
    if "://" in str(db):
        from bench.postgresql import size_bytes

        return size_bytes(str(db))
    return sum(p.stat().st_size for p in (Path(db), Path(f"{db}-wal")) if p.exists())


# --------------------------------------------------------------------------- report

def render(result: dict) -> str:
    f, w = result["floor"], result["writer_only"]
    rows = [
        ("articles", f"{result['articles']:,}", f"load average at start {result['machine']['load_average_at_start']}"),
        ("floor: raw sqlite3 + FTS5", f"{f['articles_per_s']:,.0f} articles/s", f"{f['seconds']} s, {f['db_mb']} MB"),
    ]
    if w:
        rows += [
            ("writer alone", f"{w['articles_per_s']:,.0f} articles/s",
             f"{w['seconds']} s, {w['cpu_ms_per_article']} ms CPU/article, {w['db_mb']} MB"),
            ("writer alone / floor", f"{w['vs_floor']:.2f}", "target ≥ 0.33"),
        ]
    if "ingest" not in result:  # --writer-only
        return _table(rows)
    i, s, q, e = result["ingest"], result["search"], result["quotes"], result["export"]
    rows += [
        ("archive ingest", f"{i['articles_per_s']:,.0f} articles/s", f"{i['seconds']} s, {i['db_mb']} MB, {i['failed']} failed"),
        ("ingest / floor", f"{result['ingest_vs_floor']:.2f}", "target ≥ 0.33"),
        ("ingest CPU", f"{i['cpu_ms_per_article']} ms/article", "user + sys of the ingest and its workers"),
        ("  parent / workers", f"{i['parent_cpu_ms_per_article']} / {i['worker_cpu_ms_per_article']} ms/article",
         "targets ≤ 0.25 / ≤ 1.1"),
        ("peak memory", f"{i['peak_rss_mb_process']} MB RSS/process",
         f"tree: {i['peak_pss_mb_tree']} MB PSS, {i['peak_rss_mb_tree']} MB RSS sum"),
    ]
    if result["reingest"]:
        again = result["reingest"]
        rows.append(("re-ingest (unchanged)", f"{again['articles_per_s']:,.0f} articles/s", f"{again['seconds']} s"))
    for label, v in s["queries"].items():
        shown = v["query"] + "".join(f" --{k} {x}" for k, x in v["filters"].items())
        rows.append((f"search {label}: {shown}", f"{v['archive']['median_ms']} / {v['archive']['p95_ms']} ms",
                     f"bare {v['bare']['median_ms']} / {v['bare']['p95_ms']} ms, ×{v['ratio_median']}, {v['matching_paragraphs']:,} matches"))
    rows.append(("search, all queries", f"{s['archive']['median_ms']} / {s['archive']['p95_ms']} ms",
                 f"bare {s['bare']['median_ms']} / {s['bare']['p95_ms']} ms; ×{s['ratio_median']} median, ×{s['ratio_total']} total (target ≤ 1.5)"))
    rows.append(("quotes --speaker", f"{q['median_ms']} / {q['p95_ms']} ms", "median / p95, target < 50 ms"))
    rows.append(("export paragraphs CSV", f"{e['rows_per_s']:,.0f} rows/s", f"{e['rows']:,} rows, {e['seconds']} s (target ≥ 200k)"))
    counts = result["counts"]
    rows.append(("rows", ", ".join(f"{k} {v:,}" for k, v in counts.items()), ""))
    return _table(rows)


def _table(rows: list[tuple[str, str, str]]) -> str:
    width = [max(len(r[c]) for r in rows) for c in range(3)]
    return "\n".join(f"{a:<{width[0]}}  {b:<{width[1]}}  {c}".rstrip() for a, b, c in rows)


def run(articles: int, workers: int = 0, seed: int = 0, cache: Path = CACHE, results: Path = RESULTS,
        repeat: int = 30, work_dir: Path | None = None, log=print, with_reingest: bool = True,
        only_writer: bool = False, writer: bool = True) -> tuple[dict, Path]:
    """The whole benchmark (``only_writer``: the floor and the writer alone; ``writer`` off: no writer-alone
    run, so no articles normalized ahead, which at 1M takes as long as the ingest) into one result JSON."""
    corpus = cache / f"corpus-{articles}-s{seed}-v{VERSION}"
    start = time.perf_counter()
    ensure_corpus(corpus, articles, seed, log=log)
    log(f"corpus: {articles:,} files in {corpus} ({time.perf_counter() - start:.1f} s)")
    # normalized once, outside any timing; below ingest's pool threshold, in this process as ingest would
    prepared = prepare(corpus, cache, workers if articles >= 64 else 1, log=log) if writer or only_writer else None
    own_dir = work_dir is None
    work = Path(work_dir or tempfile.mkdtemp(prefix="bench-", dir=cache))
    try:
        floor_db, archive_db, writer_db = work / "floor.db", work / "archive.db", work / "writer.db"
        for db in (floor_db, archive_db, writer_db):
            for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
                p.unlink(missing_ok=True)
        load = [round(x, 2) for x in os.getloadavg()]  # other work on the machine skews every figure
        fl = floor(corpus, articles, floor_db)
        log(f"floor: {fl['articles_per_s']:,.0f} articles/s")
        alone = None
        if prepared is not None:
            alone = writer_only(prepared, articles, writer_db)
            alone["vs_floor"] = round(alone["articles_per_s"] / fl["articles_per_s"], 3)
            log(f"writer alone: {alone['articles_per_s']:,.0f} articles/s")
        result = {
            "articles": articles,
            "seed": seed,
            "when": dt.datetime.now().isoformat(timespec="seconds"),
            "workers": workers or os.cpu_count(),  # archive ingest --workers: how ingest grows with cores
            "machine": {"cpus": os.cpu_count(), "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
                        "platform": platform.platform(), "load_average_at_start": load},
            "floor": fl,
            "writer_only": alone,
        }
        if not only_writer:
            result.update(_ingest_and_queries(corpus, articles, archive_db, workers, repeat, with_reingest, fl, log))
    finally:
        if own_dir:
            shutil.rmtree(work, ignore_errors=True)
    results.mkdir(parents=True, exist_ok=True)
    suffix = "-writer-only" if only_writer else "" if alone else "-no-writer-alone"
    out = results / f"{dt.datetime.now():%Y%m%d-%H%M%S}-{articles}{suffix}.json"
    out.write_text(json.dumps(result, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return result, out


def _ingest_and_queries(corpus: Path, articles: int, archive_db: Path, workers: int, repeat: int,
                        with_reingest: bool, fl: dict, log) -> dict:
    ing = archive_ingest(corpus, articles, archive_db, workers)
    log(f"ingest: {ing['articles_per_s']:,.0f} articles/s")
    again = reingest(corpus, articles, archive_db, workers) if with_reingest else None
    return {
        "ingest": ing,
        "ingest_vs_floor": round(ing["articles_per_s"] / fl["articles_per_s"], 3),
        "reingest": again,
        "counts": table_counts(archive_db),
        "search": searches(archive_db, repeat),
        "quotes": quotes_by_speaker(archive_db, repeat),
        "export": export_paragraphs(archive_db),
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, default=10_000, help="corpus size (default 10000)")
    parser.add_argument("--workers", type=int, default=0, help="archive ingest --workers (0: one per core)")
    parser.add_argument("--seed", type=int, default=0, help="corpus RNG seed")
    parser.add_argument("--repeat", type=int, default=30, help="timed repetitions per query")
    parser.add_argument("--cache", type=Path, default=CACHE, help="where corpora and work databases go")
    parser.add_argument("--results", type=Path, default=RESULTS, help="where the JSON result is written")
    parser.add_argument("--keep", type=Path, default=None, help="keep the databases in this folder")
    parser.add_argument("--no-reingest", action="store_true", help="skip timing a second (all unchanged) ingest")
    writer = parser.add_mutually_exclusive_group()
    writer.add_argument("--writer-only", action="store_true",
                        help="only the floor and the writer alone (articles normalized once, cached): no ingest, no queries")
    writer.add_argument("--no-writer-alone", action="store_true",
                        help="skip the writer-alone run and the articles normalized for it (at 1M that takes as "
                        "long as the ingest itself)")
    parser.add_argument("--backend", choices=("sqlite", "postgresql"), default="sqlite",
                        help="postgresql: the same on a PostgreSQL server, next to SQLite (bench/postgresql.py)")
    parser.add_argument("--url", default=None, help="with --backend postgresql: a server to use (a role that may create "
                        "databases), e.g. postgresql://me@localhost/postgres; default: a throwaway server started for the run")
    parser.add_argument("--concurrent", type=int, default=None,
                        help="with --backend postgresql: articles for the one-vs-two-processes ingest (default min(N, 20000))")
    args = parser.parse_args(argv)
    log = lambda message: print(message, file=sys.stderr, flush=True)  # noqa: E731
    if args.backend == "postgresql":
        from bench import postgresql

        result, out = postgresql.run(args.articles, args.workers, args.seed, args.cache, args.results, args.repeat,
                                     args.url, args.concurrent, log)
        print(postgresql.render(result))
        print(f"\nwritten {out}")
        return 0
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
    result, out = run(args.articles, args.workers, args.seed, args.cache, args.results, args.repeat, args.keep, log,
                      with_reingest=not args.no_reingest, only_writer=args.writer_only,
                      writer=not args.no_writer_alone)
    print(render(result))
    print(f"\nwritten {out}")
    return 0
