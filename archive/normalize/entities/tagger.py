"""A learned tagger for the capitalized runs the rules are unsure of, in Indonesian text.

The rules settle most names (a gazetteer place, a title before a name, a known organization). A
run they cannot settle ("Pink Floyd", "PSMS Medan", "Desa Kedungbulus", a bare "Cruyff") goes to a
linear-chain CRF (python-crfsuite) that labels its tokens BIO as person, place or organization from
the words, their shapes, the word lists, the words around the run and what the rules made of it.
Only the tokens of unsure runs get features, so ingest pays for the tagger only where it is used.

The model (``data/id_tagger.crfsuite``) is trained on NERGrit's train split by
``python -m archive.evaluate nergrit --train PATH``; its figures come from cross-validation there.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from functools import lru_cache
from importlib.resources import as_file, files
from pathlib import Path
from typing import Iterator, Sequence

from archive.normalize.entities import gazetteer, lexicon, organizations as orgs, people
from archive.normalize.entities.tokens import Token

log = logging.getLogger(__name__)

MODEL_NAME = "id_tagger.crfsuite"
# Training settings of the shipped model (python -m archive.evaluate nergrit --train).
TRAIN_PARAMS = {"c1": 0.1, "c2": 0.05, "max_iterations": 200, "feature.possible_transitions": True}
KINDS = {"PERSON": "person", "PLACE": "place", "ORGANISATION": "org"}
LABELS = {kind: label for label, kind in KINDS.items()}
SETTLED = frozenset(("person", "org", "place"))  # rule kinds that settle the tokens they cover

# Lower-case words inside a name between capitalized ones ("Bank of America", "Ahmad bin Ali").
_CONNECTORS = lexicon.NAME_PARTICLES | lexicon.ORG_CONNECTORS | lexicon.CAP_PARTICLES


def runs(text: str, tokens: Sequence[Token]) -> list[tuple[int, int]]:
    """Token ranges ``[lo, hi)`` of the capitalized runs of a string: capitalized words with the
    numbers and lower-case connectors between them, opened by a lower-case place head before a
    capital ("desa Suren") and closed by a number ("SMA Negeri 1", "Liga 2")."""
    out: list[tuple[int, int]] = []
    n = len(tokens)
    heads = gazetteer.place_heads()
    i = 0
    while i < n:
        t = tokens[i]
        if not t.cap and not (t.norm in heads and i + 1 < n and tokens[i + 1].cap
                              and text[t.end:tokens[i + 1].start] == " "):
            i += 1
            continue
        j = i + 1
        while j < n:
            prev, tok = tokens[j - 1], tokens[j]
            gap = text[prev.end:tok.start]
            if gap != " " and not (gap == ". " and len(prev.text) == 1 and prev.cap):
                break
            if tok.cap or tok.text[0].isdigit():
                j += 1
            elif tok.norm in _CONNECTORS and j + 1 < n and tokens[j + 1].cap and \
                    text[tok.end:tokens[j + 1].start] == " ":
                j += 1
            else:
                break
        out.append((i, j))
        i = j
    return out


def shape(word: str) -> str:
    """A word's shape: "d" (opens with a digit), "XX" (all capitals), "Xx" (capitalized), "x"."""
    if word[:1].isdigit():
        return "d"
    if len(word) > 1 and word.isupper():
        return "XX"
    return "Xx" if word[:1].isupper() else "x"


@lru_cache(maxsize=1 << 15)
def word_features(word: str, norm: str) -> tuple[str, ...]:
    """What a word is on its own (pure, and news repeats its words, so cached)."""
    low = word.casefold()
    out = ["w=" + low, "s=" + shape(word), "p3=" + low[:3], "x3=" + low[-3:], "x2=" + low[-2:],
           "p4=" + low[:4], "x4=" + low[-4:]]
    gaz = gazetteer.get()
    place = gaz.phrases.get(norm)
    if place is not None:
        out.append("gaz=" + place.kind)
    elif norm in gaz.prefixes:
        out.append("gazpre")
    if people.is_first_name(word, "id"):
        out.append("fn")
    if (norm,) in lexicon.TITLES:
        out.append("title")
    if norm in orgs.HEAD_INITIAL:
        out.append("orghead")
    if norm in gazetteer.place_heads():
        out.append("placehead")
    if (norm,) in lexicon.ROLES:
        out.append("role")
    if word[:1].isupper() and lexicon.is_indonesian_word(word):
        out.append("idword")
    if norm in lexicon.stop_or_calendar_words():
        out.append("stop")
    return tuple(out)


def features(text: str, tokens: Sequence[Token], lo: int, hi: int, rule: dict[int, str]) -> list[list[str]]:
    """Features of the tokens of run ``[lo, hi)``: the word, its neighbours in the run, the words
    around the run and the rules' label of the token (``rule``: token index -> "B-place"...)."""
    words = [word_features(t.text, t.norm) for t in tokens[lo:hi]]
    size = "len=%d" % min(hi - lo, 5)
    out = []
    for k in range(lo, hi):
        t = tokens[k]
        f = [*words[k - lo], size, "r=" + rule.get(k, "-")]
        if t.sentence_start:
            f.append("SS")
        if k == lo:
            f.append("first")
            if k > 0:
                prev = tokens[k - 1]
                f.append("pw=" + prev.norm)
                f.append("pgap=" + text[prev.end:t.start].strip()[:2])
                if k > 1:
                    f.append("ppw=" + tokens[k - 2].norm)
            else:
                f.append("pw=BOS")
        if k == hi - 1:
            f.append("last")
            if k + 1 < len(tokens):
                nxt = tokens[k + 1]
                f.append("nw=" + nxt.norm)
                f.append("ngap=" + text[t.end:nxt.start].strip()[:2])
                if k + 2 < len(tokens):
                    f.append("nnw=" + tokens[k + 2].norm)
            else:
                f.append("nw=EOS")
        for d in (-1, 1):
            j = k + d
            if lo <= j < hi:
                near = words[j - lo]
                f.append(f"{d}w=" + tokens[j].norm)
                f.append(f"{d}" + near[1])
                f.extend(f"{d}" + x for x in near[7:])
        out.append(f)
    return out


def run_key(text: str, tokens: Sequence[Token], lo: int, hi: int, rule: dict[int, str]) -> tuple:
    """Everything :func:`features` reads for run ``[lo, hi)``: runs with equal keys get equal labels
    (the same name in the same words, "pertemuan CSTO di"), so a model can remember them."""
    first, last = max(0, lo - 2), min(len(tokens), hi + 2)
    before = text[tokens[lo - 1].end:tokens[lo].start] if lo else ""
    after = text[tokens[hi - 1].end:tokens[hi].start] if hi < len(tokens) else ""
    return (lo - first, before, after, *(t.text for t in tokens[first:last]),
            *(tokens[k].sentence_start for k in range(lo, hi)), *(rule.get(k) for k in range(lo, hi)))


def rule_labels(tokens: Sequence[Token], items) -> dict[int, str]:
    """Token index -> the rules' BIO label ("B-place", "I-run") of the item covering it."""
    out: dict[int, str] = {}
    k = 0
    n = len(tokens)
    for item in sorted(items, key=lambda it: it.start):
        while k < n and tokens[k].end <= item.start:
            k += 1
        j = k
        while j < n and tokens[j].start < item.end:
            if tokens[j].start >= item.start:
                out[j] = ("B-" if tokens[j].start == item.start else "I-") + item.kind
            j += 1
    return out


def spans(labels: Sequence[str], tokens: Sequence[Token], lo: int) -> list[tuple[int, int, str]]:
    """``(first token, last token + 1, kind)`` of each labelled span of a run tagged from ``lo``."""
    out = []
    i = 0
    while i < len(labels):
        label = labels[i]
        if label == "O" or label[2:] not in KINDS:
            i += 1
            continue
        kind = label[2:]
        j = i + 1
        while j < len(labels) and labels[j] == "I-" + kind:
            j += 1
        out.append((lo + i, lo + j, KINDS[kind]))
        i = j
    return out


def gold_labels(tokens: Sequence[Token], lo: int, hi: int, gold: Sequence[tuple[int, int, str]]) -> list[str]:
    """BIO labels of run ``[lo, hi)`` from gold character spans ``(start, end, kind)``."""
    labels = ["O"] * (hi - lo)
    for start, end, kind in gold:
        inside = [k for k in range(lo, hi) if tokens[k].start >= start and tokens[k].end <= end]
        for n, k in enumerate(inside):
            labels[k - lo] = ("B-" if n == 0 else "I-") + LABELS[kind]
    return labels


def unsure(tokens: Sequence[Token], lo: int, hi: int, rule: dict[int, str], language: str | None) -> bool:
    """A run the rules did not settle: a capitalized word that no person, organization or place
    covers and that is not an ordinary word opening the sentence."""
    for k in range(lo, hi):
        t = tokens[k]
        if not t.cap or rule.get(k, "--")[2:] in SETTLED:
            continue
        if t.norm in lexicon.stop_or_calendar_words():
            continue
        if (t.sentence_start or k not in rule) and people.is_ordinary_word(t.text, language):
            continue  # an ordinary word that opens the sentence or that the rules passed over
        return True
    return False


# -- the model -----------------------------------------------------------------------------------
_LOCK = threading.Lock()
_override: list[Path] = []  # a model to use instead of the shipped one (cross-validation)


class Model:
    """A loaded CRF; ``tag`` labels one run's feature sequence; ``spans`` remembers recent runs."""

    CACHE = 4096  # runs remembered (news repeats a name in the same words)

    def __init__(self, path: Path):
        import pycrfsuite

        self.path = path
        self._tagger = pycrfsuite.Tagger()
        self._tagger.open(str(path))
        self._seen: dict[tuple, list[tuple[int, int, str, float]]] = {}

    def spans(self, text: str, tokens: Sequence[Token], lo: int, hi: int,
              rule: dict[int, str]) -> list[tuple[int, int, str, float]]:
        """``(first token, last token + 1, kind, confidence)`` of each span the model finds in run
        ``[lo, hi)``; a run seen before with the same key is answered from memory."""
        key = run_key(text, tokens, lo, hi, rule)
        found = self._seen.get(key)
        if found is None:
            labels = self.tag(features(text, tokens, lo, hi, rule))
            found = [(a - lo, b - lo, kind, self.confidence(labels, a - lo, b - lo))
                     for a, b, kind in spans(labels, tokens, lo)]
            if len(self._seen) >= self.CACHE:
                self._seen.clear()
            self._seen[key] = found
        return [(a + lo, b + lo, kind, conf) for a, b, kind, conf in found]

    def tag(self, xseq: list[list[str]]) -> list[str]:
        return self._tagger.tag(xseq)

    def confidence(self, labels: Sequence[str], lo: int, hi: int) -> float:
        """The least marginal probability of the labels of positions ``[lo, hi)`` of the last tagged run."""
        return min(self._tagger.marginal(labels[k], k) for k in range(lo, hi))


@lru_cache(maxsize=4)
def _load(path: str) -> Model:
    return Model(Path(path))


def model() -> Model | None:
    """The model in use: an override set by :func:`use_model`, else the shipped one (None if absent)."""
    if _override:
        return _load(str(_override[-1]))
    path = _shipped()
    return _load(path) if path else None


@lru_cache(maxsize=1)
def _shipped() -> str | None:
    """Path of the model installed with the package (None, logged once, if it is missing)."""
    resource = files("archive.normalize.entities").joinpath("data", MODEL_NAME)
    if not resource.is_file():
        log.warning("no entity tagger model at data/%s: unsure runs keep the rules' spans", MODEL_NAME)
        return None
    with _LOCK, as_file(resource) as path:
        return str(path)


@contextmanager
def use_model(path: str | Path) -> Iterator[None]:
    """Tag with the model at ``path`` inside the block (a cross-validation fold's model)."""
    _override.append(Path(path))
    try:
        yield
    finally:
        _override.pop()


def train(sequences: Sequence[tuple[list[list[str]], list[str]]], path: str | Path,
          params: dict | None = None) -> None:
    """Train a CRF on ``(features, labels)`` run sequences and write it to ``path``."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for xseq, yseq in sequences:
        trainer.append(xseq, yseq)
    trainer.set_params(dict(params or TRAIN_PARAMS))
    trainer.train(str(path))
    _load.cache_clear()
