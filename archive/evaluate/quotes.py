"""Score the quote extractor on a dev set: ``python -m archive.evaluate quotes [PATH]``.

Only attributed quotes count: a prediction is a quote returned *with* a speaker, and the gold
lists only quotes that have a speaker (a scare quote or title returned with ``speaker=None`` is
neither a hit nor a false alarm; given a speaker, it is a false positive). A prediction matches a
gold quote of the same passage with the same text after whitespace normalization. A quote
continued over paragraphs is one gold entry per paragraph piece, as the extractor returns it.
Speaker accuracy is over matched quotes: the last word of our speaker among the gold speaker's
words (``scoring.speaker_matches``, the rule the PolNeAR scoring uses: "Trump" for "Donald Trump");
``exact`` counts case-insensitive identical names.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from archive.evaluate.scoring import speaker_matches
from archive.normalize.quotes import extract_quotes

DEFAULT_PATH = Path("tests/data/quotes_dev.jsonl")
_SPACE = re.compile(r"\s+")


def _norm(text: str | None) -> str:
    return _SPACE.sub(" ", text or "").strip()


def _blank() -> dict:
    return {"passages": 0, "gold": 0, "predicted": 0, "matched": 0, "speaker_ok": 0, "exact_ok": 0, "cue_ok": 0}


def _finish(c: dict) -> dict:
    p = c["matched"] / c["predicted"] if c["predicted"] else 1.0
    r = c["matched"] / c["gold"] if c["gold"] else 1.0
    c["precision"] = p
    c["recall"] = r
    c["f1"] = 2 * p * r / (p + r) if p + r else 0.0
    c["speaker_accuracy"] = c["speaker_ok"] / c["matched"] if c["matched"] else 1.0
    c["exact_speaker_accuracy"] = c["exact_ok"] / c["matched"] if c["matched"] else 1.0
    c["cue_accuracy"] = c["cue_ok"] / c["matched"] if c["matched"] else 1.0
    return c


def evaluate(path: str | Path = DEFAULT_PATH) -> dict:
    """Counts and scores per language and overall, plus the list of misses."""
    counts: dict[str, dict] = {}
    misses: list[dict] = []
    for line in Path(path).read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        rec = json.loads(line)
        lang = rec.get("language") or "?"
        predicted = [q for q in extract_quotes(rec["paragraphs"], rec.get("language")) if q.speaker]
        for key in (lang, "overall"):
            c = counts.setdefault(key, _blank())
            c["passages"] += 1
            c["gold"] += len(rec["quotes"])
            c["predicted"] += len(predicted)
        free = list(predicted)
        for gold in rec["quotes"]:
            text = _norm(gold["text"])
            same = [q for q in free if _norm(q.text) == text]
            match = next((q for q in same if q.paragraph == gold["paragraph"]), same[0] if same else None)
            if match is None:
                misses.append({"id": rec["id"], "kind": "missed", "text": gold["text"], "gold_speaker": gold["speaker"]})
                continue
            free.remove(match)
            exact_ok = _norm(match.speaker).casefold() == _norm(gold["speaker"]).casefold()
            speaker_ok = speaker_matches(match.speaker, gold["speaker"])
            cue_ok = _norm(match.cue).casefold() == _norm(gold.get("cue")).casefold()
            for key in (lang, "overall"):
                counts[key]["matched"] += 1
                counts[key]["speaker_ok"] += speaker_ok
                counts[key]["exact_ok"] += exact_ok
                counts[key]["cue_ok"] += cue_ok
            if not speaker_ok:
                misses.append(
                    {"id": rec["id"], "kind": "wrong speaker", "text": gold["text"],
                     "gold_speaker": gold["speaker"], "speaker": match.speaker}
                )
        for q in free:
            misses.append({"id": rec["id"], "kind": "spurious", "text": q.text, "speaker": q.speaker})
    return {"scores": {k: _finish(v) for k, v in counts.items()}, "misses": misses}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m archive.evaluate quotes", description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", type=Path, default=DEFAULT_PATH, help=f"a JSONL set (default {DEFAULT_PATH})")
    path = parser.parse_args(argv).path
    if not path.exists():
        print(f"no such dev set: {path}", file=sys.stderr)
        return 2
    result = evaluate(path)
    print(f"{'set':<8} {'pass':>4} {'gold':>5} {'pred':>5} {'match':>5} {'P':>6} {'R':>6} {'F1':>6} {'spk':>6} {'exact':>6} {'cue':>6}")
    scores = result["scores"]
    for key in sorted(scores, key=lambda k: (k == "overall", k)):
        c = scores[key]
        print(
            f"{key:<8} {c['passages']:>4} {c['gold']:>5} {c['predicted']:>5} {c['matched']:>5} "
            f"{c['precision']:>6.3f} {c['recall']:>6.3f} {c['f1']:>6.3f} {c['speaker_accuracy']:>6.3f} "
            f"{c['exact_speaker_accuracy']:>6.3f} {c['cue_accuracy']:>6.3f}"
        )
    if result["misses"]:
        print(f"\nmisses ({len(result['misses'])}):")
        for m in result["misses"]:
            detail = f"gold={m.get('gold_speaker')!r} got={m.get('speaker')!r}"
            print(f"  {m['id']:<7} {m['kind']:<13} {detail}  {m['text'][:70]!r}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
