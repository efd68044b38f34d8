"""Score English quote attribution on PolNeAR: ``python -m archive.evaluate polnear [SPLIT|PATH...]``.

PolNeAR (``../shared/corpora/polnear/``, read its README) annotates every direct quote of 924 US
political articles with its source as written. It ships no licence, so it is read from the shared
folder and none of its text is copied into this repository.

- **Segments**: a prediction is a quote the extractor returned *with* a speaker; it matches a gold
  quote of the same paragraph with the same text (spaces folded, punctuation at either end ignored:
  the gold keeps the comma before "he said"). A quote returned without a speaker is no prediction.
- **Tokens**: the words inside attributed predictions against the words inside gold quotes, per
  paragraph, so a quote split or joined differently still earns partial credit.
- **Named speakers**: over matched quotes whose gold source contains a proper name, the speaker is
  right when the last word of ours is among the gold source's words (``Trump`` for ``Mr. Trump``,
  ``Clyburn`` for ``Rep. Jim Clyburn (D-S.C.), …``). Pronoun sources ("he") are resolved by us to a
  name and are checked by eye (``--pronouns``), since the gold gives only the pronoun.
- **Rules**: ``--rules`` splits predictions by the rule that fired (precision and speaker accuracy
  per rule), so a rule can be judged on its own.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path
from typing import Iterator

from archive.evaluate.scoring import prf, speaker_matches
from archive.normalize.quotes import extract_quotes

DEFAULT_DIR = Path(os.environ.get("ARCHIVE_POLNEAR", "../shared/corpora/polnear"))
_SPACE = re.compile(r"\s+")
_EDGES = re.compile(r"^\W+|\W+$")
_TOKEN = re.compile(r"\w+")
_WORD = re.compile(r"\w[\w’'\-]*")
# Capitalised words that are not names: a source made only of these is a pronoun or description.
_NOT_NAMES = frozenset(
    "he she it they i we you who which that the a an one another this these those his her their its our my".split()
)


def split_path(name: str) -> Path:
    """``dev`` / ``train`` name a split in the shared folder; anything else is a path."""
    return DEFAULT_DIR / f"{name}.jsonl" if name in ("dev", "train") else Path(name)


def _norm(text: str | None) -> str:
    return _EDGES.sub("", _SPACE.sub(" ", text or "").strip())


def is_named(source: str | None) -> bool:
    """The gold source contains a proper name (a capitalised word that is not a pronoun)."""
    return bool(source) and any(w[:1].isupper() and w.casefold().rstrip(".") not in _NOT_NAMES for w in _WORD.findall(source))


def _tokens(paragraph: str, spans: list[tuple[int, int]]) -> set[int]:
    """Start offsets of the words of ``paragraph`` that lie inside any of ``spans``."""
    out: set[int] = set()
    for a, b in spans:
        out.update(m.start() for m in _TOKEN.finditer(paragraph, a, b))
    return out


def _gold_spans(paragraph: str, texts: list[str]) -> list[tuple[int, int]]:
    spans, pos = [], 0
    for text in texts:
        at = paragraph.find(text, pos)
        if at < 0:
            at = paragraph.find(text)
        if at >= 0:
            spans.append((at, at + len(text)))
            pos = at + len(text)
    return spans


def _records(paths: list[Path]) -> Iterator[dict]:
    for path in paths:
        with path.open(encoding="utf-8") as fh:
            for line in fh:
                if line.strip():
                    yield json.loads(line)


def evaluate(paths: list[Path]) -> dict:
    """Counts, scores, per-rule counts and the list of misses over the articles in ``paths``."""
    c: Counter = Counter()
    rules: dict[str, Counter] = {}
    misses: list[dict] = []
    pronouns: list[dict] = []
    for rec in _records(paths):
        paras = rec["paragraphs"]
        found = extract_quotes(paras, rec.get("language") or "en")
        predicted = [q for q in found if q.speaker]
        c["articles"] += 1
        c["gold"] += len(rec["quotes"])
        c["predicted"] += len(predicted)
        free = list(predicted)
        hit_ids: dict[int, bool | None] = {}
        for gold in rec["quotes"]:
            text = _norm(gold["text"])
            match = next((q for q in free if q.paragraph == gold["paragraph"] and _norm(q.text) == text), None)
            if match is None:
                unattributed = any(q.paragraph == gold["paragraph"] and _norm(q.text) == text for q in found)
                misses.append({"id": rec["id"], "kind": "no speaker" if unattributed else "missed",
                               "paragraph": gold["paragraph"], "text": gold["text"], "gold": gold["speaker"]})
                continue
            free.remove(match)
            c["matched"] += 1
            ok = None
            if is_named(gold["speaker"]):
                ok = speaker_matches(match.speaker, gold["speaker"])
                c["named"] += 1
                c["named_ok"] += ok
                if not ok:
                    misses.append({"id": rec["id"], "kind": "wrong speaker", "paragraph": gold["paragraph"],
                                   "text": gold["text"], "gold": gold["speaker"], "got": match.speaker, "rule": match.rule})
            elif gold["speaker"]:
                pronouns.append({"id": rec["id"], "paragraph": gold["paragraph"], "text": gold["text"],
                                 "gold": gold["speaker"], "got": match.speaker, "rule": match.rule})
            hit_ids[id(match)] = ok
        unattributed = {(u["paragraph"], _norm(u["text"])) for u in rec.get("unattributed", [])}
        for q in free:
            kind = "spurious (scare quote)" if (q.paragraph, _norm(q.text)) in unattributed else "spurious"
            misses.append({"id": rec["id"], "kind": kind, "paragraph": q.paragraph, "text": q.text,
                           "got": q.speaker, "rule": q.rule})
        for q in predicted:
            r = rules.setdefault(q.rule or "?", Counter())
            r["predicted"] += 1
            if id(q) in hit_ids:
                r["matched"] += 1
                if hit_ids[id(q)] is not None:
                    r["named"] += 1
                    r["named_ok"] += hit_ids[id(q)]
        for p, paragraph in enumerate(paras):
            gold_texts = [g["text"] for g in rec["quotes"] if g["paragraph"] == p]
            gold_tokens = _tokens(paragraph, _gold_spans(paragraph, gold_texts))
            ours = _tokens(paragraph, [(q.start, q.end) for q in predicted if q.paragraph == p])
            c["gold_tokens"] += len(gold_tokens)
            c["predicted_tokens"] += len(ours)
            c["matched_tokens"] += len(gold_tokens & ours)
    return {"scores": scores(c), "rules": {k: scores(v) for k, v in rules.items()}, "misses": misses, "pronouns": pronouns}


def scores(c: Counter) -> dict:
    """Precision, recall and F1 (segments and tokens) and named-speaker accuracy from counts."""
    out = dict(c)
    out["precision"], out["recall"], out["f1"] = prf(c["matched"], c["predicted"], c["gold"])
    if "gold_tokens" in c:
        out["token_precision"], out["token_recall"], out["token_f1"] = prf(
            c["matched_tokens"], c["predicted_tokens"], c["gold_tokens"]
        )
    out["named_speaker_accuracy"] = c["named_ok"] / c["named"] if c["named"] else 1.0
    return out


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m archive.evaluate polnear", description=__doc__.split("\n")[0])
    parser.add_argument("sets", nargs="*", default=["dev", "train"], help="dev, train or JSONL paths (default: dev train)")
    parser.add_argument("--misses", type=int, default=0, metavar="N", help="list the first N misses")
    parser.add_argument("--kind", default=None, help="only misses of this kind (missed, no speaker, wrong speaker, spurious)")
    parser.add_argument("--rules", action="store_true", help="precision and speaker accuracy per rule")
    parser.add_argument("--pronouns", type=int, default=0, metavar="N", help="show N pronoun-sourced quotes and our speaker")
    args = parser.parse_args(argv)
    paths = [split_path(s) for s in args.sets]
    missing = [str(p) for p in paths if not p.exists()]
    if missing:
        print(f"no such PolNeAR file: {', '.join(missing)} (set ARCHIVE_POLNEAR to the folder)", file=sys.stderr)
        return 2
    print(f"{'set':<10} {'art':>4} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'tokP':>6} {'tokR':>6} {'tokF1':>6} {'named':>6}")
    for name, path in zip(args.sets, paths):
        result = evaluate([path])
        s = result["scores"]
        print(
            f"{Path(name).stem:<10} {s['articles']:>4} {s['gold']:>5} {s['predicted']:>5} {s['matched']:>5} "
            f"{s['precision']:>6.3f} {s['recall']:>6.3f} {s['f1']:>6.3f} {s['token_precision']:>6.3f} "
            f"{s['token_recall']:>6.3f} {s['token_f1']:>6.3f} {s['named_speaker_accuracy']:>6.3f}"
        )
        if args.rules:
            for rule, r in sorted(result["rules"].items(), key=lambda kv: -kv[1]["predicted"]):
                print(f"  rule {rule:<18} {r['predicted']:>5} predicted  P {r['precision']:.3f}  named {r['named_speaker_accuracy']:.3f} ({r.get('named', 0)})")
        shown = [m for m in result["misses"] if args.kind in (None, m["kind"])][: args.misses]
        for m in shown:
            detail = f"gold={m.get('gold')!r} got={m.get('got')!r} rule={m.get('rule')}"
            print(f"  {m['kind']:<14} {m['id'][:40]:<40} ¶{m['paragraph']:<3} {detail}  {m['text'][:80]!r}")
        for m in result["pronouns"][: args.pronouns]:
            print(f"  pronoun {m['gold']!r:<10} -> {m['got']!r:<28} {m['id'][:40]:<40} ¶{m['paragraph']:<3} {m['text'][:60]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
