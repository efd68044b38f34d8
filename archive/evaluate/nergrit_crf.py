"""A reference for the NERGrit figures: ``python -m archive.evaluate nergrit_crf [PATH] [--folds K]``.

A plain sentence-level CRF with no rules at all: every token of every sentence labelled BIO from the
same word features the extractor's tagger uses (the word, its shape and affixes, the gazetteer, first
names, titles, heads, roles) and the words around it, trained and cross-validated on NERGrit by the
same folds as ``python -m archive.evaluate nergrit --folds K`` (article n in fold n % K) and scored by
the same scorer (character spans, sites left out, facilities either type).

It is not used at ingest: it learns NERGrit's conventions and its prose, and the archive's own rules hold
the news sets (see the README's quality section). It says what a model learns from NERGrit alone, so
the extractor's figure can be read against it.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path
from typing import Sequence

from archive.errors import InputError
from archive.evaluate import nergrit
from archive.normalize.entities import gazetteer, tagger

_KINDS = {"PERSON": "person", "PLACE": "place", "ORGANISATION": "organization"}


def _shape(word: str) -> str:
    if not word[:1].isalnum():
        return "p"  # punctuation: the sentence-level model sees every token
    return tagger.shape(word)


def sentence_features(words: Sequence[str]) -> list[list[str]]:
    """Features of every token of a pre-tokenized sentence: its own and its neighbours' (±2 words)."""
    own = [tagger.word_features(w, gazetteer.norm(w)) for w in words]
    out = []
    for i in range(len(words)):
        f = list(own[i])
        if i == 0:
            f.append("BOS")
        for d in (-2, -1, 1, 2):
            j = i + d
            if 0 <= j < len(words):
                f.append(f"{d}w=" + words[j].casefold())
                f.append(f"{d}s=" + _shape(words[j]))
                if abs(d) == 1:
                    f.extend(f"{d}" + x for x in own[j][7:])  # the neighbour's word-list flags
        out.append(f)
    return out


def _spans(labels: Sequence[str]) -> list[tuple[int, int, str]]:
    out, i = [], 0
    while i < len(labels):
        kind = labels[i][2:]
        if labels[i] == "O" or kind not in _KINDS:
            i += 1
            continue
        j = i + 1
        while j < len(labels) and labels[j] == "I-" + kind:
            j += 1
        out.append((i, j, _KINDS[kind]))
        i = j
    return out


def evaluate(path: str | Path = nergrit.DEFAULT_PATH, folds: int = 5) -> dict:
    """Cross-validated scores of the sentence-level CRF (see the module docstring)."""
    import pycrfsuite

    tagged = nergrit.read_conll(path)
    words = [[w for w, _ in s] for s in tagged]
    labels = [[t for _, t in s] for s in tagged]
    features = [sentence_features(w) for w in words]
    per = nergrit.PER_ARTICLE
    fold_of = [(k // per) % folds for k in range(len(tagged))]
    predictions: list[list[tuple[int, int, str]]] = [[] for _ in tagged]
    with tempfile.TemporaryDirectory() as scratch:
        for fold in range(folds):
            trainer = pycrfsuite.Trainer(verbose=False)
            for k in range(len(tagged)):
                if fold_of[k] != fold:
                    trainer.append(features[k], labels[k])
            trainer.set_params(dict(tagger.TRAIN_PARAMS))
            model = str(Path(scratch) / f"fold{fold}.crfsuite")
            trainer.train(model)
            crf = pycrfsuite.Tagger()
            crf.open(model)
            for k in range(len(tagged)):
                if fold_of[k] == fold:
                    _, offsets = nergrit.detokenize(words[k])
                    predictions[k] = [(offsets[a][0], offsets[b - 1][1], kind)
                                      for a, b, kind in _spans(crf.tag(features[k]))]
    return nergrit.score([nergrit.to_sentence(s) for s in tagged], predictions)


def main(argv: list[str]) -> int:
    """Print exact and loose scores per type; exit 0."""
    parser = argparse.ArgumentParser(prog="python -m archive.evaluate nergrit_crf",
                                     description=__doc__.split("\n")[0])
    parser.add_argument("path", nargs="?", default=nergrit.DEFAULT_PATH, help="NERGrit file (token<TAB>tag)")
    parser.add_argument("--folds", type=int, default=5, help="K-fold cross-validation (K ≥ 2)")
    args = parser.parse_args(argv)
    if args.folds < 2:
        parser.error("--folds needs 2 or more")
    try:
        result = evaluate(args.path, args.folds)
    except InputError as exc:
        print(exc, file=sys.stderr)
        return 2
    print(f"== sentence-level CRF, no rules, on {args.path} ({args.folds}-fold cross-validation)")
    for mode in ("exact", "loose"):
        for kind, s in result[mode].items():
            print(f"  {mode:<5} {kind:<12} P={s['precision']:.3f} R={s['recall']:.3f} F1={s['f1']:.3f}")
    return 0
