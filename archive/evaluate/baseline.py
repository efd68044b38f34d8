"""Quality gates: the floors every evaluation must keep, beside a hash of the gold they were set on.

    python -m archive.evaluate baseline                  # measure every gate, compare with its floors
    python -m archive.evaluate baseline polnear-dev      # one gate
    python -m archive.evaluate baseline --update         # raise floors to today's figures
    python -m archive.evaluate baseline --update --allow-lower   # ... and lower the ones that fell

The floors live in ``tests/evaluate/baseline.json``; ``tests/evaluate/test_baseline.py`` fails when a
figure falls below its floor by more than :data:`MARGIN`, or when a gold file no longer has the hash
the floor was set on (a changed yardstick must be re-baselined on purpose, not drift). A gate whose
gold is absent (PolNeAR lives outside the repository) is skipped.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import math
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

REPO = Path(__file__).resolve().parents[2]
BASELINE = REPO / "tests" / "evaluate" / "baseline.json"
MARGIN = 0.002  # figures are deterministic; this only absorbs float rounding in the JSON


@dataclass(frozen=True)
class Gate:
    """How to measure one gate: the gold files it reads and a function returning its figures."""

    gold: tuple[str, ...]  # paths relative to the repository root
    measure: Callable[[list[Path]], dict[str, float]]


def _quotes(paths: list[Path]) -> dict[str, float]:
    from archive.evaluate.quotes import evaluate

    scores = evaluate(paths[0])["scores"]
    return {
        f"{key}.{metric}": scores[key][metric]
        for key in scores
        for metric in ("f1", "precision", "speaker_accuracy")
    }


def _polnear(paths: list[Path]) -> dict[str, float]:
    from archive.evaluate.polnear import evaluate

    s = evaluate(paths)["scores"]
    return {m: s[m] for m in ("precision", "recall", "f1", "token_precision", "token_f1", "named_speaker_accuracy")}


GATES: dict[str, Gate] = {
    "quotes-dev": Gate(("tests/data/quotes_dev.jsonl",), _quotes),
    "quotes-real": Gate(("tests/data/quotes_real.jsonl",), _quotes),
    "quotes-fresh": Gate(("tests/data/quotes_fresh.jsonl",), _quotes),
    "polnear-dev": Gate(("../shared/corpora/polnear/dev.jsonl",), _polnear),
    "polnear-train": Gate(("../shared/corpora/polnear/train.jsonl",), _polnear),
}


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def gold_paths(name: str, root: Path = REPO) -> list[Path]:
    return [(root / p).resolve() for p in GATES[name].gold]


def available(name: str, root: Path = REPO) -> bool:
    """The gate's gold files are on this machine."""
    return all(p.exists() for p in gold_paths(name, root))


def load(path: Path = BASELINE) -> dict:
    return json.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def measure(name: str, root: Path = REPO) -> dict[str, float]:
    return GATES[name].measure(gold_paths(name, root))


def check(name: str, figures: dict[str, float], baseline: dict, root: Path = REPO) -> list[str]:
    """What is wrong with a gate's figures against its floors: a list of one-line problems."""
    entry = baseline.get(name)
    if entry is None:
        return [f"{name}: no floors recorded (run --update)"]
    problems = []
    for gold, digest in entry.get("gold", {}).items():
        if sha256((root / gold).resolve()) != digest:
            problems.append(f"{name}: gold file {gold} changed since the floors were set (re-baseline on purpose)")
    for metric, floor in entry["floors"].items():
        value = figures.get(metric)
        if value is None:
            problems.append(f"{name}: {metric} is no longer measured")
        elif value < floor - MARGIN:
            problems.append(f"{name}: {metric} {value:.4f} below its floor {floor:.4f}")
    return problems


def update(name: str, figures: dict[str, float], baseline: dict, allow_lower: bool, root: Path = REPO) -> list[str]:
    """Set a gate's floors to ``figures`` (rounded down to 3 decimals). A floor that would fall is
    refused (and reported) unless ``allow_lower``. Returns the refusals."""
    entry = baseline.setdefault(name, {"gold": {}, "floors": {}})
    refused = []
    for metric, value in sorted(figures.items()):
        new = math.floor(value * 1000) / 1000
        old = entry["floors"].get(metric)
        if old is not None and new < old and not allow_lower:
            refused.append(f"{name}: {metric} would fall from {old:.3f} to {new:.3f} (use --allow-lower)")
            continue
        entry["floors"][metric] = new
    entry["gold"] = {gold: sha256((root / gold).resolve()) for gold in GATES[name].gold}
    return refused


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m archive.evaluate baseline", description=__doc__.split("\n")[0])
    parser.add_argument("gates", nargs="*", help=f"gates to run (default: all of {', '.join(GATES)})")
    parser.add_argument("--update", action="store_true", help="raise the floors to today's figures")
    parser.add_argument("--allow-lower", action="store_true", help="with --update: lower floors that fell")
    parser.add_argument("--file", type=Path, default=BASELINE, help="the baseline file")
    args = parser.parse_args(argv)
    unknown = [g for g in args.gates if g not in GATES]
    if unknown:
        print(f"unknown gate: {', '.join(unknown)} (known: {', '.join(GATES)})", file=sys.stderr)
        return 2
    baseline = load(args.file)
    problems: list[str] = []
    for name in args.gates or list(GATES):
        if not available(name):
            print(f"{name:<15} skipped: gold not on this machine ({', '.join(GATES[name].gold)})")
            continue
        figures = measure(name)
        if args.update:
            problems += update(name, figures, baseline, args.allow_lower)
        else:
            problems += check(name, figures, baseline)
        shown = "  ".join(f"{k} {v:.3f}" for k, v in sorted(figures.items()))
        print(f"{name:<15} {shown}")
    if args.update:
        args.file.write_text(json.dumps(baseline, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    for problem in problems:
        print(problem, file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
