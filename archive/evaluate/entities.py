"""Score the entity extractor against hand-annotated passages.

``python -m archive.evaluate entities [PATH] [--seed] [--quiet] [--lowercase]``: entity-level precision,
recall and F1 per language and overall (a prediction matches a gold entity of the same type when its name, or
one of its aliases, equals the gold name or a gold alias, casefolded), then the misses, the false
positives and any ``not_entities`` produced. The seed article's gold is scored in its own section.
``--lowercase`` scores the passages written all in lower case (names matched casefolded as always).
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from archive.normalize.entities import extract_entities, warm_up

DEFAULT_DEV = Path("tests/data/entities_dev.jsonl")
DEFAULT_SEED = Path("tests/data/seed_gold.json")


def _names(name: str, aliases) -> set[str]:
    return {" ".join(str(s).casefold().split()).rstrip(".") for s in [name, *(aliases or ())] if s}


def score_passage(passage: dict) -> dict:
    """Match one passage's predictions to its gold: tp/fp/fn counts and the unmatched names."""
    entities, mentions = extract_entities(
        passage.get("paragraphs") or [], passage.get("language"), title=passage.get("title"),
        dateline=passage.get("dateline"), speakers=passage.get("speakers") or ())
    gold = [(g["name"], g["type"], _names(g["name"], g.get("aliases"))) for g in passage.get("entities", [])]
    free = list(range(len(gold)))
    tp, fps = 0, []
    for ent in entities:
        pred = _names(ent.name, ent.aliases)
        hit = next((k for k in free if gold[k][1] == ent.type and (
            pred & gold[k][2])), None)
        if hit is None:
            fps.append(f"{ent.name} ({ent.type})")
        else:
            free.remove(hit)
            tp += 1
    misses = [f"{gold[k][0]} ({gold[k][1]})" for k in free]
    banned = {n.casefold() for n in passage.get("not_entities", [])}
    produced = sorted({e.name for e in entities if e.name.casefold() in banned}
                      | {m.surface for m in mentions if m.surface.casefold() in banned})
    return {"tp": tp, "fp": len(fps), "fn": len(misses), "false_positives": fps, "misses": misses,
            "not_entities": produced}


def _prf(tp: int, fp: int, fn: int) -> dict:
    p = tp / (tp + fp) if tp + fp else 1.0
    r = tp / (tp + fn) if tp + fn else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4)}


def evaluate_passages(passages: list[dict]) -> dict:
    """Aggregate scores over passages, per language and overall, with per-passage details."""
    totals: dict[str, list[int]] = {}
    details = []
    for passage in passages:
        result = score_passage(passage)
        for lang in (passage.get("language") or "?", "all"):
            t = totals.setdefault(lang, [0, 0, 0])
            t[0] += result["tp"]
            t[1] += result["fp"]
            t[2] += result["fn"]
        details.append({"id": passage.get("id"), "language": passage.get("language"), **result})
    scores = {lang: _prf(*t) for lang, t in totals.items()}
    return {"scores": scores, "passages": details, "overall": scores.get("all", _prf(0, 0, 0))}


def load_dev(path: str | Path = DEFAULT_DEV) -> list[dict]:
    """Passages of a JSONL dev file."""
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def load_seed(path: str | Path = DEFAULT_SEED) -> list[dict]:
    """The seed article's gold as a one-passage list."""
    with open(path, encoding="utf-8") as fh:
        data = json.load(fh)
    return [{"id": data.get("file", "seed"), "language": data.get("language"), "paragraphs": data["paragraphs"],
             "title": data.get("title"), "dateline": data.get("dateline"), "entities": data["entities"],
             "not_entities": data.get("not_entities", [])}]


def lowercased(passages: list[dict]) -> list[dict]:
    """The passages with their text (paragraphs, title, dateline, speakers) in lower case."""
    out = []
    for passage in passages:
        p = dict(passage)
        p["paragraphs"] = [str(t).lower() for t in passage.get("paragraphs") or []]
        for key in ("title", "dateline"):
            if passage.get(key):
                p[key] = str(passage[key]).lower()
        p["speakers"] = [str(s).lower() for s in passage.get("speakers") or []]
        out.append(p)
    return out


def evaluate(path: str | Path = DEFAULT_DEV) -> dict:
    """Scores of the dev file at ``path`` (see :func:`evaluate_passages`)."""
    return evaluate_passages(load_dev(path))


def _report(title: str, result: dict, quiet: bool) -> None:
    print(f"== {title}")
    for lang, s in sorted(result["scores"].items(), key=lambda kv: kv[0] == "all"):
        print(f"  {lang:>4}: P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  "
              f"(tp={s['tp']} fp={s['fp']} fn={s['fn']})")
    if quiet:
        return
    for d in result["passages"]:
        if d["misses"] or d["false_positives"] or d["not_entities"]:
            print(f"  [{d['id']}]")
            if d["misses"]:
                print("     missed:         " + "; ".join(d["misses"]))
            if d["false_positives"]:
                print("     false positive: " + "; ".join(d["false_positives"]))
            if d["not_entities"]:
                print("     NOT-ENTITY:     " + "; ".join(d["not_entities"]))


def main(argv: list[str]) -> int:
    """Print dev and seed scores; exit 0 (the gates live in the tests)."""
    args = [a for a in argv if not a.startswith("--")]
    quiet = "--quiet" in argv
    if args and not Path(args[0]).is_file():
        print(f"no such dev set: {args[0]}", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    warm_up()
    warm = time.perf_counter() - t0
    if "--seed" not in argv or args:
        path = args[0] if args else DEFAULT_DEV
        passages = load_dev(path)
        if "--lowercase" in argv:
            passages, path = lowercased(passages), f"{path}, lower-cased"
        t1 = time.perf_counter()
        result = evaluate_passages(passages)
        per = (time.perf_counter() - t1) / max(1, len(passages))
        _report(f"dev {path} ({len(passages)} passages)", result, quiet)
        print(f"  warm-up {warm * 1000:.0f} ms; {per * 1000:.2f} ms per passage (extraction + scoring)")
    seed = load_seed()
    _report(f"seed {DEFAULT_SEED}", evaluate_passages(lowercased(seed) if "--lowercase" in argv else seed), quiet)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
