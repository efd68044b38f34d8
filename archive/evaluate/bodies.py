"""Score the HTML reader's body text against gold bodies (scrapinghub article-extraction-benchmark metric).

Usage: ``python -m archive.evaluate bodies [CORPUS_DIR ...]`` (default: ``../shared/corpora/{en,id}-html`` beside
the repository when present, else the subset copied into ``tests/data/corpora``).
Each corpus directory holds pages and a ``gold.jsonl`` (``file`` plus ``body`` or ``content``; ``title`` and
``published`` are scored too when present). Gold rows whose page is absent are skipped, so a subset copy works.
Prints each corpus's figures, its ten worst pages by precision + recall (``--pages``: every page) and the title
and date misses; ``--save FILE`` keeps the run as JSON and ``--compare FILE`` lists the pages that moved since.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from archive.errors import InputError
from archive.normalize.pipeline import normalize
from archive.readers.html import decode_html, extract_html

_REPO = Path(__file__).resolve().parents[2]


def default_corpora() -> tuple[Path, ...]:
    """The full shared corpora beside the repository, or the copies the tests use."""
    for base in (_REPO.parent / "shared" / "corpora", _REPO / "tests" / "data" / "corpora"):
        found = tuple(base / name for name in ("en-html", "id-html") if (base / name / "gold.jsonl").exists())
        if found:
            return found
    return ()
_TOKEN = re.compile(r"\w+")


def shingles(text: str, n: int = 4) -> Counter:
    """Multiset of lower-cased ``\\w+`` n-token shingles (a text shorter than n tokens is one shingle)."""
    tokens = _TOKEN.findall((text or "").lower())
    return Counter(tuple(tokens[i:i + n]) for i in range(max(1, len(tokens) - n + 1)) if tokens[i:i + n])


def page_scores(gold: str, predicted: str) -> tuple[float, float, float]:
    """Per-page (tp, fp, fn) over shingles, normalized to sum 1 so every page weighs the same."""
    true, pred = shingles(gold), shingles(predicted)
    tp = sum((true & pred).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    return (tp / total, fp / total, fn / total) if total else (0.0, 0.0, 0.0)


def precision(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fp == 0 else tp / (tp + fp)


def recall(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    return 0.0 if tp == fn == 0 else tp / (tp + fn)


def aggregate(counts: list[tuple[float, float, float]]) -> dict[str, float]:
    """Benchmark aggregation: mean precision (pages with output), mean recall, F1 of those two means."""
    p_values = [precision(*c) for c in counts if c[0] + c[1] > 0]
    r_values = [recall(*c) for c in counts if c[0] + c[2] > 0]
    p = statistics.mean(p_values) if p_values else 0.0
    r = statistics.mean(r_values) if r_values else 0.0
    return {"precision": p, "recall": r, "f1": 2 * p * r / (p + r) if p + r else 0.0}


def evaluate(corpus_dir: str | Path) -> dict:
    """Read and normalize every gold page of a corpus (as ingest does) and score body, title and date.

    Returns ``precision``, ``recall``, ``f1``, ``pages`` (per-page rows, worst first), and ``title_accuracy`` /
    ``date_accuracy`` when the gold carries titles / publication dates.
    """
    corpus = Path(corpus_dir)
    rows, counts, titles, dates = [], [], [], []
    with (corpus / "gold.jsonl").open(encoding="utf-8") as gold_file:
        for line in gold_file:
            if not line.strip():
                continue
            gold = json.loads(line)
            if not (corpus / gold["file"]).is_file():
                continue  # a subset copy of the corpus (tests/data/corpora) keeps the full gold file
            body = gold.get("body", gold.get("content", ""))
            try:
                article = normalize(extract_html(decode_html((corpus / gold["file"]).read_bytes()), gold["file"]))
                # What the archive stores; the gold bodies keep the dateline, so it is put back in front.
                lead = f"{article.dateline} - " if article.dateline else ""
                text, title, published, error = lead + "\n".join(article.paragraphs), article.title, article.published, None
            except InputError as exc:
                text, title, published, error = "", None, None, str(exc)
            count = page_scores(body, text)
            counts.append(count)
            row = {"file": gold["file"], "precision": precision(*count), "recall": recall(*count), "error": error}
            if gold.get("title"):
                row["title_ok"] = _same_title(title, gold["title"])
                titles.append(row["title_ok"])
            if gold.get("published"):
                row["date_ok"] = published == gold["published"][:10]
                dates.append(row["date_ok"])
            row["predicted_title"], row["predicted_date"] = title, published
            rows.append(row)
    result = aggregate(counts)
    result["pages"] = sorted(rows, key=lambda r: r["precision"] + r["recall"])
    if titles:
        result["title_accuracy"] = sum(titles) / len(titles)
    if dates:
        result["date_accuracy"] = sum(dates) / len(dates)
    return result


def _same_title(predicted: str | None, gold: str) -> bool:
    """Titles match when equal after case, whitespace and quote-style folding."""
    def fold(text: str) -> str:
        return " ".join(re.findall(r"\w+", text.lower()))

    return predicted is not None and fold(predicted) == fold(gold)


def moved_pages(result: dict, previous: dict, threshold: float = 0.01) -> list[tuple[str, dict, dict]]:
    """Pages whose precision or recall changed by at least ``threshold`` since ``previous`` (a saved result)."""
    before = {row["file"]: row for row in previous.get("pages", [])}
    return [
        (row["file"], before[row["file"]], row)
        for row in sorted(result["pages"], key=lambda r: r["file"])
        if row["file"] in before
        and max(abs(row[k] - before[row["file"]][k]) for k in ("precision", "recall")) >= threshold
    ]


def _summary(name: str, result: dict) -> str:
    line = (f"{name:<10} pages={len(result['pages']):<4} P={result['precision']:.3f} "
            f"R={result['recall']:.3f} F1={result['f1']:.3f}")
    low = sum(1 for row in result["pages"] if row["recall"] < 0.6)
    line += f" recall<0.6={low}"
    if "title_accuracy" in result:
        line += f" title={result['title_accuracy']:.3f}"
    if "date_accuracy" in result:
        line += f" date={result['date_accuracy']:.3f}"
    return line


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m archive.evaluate bodies", description=__doc__.splitlines()[0])
    parser.add_argument("corpora", nargs="*", default=[str(p) for p in default_corpora()], help="corpus directories")
    parser.add_argument("--worst", type=int, default=10, help="how many of the worst pages to list (default 10)")
    parser.add_argument("--pages", action="store_true", help="list every page's precision and recall")
    parser.add_argument("--save", metavar="FILE", help="write the figures and per-page scores as JSON")
    parser.add_argument("--compare", metavar="FILE", help="list the pages that moved since a --save'd run")
    args = parser.parse_args(argv)
    previous = json.loads(Path(args.compare).read_text(encoding="utf-8")) if args.compare else {}
    status, saved = 0, {}
    for corpus in args.corpora:
        name = Path(corpus).name
        if not (Path(corpus) / "gold.jsonl").is_file():
            print(f"{corpus}: no gold.jsonl")
            status = 1
            continue
        result = saved[name] = evaluate(corpus)
        print(_summary(name, result))
        rows = sorted(result["pages"], key=lambda r: r["file"]) if args.pages else result["pages"][:args.worst]
        print("    worst pages:" if not args.pages else "    pages:")
        for row in rows:
            extra = f" ({row['error']})" if row["error"] else ""
            print(f"    P={row['precision']:.2f} R={row['recall']:.2f}  {row['file']}{extra}")
        for row in result["pages"]:
            if row.get("title_ok") is False or row.get("date_ok") is False:
                print(f"    title/date miss {row['file']}: {row['predicted_title']!r} {row['predicted_date']}")
        if name in previous:
            before = previous[name]
            print(f"    since {args.compare}: F1 {before['f1']:.3f} -> {result['f1']:.3f}")
            for file, old, new in moved_pages(result, before):
                print(f"    moved P {old['precision']:.2f}->{new['precision']:.2f} "
                      f"R {old['recall']:.2f}->{new['recall']:.2f}  {file}")
    if args.save:
        Path(args.save).write_text(json.dumps(saved, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
    return status
