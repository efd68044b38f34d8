"""Where ingest time goes: the read → normalize → write path of N bench articles under cProfile.

    python -m bench.profile                   # 3,000 articles
    python -m bench.profile --articles 10000 --top 30
    python -m bench.profile --writer-only --articles 10000 --top 30   # the writer alone (bench/writer.py)

One process, no workers (the profile sees every call): reading, each normalization stage and the
writer, as a share of the whole and as CPU milliseconds per article (cProfile adds its own
overhead, so compare the shares, and take absolute figures from ``python -m bench``).
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
import tempfile
from pathlib import Path

from bench.corpus import VERSION, ensure_corpus, iter_files
from bench.run import CACHE

# (label, module path suffix, function name): the stages reported, outermost first
STAGES = [
    ("read files", "archive/readers/__init__.py", "read_file"),
    ("normalize, all", "archive/normalize/pipeline.py", "normalize"),
    ("  entities", "archive/normalize/entities/__init__.py", "extract_entities"),
    ("  quotes", "archive/normalize/quotes/extract.py", "extract_quotes"),
    ("  language", "archive/normalize/language.py", "detect_language"),
    ("  words, for stems and fingerprint", "archive/normalize/words.py", "words"),
    ("  near-duplicate fingerprint", "archive/normalize/fingerprint.py", "simhash_words"),
    ("  stems for --stem search", "archive/normalize/stemming.py", "stem_words"),
    ("  lines, furniture, title", "archive/normalize/pipeline.py", "_read_layout"),
    ("  text clean-up", "archive/normalize/cleanup.py", "clean_text"),
    ("  dates", "archive/normalize/dates.py", "first_date"),
    ("  duplicated body", "archive/normalize/paragraphs.py", "dedupe"),
    ("write (SQLite, FTS5 triggers)", "archive/store/writer.py", "write"),
]


def profile(n: int, cache: Path = CACHE, batch: int = 500) -> pstats.Stats:
    """Read, normalize and write the first ``n`` bench articles into a scratch database, profiled."""
    from archive.normalize.pipeline import normalize
    from archive.normalize.warm import warm_up
    from archive.readers import read_file
    from archive.store.database import open_database
    from archive.store.records import from_article
    from archive.store.writer import ArticleWriter

    root = ensure_corpus(cache / f"corpus-{n}-s0-v{VERSION}", n, log=lambda m: print(m, file=sys.stderr))
    warm_up()  # loading the models is start-up, not per-article work
    with tempfile.TemporaryDirectory() as scratch:
        engine = open_database(Path(scratch) / "profile.db")
        writer = ArticleWriter(engine)
        profiler = cProfile.Profile()
        profiler.enable()
        pending = []
        for path in iter_files(root, n):
            pending.extend(from_article(normalize(doc)) for doc in read_file(path))
            if len(pending) >= batch:
                writer.write(pending)
                pending.clear()
        writer.write(pending)
        profiler.disable()
        engine.dispose()
    return pstats.Stats(profiler)


def profile_writer(n: int, cache: Path = CACHE) -> pstats.Stats:
    """The writer alone on the first ``n`` bench articles, normalized once beforehand (``bench.writer``), profiled."""
    from archive.store.database import open_database
    from archive.store.writer import ArticleWriter
    from bench.writer import load, prepare

    root = ensure_corpus(cache / f"corpus-{n}-s0-v{VERSION}", n, log=lambda m: print(m, file=sys.stderr))
    prepared = prepare(root, cache, log=lambda m: print(m, file=sys.stderr))
    with tempfile.TemporaryDirectory() as scratch:
        engine = open_database(Path(scratch) / "profile.db")
        writer = ArticleWriter(engine)
        profiler = cProfile.Profile()
        for batch in load(prepared):  # unpickled outside the profile
            profiler.enable()
            writer.write(batch)
            profiler.disable()
        engine.dispose()
    return pstats.Stats(profiler)


def stage_times(stats: pstats.Stats) -> list[tuple[str, float]]:
    """Cumulative seconds of each stage in ``STAGES``."""
    found = []
    for label, suffix, name in STAGES:
        seconds = sum(
            cumulative for (path, _, function), (_, _, _, cumulative, _) in stats.stats.items()
            if function == name and path.endswith(suffix)
        )
        found.append((label, seconds))
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.profile", description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", "-n", type=int, default=3000, help="articles to profile (default 3000)")
    parser.add_argument("--top", type=int, default=0, help="also print the N functions with the most own time")
    parser.add_argument("--writer-only", action="store_true", help="profile the writer alone, on articles normalized beforehand")
    args = parser.parse_args(argv)
    stats = profile_writer(args.articles) if args.writer_only else profile(args.articles)
    total = stats.total_tt
    print(f"{args.articles:,} articles, {total:.1f} s under cProfile ({total * 1000 / args.articles:.2f} ms/article)")
    if args.writer_only:
        stats.sort_stats("tottime").print_stats(args.top or 25)
        return 0
    for label, seconds in stage_times(stats):
        print(f"{label:<34}{seconds / total:6.1%}  {seconds * 1000 / args.articles:6.2f} ms/article")
    if args.top:
        stats.sort_stats("tottime").print_stats(args.top)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
