"""Score entity mentions on NERGrit: ``python -m archive.evaluate nergrit [PATH] [--folds K] [--errors N]``
(``--train OUT`` retrains the tagger, ``--min-confidence X`` shows its trade-off).

NERGrit (``tests/data/nergrit_train.txt``, a copy of ``../shared/corpora/nergrit/train.txt``,
Apache-2.0/MIT) tags Indonesian sentences token by token (BIO over PERSON, PLACE, ORGANISATION).
Sentences are joined back into text (no space before punctuation, none around hyphens), grouped
twelve to an article (a title line, then one sentence a paragraph) and run through the real
normalizer (:func:`archive.normalize.pipeline.normalize`: language detection, quotes, then entities),
and the article's ``paragraph`` mentions are compared with the gold spans:

- **exact**: same character span and same type;
- **loose**: overlapping spans of the same type, each gold and each prediction used once.

**Type convention.** The archive types a school, university, airport or hospital as the institution
it is: ``Universitas Indonesia``, ``Bandara Soekarno-Hatta`` are organizations. NERGrit tags them
places, though not consistently (``SMA Negeri 1 Malang`` is an organization
there, ``SMA Negeri 1 Surakarta`` a place). So a span that opens with a facility word
(``FACILITY_HEADS``) matches gold of type place or organization, whichever the gold says; every
other span must have the gold's type. Sites, buildings and streets (``Istana Merdeka``, ``Jalan
Tunjungan``: ``lexicon/data/id/site_heads.txt``) are no entities in the archive; NERGrit tags them
places, so spans opening with such a word are left out of the scoring, gold and predicted alike.
The extractor is not bent to NERGrit's choices.

The tagger the extractor uses for unsure runs is trained on this file, so the honest figure is
``--folds 5``: each fold is scored by a tagger trained on the other folds' articles only.
"""

from __future__ import annotations

import argparse
import logging
import re
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from archive.errors import InputError
from archive.normalize.entities import refine, tagger
from archive.normalize.entities.refine import site_heads
from archive.normalize.entities.segment import segment
from archive.normalize.entities.tokens import tokenize
from archive.normalize.pipeline import normalize
from archive.readers.base import Meta, RawDocument

log = logging.getLogger(__name__)

DEFAULT_PATH = Path("tests/data/nergrit_train.txt")
PER_ARTICLE = 12  # sentences an article, as in the held-out measurement
TYPES = {"PERSON": "person", "PLACE": "place", "ORGANISATION": "organization"}
# First words of the names of sites that are also institutions (see the module docstring).
FACILITY_HEADS = frozenset(
    "sma sman smp smpn sd sdn smk smkn mi mts ma man sekolah madrasah pesantren universitas universitet "
    "universiteit institut akademi politeknik stikes stmik bandara bandar rumah rs rsud rsup puskesmas "
    "university college school academy institute airport hospital".split())

# A NERGrit tag: outside, or the beginning or inside of a span of any type.
_TAG = re.compile(r"O|[BI]-[A-Z]+")
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}%")
_NO_SPACE_AFTER = frozenset("([{")


@dataclass
class Sentence:
    """One NERGrit sentence: its text and gold spans ``(start, end, type)``."""

    text: str
    gold: list[tuple[int, int, str]] = field(default_factory=list)


def read_conll(path: str | Path) -> list[list[tuple[str, str]]]:
    """Sentences of a ``token<TAB>tag`` file (blank line between sentences).

    Raises :class:`InputError` for a missing file or a line that is no token and BIO tag (the CRF
    trainer would be fed nonsense, and crashes on it), so the commands can say which line."""
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    try:
        with open(path, encoding="utf-8") as fh:
            for number, line in enumerate(fh, 1):
                line = line.rstrip("\n")
                if not line.strip():
                    if current:
                        sentences.append(current)
                        current = []
                    continue
                token, tab, tag = line.rpartition("\t")
                tag = tag.strip()
                if not (tab and token and _TAG.fullmatch(tag)):
                    raise InputError(f"{path}, line {number}: not a token<TAB>tag line with a BIO tag ({line[:60]!r})")
                current.append((token, tag))
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read {path}: {exc.strerror if isinstance(exc, OSError) else exc}") from exc
    if current:
        sentences.append(current)
    if not sentences:
        raise InputError(f"{path}: no tagged sentences")
    return sentences


def detokenize(tokens: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """The sentence as running text and each token's character span in it.

    Pre-tokenized text puts a space before punctuation and around hyphens and apostrophes
    (``Al - Ittihad``, ``O ' Reilly``); written text does not.
    """
    parts: list[str] = []
    spans: list[tuple[int, int]] = []
    pos = 0
    open_quote = False
    glue_next = True  # no space before the first token
    for k, tok in enumerate(tokens):
        space = not glue_next
        glue_next = False
        if tok in _NO_SPACE_BEFORE or tok in ("-", "/"):
            space = False
        if tok == '"':
            space = space and not open_quote  # an opening quote keeps its space, a closing one does not
            glue_next = not open_quote
            open_quote = not open_quote
        elif tok == "'":
            space = False
            nxt = tokens[k + 1] if k + 1 < len(tokens) else ""
            glue_next = nxt.casefold() == "s" or (k > 0 and len(tokens[k - 1]) == 1)
        elif tok in ("-", "/") or tok in _NO_SPACE_AFTER:
            glue_next = True
        if space:
            parts.append(" ")
            pos += 1
        spans.append((pos, pos + len(tok)))
        parts.append(tok)
        pos += len(tok)
    return "".join(parts), spans


def to_sentence(tagged: list[tuple[str, str]]) -> Sentence:
    """Detokenized text with its gold spans (an ``I-`` tag without its ``B-`` opens a span)."""
    text, spans = detokenize([t for t, _ in tagged])
    gold: list[tuple[int, int, str]] = []
    current: list | None = None
    for (start, end), (_, tag) in zip(spans, tagged):
        prefix, _, kind = tag.partition("-")
        if prefix == "I" and current is not None and current[2] == TYPES.get(kind):
            current[1] = end
            continue
        if current is not None:
            gold.append(tuple(current))
            current = None
        if prefix in ("B", "I") and kind in TYPES:
            current = [start, end, TYPES[kind]]
    if current is not None:
        gold.append(tuple(current))
    return Sentence(text, gold)


def load(path: str | Path = DEFAULT_PATH) -> list[Sentence]:
    """Every sentence of a NERGrit file, detokenized."""
    return [to_sentence(s) for s in read_conll(path)]


def predict(sentences: list[Sentence], number: int = 0) -> list[list[tuple[int, int, str]]]:
    """Spans ``(start, end, type)`` the archive finds in each sentence, the sentences being one article."""
    raw = RawDocument(source_path=f"nergrit-{number}", text="\n\n".join(s.text for s in sentences),
                      format="text", metadata=(Meta("title", f"Artikel {number + 1}", "nergrit"),),
                      paragraphs=tuple(s.text for s in sentences))
    article = normalize(raw)
    types = {e.key: e.type for e in article.entities}
    # the normalizer may strip a dateline or drop a furniture line: find each paragraph's sentence
    where: dict[int, tuple[int, int]] = {}
    j = 0
    for p, text in enumerate(article.paragraphs):
        for k in range(j, len(sentences)):
            at = sentences[k].text.find(text)
            if at >= 0:
                where[p], j = (k, at), k + 1
                break
        else:
            log.warning("article %d: paragraph %d not found among its sentences", number, p)
    out: list[list[tuple[int, int, str]]] = [[] for _ in sentences]
    for m in article.mentions:
        if m.field == "paragraph" and m.paragraph in where:
            k, at = where[m.paragraph]
            out[k].append((m.start + at, m.end + at, types[m.entity_key]))
    return out


def _is_facility(text: str) -> bool:
    words = text.split()
    return bool(words) and words[0].casefold().strip(".") in FACILITY_HEADS


def _same_type(text: str, gold: tuple[int, int, str], pred: tuple[int, int, str]) -> bool:
    if gold[2] == pred[2]:
        return True
    facility = {"place", "organization"}
    return gold[2] in facility and pred[2] in facility and (
        _is_facility(text[gold[0]:gold[1]]) or _is_facility(text[pred[0]:pred[1]]))


def _is_site(text: str, span: tuple[int, int, str]) -> bool:
    words = text[span[0]:span[1]].split()
    return bool(words) and words[0].casefold() in site_heads()


def match(text: str, gold: list[tuple[int, int, str]], pred: list[tuple[int, int, str]],
          loose: bool) -> list[tuple[int, int]]:
    """Pairs (gold index, prediction index): same span (or overlapping ones when ``loose``) and type,
    one-to-one, the largest overlaps first."""
    candidates = []
    for g, gs in enumerate(gold):
        for p, ps in enumerate(pred):
            if not _same_type(text, gs, ps):
                continue
            if loose:
                overlap = min(gs[1], ps[1]) - max(gs[0], ps[0])
                if overlap > 0:
                    candidates.append((-overlap, g, p))
            elif gs[:2] == ps[:2]:
                candidates.append((0, g, p))
    pairs, used_g, used_p = [], set(), set()
    for _, g, p in sorted(candidates):
        if g not in used_g and p not in used_p:
            pairs.append((g, p))
            used_g.add(g)
            used_p.add(p)
    return pairs


def _prf(tp: int, n_pred: int, n_gold: int) -> dict:
    p = tp / n_pred if n_pred else 1.0
    r = tp / n_gold if n_gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"tp": tp, "predicted": n_pred, "gold": n_gold, "precision": round(p, 4), "recall": round(r, 4),
            "f1": round(f, 4)}


def score(sentences: list[Sentence], predictions: list[list[tuple[int, int, str]]]) -> dict:
    """Exact and loose precision, recall and F1, overall and per type, with the errors of each kind."""
    out: dict = {}
    for mode in ("exact", "loose"):
        counts = {t: [0, 0, 0] for t in ("all", *TYPES.values())}  # tp, predicted, gold
        misses, spurious = [], []
        for k, (sent, pred) in enumerate(zip(sentences, predictions)):
            gold = [g for g in sent.gold if not _is_site(sent.text, g)]
            pred = [p for p in pred if not _is_site(sent.text, p)]
            pairs = match(sent.text, gold, pred, mode == "loose")
            gold_of = {p: gold[g] for g, p in pairs}
            matched_g = {g for g, _ in pairs}
            for g in gold:
                counts[g[2]][2] += 1
                counts["all"][2] += 1
            for p, span in enumerate(pred):
                kind = gold_of[p][2] if p in gold_of else span[2]  # a matched facility counts as its gold
                counts[kind][1] += 1
                counts["all"][1] += 1
                if p in gold_of:
                    counts[kind][0] += 1
                    counts["all"][0] += 1
                else:
                    spurious.append((k, span))
            misses.extend((k, g) for i, g in enumerate(gold) if i not in matched_g)
        out[mode] = {t: _prf(*c) for t, c in counts.items()}
        out[mode + "_errors"] = {"missed": misses, "spurious": spurious}
    return out


def articles(sentences: list[Sentence], per: int = PER_ARTICLE) -> list[list[Sentence]]:
    """Consecutive sentences, ``per`` to an article."""
    return [sentences[i:i + per] for i in range(0, len(sentences), per)]


def training_sequences(sentences: list[Sentence]) -> list[tuple[list[list[str]], list[str]]]:
    """The tagger's training data: each capitalized run of each sentence as (features, gold labels),
    the features built as at ingest from the rules' spans (see :mod:`archive.normalize.entities.tagger`)."""
    out = []
    for sent in sentences:
        tokens = tokenize(sent.text)
        rule = tagger.rule_labels(tokens, segment(sent.text, "id", learned=False))
        gold = [(a, b, "org" if kind == "organization" else kind) for a, b, kind in sent.gold]
        for lo, hi in tagger.runs(sent.text, tokens):
            out.append((tagger.features(sent.text, tokens, lo, hi, rule), tagger.gold_labels(tokens, lo, hi, gold)))
    return out


def train(path: str | Path, out: str | Path) -> int:
    """Train the tagger on every sentence of ``path`` and write the model to ``out``; sequences used."""
    sequences = training_sequences(load(path))
    tagger.train(sequences, out)
    return len(sequences)


def lowercased(sentences: list[Sentence]) -> list[Sentence]:
    """The sentences written without capitals (gold offsets hold: only letters that keep their length)."""
    out = []
    for s in sentences:
        text = "".join(c.lower() if len(c.lower()) == 1 else c for c in s.text)
        out.append(Sentence(text, s.gold))
    return out


def evaluate(path: str | Path = DEFAULT_PATH, per: int = PER_ARTICLE, folds: int = 0, lowercase: bool = False) -> dict:
    """Scores of the whole file (see :func:`score`). With ``folds`` K > 1, K-fold cross-validation:
    article n is scored by a tagger trained on the articles of the other folds (n % K differs), so
    no sentence is scored by a model that saw it."""
    sentences = load(path)
    if lowercase:  # the tagger still trains on the cased text: only the text read is caseless
        cased, sentences = articles(sentences, per), lowercased(sentences)
    groups = articles(sentences, per)
    predictions: list[list[list[tuple[int, int, str]]]] = [[] for _ in groups]
    if folds > 1:
        sequences = [training_sequences(group) for group in (cased if lowercase else groups)]
        with tempfile.TemporaryDirectory() as scratch:
            for fold in range(folds):
                model = Path(scratch) / f"fold{fold}.crfsuite"
                tagger.train([s for n, seqs in enumerate(sequences) if n % folds != fold for s in seqs], model)
                with tagger.use_model(model):
                    for n in range(fold, len(groups), folds):
                        predictions[n] = predict(groups[n], n)
    else:
        predictions = [predict(group, n) for n, group in enumerate(groups)]
    result = score(sentences, [p for group in predictions for p in group])
    result["sentences"] = sentences
    return result


def _show(sentences: list[Sentence], item: tuple[int, tuple[int, int, str]]) -> str:
    k, (start, end, kind) = item
    text = sentences[k].text
    return f"{kind:<12} {text[start:end]!r:40} … {text[max(0, start - 40):end + 40]}"


def main(argv: list[str]) -> int:
    """Print exact and loose scores per type (and ``--errors N`` of each kind); exit 0."""
    parser = argparse.ArgumentParser(prog="python -m archive.evaluate nergrit", description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=DEFAULT_PATH, help="NERGrit file (token<TAB>tag)")
    parser.add_argument("--errors", type=int, default=0, help="print the first N misses and spurious spans")
    parser.add_argument("--folds", type=int, default=0,
                        help="K-fold cross-validation: each fold scored by a tagger trained on the others")
    parser.add_argument("--train", metavar="OUT", help="train the tagger on the whole file, write it to OUT, exit")
    shipped = ", ".join(f"{kind} {value}" for kind, value in refine.MIN_CONFIDENCE.items())
    parser.add_argument("--min-confidence", type=float, default=None,
                        help=f"confidence a tagged span of any kind needs (default: the extractor's, {shipped})")
    parser.add_argument("--lowercase", action="store_true",
                        help="score the sentences written all in lower case (the extractor restores names' capitals)")
    args = parser.parse_args(argv)
    refine.set_min_confidence(args.min_confidence)
    try:
        if args.train:
            print(f"trained on {train(args.path, args.train)} runs of {args.path}: {args.train}")
            return 0
        result = evaluate(args.path, folds=args.folds, lowercase=args.lowercase)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    sentences = result["sentences"]
    how = f"{args.folds}-fold cross-validation" if args.folds > 1 else "the installed tagger"
    how += ", lower-cased" if args.lowercase else ""
    print(f"== NERGrit {args.path} ({len(sentences)} sentences, {len(articles(sentences))} articles; {how})")
    for mode in ("exact", "loose"):
        for kind, s in result[mode].items():
            print(f"  {mode:<5} {kind:<12} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}  "
                  f"(tp={s['tp']} predicted={s['predicted']} gold={s['gold']})")
    if args.errors:
        errors = result["loose_errors"]
        print(f"-- missed (loose), first {args.errors} of {len(errors['missed'])}")
        for item in errors["missed"][:args.errors]:
            print("  " + _show(sentences, item))
        print(f"-- spurious (loose), first {args.errors} of {len(errors['spurious'])}")
        for item in errors["spurious"][:args.errors]:
            print("  " + _show(sentences, item))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
