"""Train and check the learned last quote rule (``archive/normalize/quotes/residual.py``) on PolNeAR.

    python -m archive.evaluate residual                 # 5-fold cross-validation on train, then dev
    python -m archive.evaluate residual --train         # ... and write the shipped weights

The rows are the quotes the other English rules leave without a speaker, one row per candidate
source. A candidate is right when its name's last word is among the gold source's words (for a
named source), or when it is the same words (a pronoun or description as written); a quote the gold
leaves unattributed makes every candidate wrong; other candidates teach nothing and are left out.
A logistic model (NumPy, L2) learns the candidates' features. The thresholds (one for a named
candidate, whose mistakes cost named-speaker accuracy, one for the others) are chosen on the
cross-validated scores: the F1 of the whole extractor on train is highest there while its
named-speaker accuracy stays at or above :data:`MIN_NAMED`. The weights are written with a hash of
the training file.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from archive.evaluate.polnear import _norm, evaluate, is_named, split_path
from archive.evaluate.scoring import prf, speaker_matches
from archive.normalize.quotes import residual
from archive.normalize.quotes.extract import _extract, split_lines
from archive.normalize.quotes.rules import RULES

WEIGHTS = Path(residual.__file__).parent / "data" / "residual_en.json"
MIN_NAMED = 0.972  # the 0.97, and a little room: the held-out articles are not these
L2 = 1.0
STEPS = 400


@dataclass
class Quote:
    """One quote the rules left unattributed, with its candidates' features and labels."""

    article: int
    gold: bool  # the gold gives it a source
    named: bool  # ... a source with a proper name
    rows: list[tuple[list[str], int | None]] = field(default_factory=list)  # (features, label or None)


def collect(path: Path) -> list[Quote]:
    """The residual quotes of every article in ``path``."""
    rules = [r for r in RULES["en"] if r.name != "learned"]
    out: list[Quote] = []
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines()):
        if not line.strip():
            continue
        rec = json.loads(line)
        gold = {(g["paragraph"], _norm(g["text"])): g for g in rec["quotes"]}
        paras = rec["paragraphs"]
        lines, origin = split_lines(paras)

        def observe(site, item, n=n, lines=lines, origin=origin, gold=gold) -> None:
            if item.attribution is not None or item.rule is not None:
                return
            para, offset = origin[site.para]
            g = gold.get((para, _norm(lines[site.para][site.span.start : site.span.end])))
            quote = Quote(n, g is not None, g is not None and is_named(g["speaker"]))
            for candidate in residual.candidates(site):
                quote.rows.append((residual.features(site, candidate), _label(candidate, g)))
            out.append(quote)

        _extract(lines, "en", rules=rules, observe=observe)
    return out


def _label(candidate: residual.Candidate, gold: dict | None) -> int | None:
    if gold is None:
        return 0
    source = gold["speaker"] or ""
    name = candidate.phrase.name or candidate.phrase.text
    if is_named(source):
        return None if candidate.phrase.pronoun else int(speaker_matches(name, source))
    return 1 if name.casefold() == source.casefold() else None


def _train(quotes: list[Quote]):
    import numpy as np

    rows = [(f, y) for q in quotes for f, y in q.rows if y is not None]
    vocab: dict[str, int] = {}
    for f, _y in rows:
        for name in f:
            vocab.setdefault(name, len(vocab))
    x = np.zeros((len(rows), len(vocab)), dtype=np.float32)
    for i, (f, _y) in enumerate(rows):
        x[i, [vocab[name] for name in f]] = 1.0
    y = np.array([label for _f, label in rows], dtype=np.float32)
    w, b = np.zeros(len(vocab)), 0.0
    for _ in range(STEPS):  # gradient descent on the L2-regularised log loss
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        w -= 2.0 * (x.T @ (p - y) + L2 * w) / len(y)
        b -= 2.0 * float((p - y).mean())
    weights = {name: round(float(w[j]), 4) for name, j in vocab.items() if abs(w[j]) >= 1e-4}
    return residual.Model(weights, round(b, 4), 0.5, 0.5)


def _best(quote: Quote, model: residual.Model) -> tuple[float, int | None, bool]:
    """The best candidate's score, label, and whether it is a name (names have their own threshold)."""
    scored = [(model.score(f), y, any(name.endswith("|name") for name in f)) for f, y in quote.rows]
    return max(scored, key=lambda s: s[0]) if scored else (0.0, None, False)


def _figures(base: dict, picks: list[tuple[float, Quote, int | None, bool]], name_threshold: float, threshold: float) -> dict:
    """The whole extractor's figures when the learned rule adds the picks scoring their threshold
    or more (``name_threshold`` for a named candidate, ``threshold`` for the others)."""
    added = [(q, y) for s, q, y, named in picks if s >= (name_threshold if named else threshold)]
    matched = base["matched"] + sum(q.gold for q, _y in added)
    predicted = base["predicted"] + len(added)
    named = base["named"] + sum(q.named for q, _y in added)
    named_ok = base["named_ok"] + sum(q.named and y == 1 for q, y in added)
    p, r, f1 = prf(matched, predicted, base["gold"])
    return {"name_threshold": name_threshold, "threshold": threshold, "added": len(added), "precision": p,
            "recall": r, "f1": f1, "named_speaker_accuracy": named_ok / named if named else 1.0}


def _choose(base: dict, picks: list[tuple[float, Quote, int | None, bool]]) -> dict:
    tried = [_figures(base, picks, n / 100, t / 100) for n in range(50, 100, 2) for t in range(40, 100, 2)]
    allowed = [f for f in tried if f["named_speaker_accuracy"] >= MIN_NAMED] or tried
    return max(allowed, key=lambda f: (round(f["f1"], 4), f["name_threshold"], f["threshold"]))


def cross_validate(quotes: list[Quote], base: dict, folds: int = 5) -> tuple[dict, list]:
    """Scores of each quote by a model trained on the other folds' articles; the best threshold."""
    picks = []
    for k in range(folds):
        model = _train([q for q in quotes if q.article % folds != k])
        for q in quotes:
            if q.article % folds == k:
                score, label, named = _best(q, model)
                picks.append((score, q, label, named))
    return _choose(base, picks), picks


def _base(path: Path) -> dict:
    """The extractor's counts without the learned rule."""
    saved = residual.model
    residual.model = lambda: None  # type: ignore[assignment]
    try:
        return evaluate([path])["scores"]
    finally:
        residual.model = saved  # type: ignore[assignment]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m archive.evaluate residual", description=__doc__.split("\n")[0])
    parser.add_argument("--train", action="store_true", help=f"write the weights to {WEIGHTS}")
    parser.add_argument("--folds", type=int, default=5)
    args = parser.parse_args(argv)
    train_path, dev_path = split_path("train"), split_path("dev")
    if not train_path.exists():
        print(f"no PolNeAR train split at {train_path} (set ARCHIVE_POLNEAR)", file=sys.stderr)
        return 2
    quotes = collect(train_path)
    base = _base(train_path)
    chosen, _picks = cross_validate(quotes, base, args.folds)
    print(f"train, rules only: P {base['precision']:.3f} R {base['recall']:.3f} F1 {base['f1']:.3f} named {base['named_speaker_accuracy']:.3f}")
    print(f"train, {args.folds}-fold cross-validated, thresholds {chosen['name_threshold']:.2f} (names) / "
          f"{chosen['threshold']:.2f}: +{chosen['added']} quotes, "
          f"P {chosen['precision']:.3f} R {chosen['recall']:.3f} F1 {chosen['f1']:.3f} named {chosen['named_speaker_accuracy']:.3f}")
    model = _train(quotes)._replace(threshold=chosen["threshold"], name_threshold=chosen["name_threshold"])
    if dev_path.exists():
        dev_base = _base(dev_path)
        dev_picks = [(s, q, y, n) for q in collect(dev_path) for s, y, n in [_best(q, model)]]
        dev = _figures(dev_base, dev_picks, model.name_threshold, model.threshold)
        print(f"dev, rules only: P {dev_base['precision']:.3f} R {dev_base['recall']:.3f} F1 {dev_base['f1']:.3f} named {dev_base['named_speaker_accuracy']:.3f}")
        print(f"dev, trained on train: +{dev['added']} quotes, P {dev['precision']:.3f} R {dev['recall']:.3f} "
              f"F1 {dev['f1']:.3f} named {dev['named_speaker_accuracy']:.3f}")
    if args.train:
        data = {
            "about": "logistic weights of archive/normalize/quotes/residual.py, written by python -m archive.evaluate residual --train",
            "trained_on": {"file": "polnear/train.jsonl", "sha256": hashlib.sha256(train_path.read_bytes()).hexdigest()},
            "cross_validated": {k: round(v, 4) for k, v in chosen.items()},
            "threshold": model.threshold,
            "name_threshold": model.name_threshold,
            "bias": model.bias,
            "weights": dict(sorted(model.weights.items())),
        }
        WEIGHTS.parent.mkdir(exist_ok=True)
        WEIGHTS.write_text(json.dumps(data, indent=0, ensure_ascii=False) + "\n", encoding="utf-8")
        print(f"wrote {WEIGHTS} ({len(model.weights)} weights)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
