"""The last English rule, learned: a quote no other rule attributed goes to the most likely source
around it, when a small model is sure enough.

News attributes many partial quotes without a speech verb the rules know ("Trump likened the
refugees to a "vicious snake"", "Reid has gone after Trump as a "spoiled brat""). The candidates
are the people the sentence names — clause subjects, the phrase opening the sentence, capitalised
names before and after the quote, the owner of a speech noun ("Trump's claim that …") — and the
last speaker before it. Each is scored by a logistic
model over binary features (which kind of candidate, how long the quote is, the word before it,
the distance, …) trained on PolNeAR's train split (``python -m archive.evaluate residual --train``);
the best candidate wins if its score reaches the model's threshold (one for a name, one for the
others: pronouns, descriptions and the last speaker are the riskier picks), chosen
by cross-validation so that precision and named-speaker accuracy hold. The weights ship as
``data/residual_en.json``: pure Python reads them, nothing is downloaded, no NumPy at run time.
"""

from __future__ import annotations

import json
import math
import re
from functools import lru_cache
from importlib.resources import files
from typing import NamedTuple

from .. import lexicon
from .clauses import clauses
from .cues import Attribution, sentence_end, sentence_start
from .organisations import is_body
from .site import Site
from .speakers import Phrase, read_forward, split_phrase, words

# A run of capitalised words (with the particles inside names): a name the sentence may give.
_CAPITALISED = re.compile(r"[A-Z][\w.'’\-]*(?:\s+(?:[A-Z][\w.'’\-]*|de|van|von|bin|al|del|da))*")
_SPEECH_NOUNS = "|".join(sorted(lexicon.words("speech_nouns", ("en",)), key=len, reverse=True))
# "Trump's claim that …", "his repeated pledge to be …": the owner of something said.
_OWNED_SPEECH = re.compile(
    rf"(?P<owner>\b(?:his|her)|(?:[A-Z][\w.'’\-]*\s+){{0,3}}[A-Z][\w.\-]*[’']s)\s+(?:[a-z\-]+\s+){{0,2}}"
    rf"(?:{_SPEECH_NOUNS})\b(?:\s+(?:on\s+)?(?:[A-Z][a-z]+day|last\s+\w+|this\s+\w+))?(?P<that>\s+that\b)?"
)
_PREPOSITIONS = frozenset("of to by for with from at in about on against than like".split())
_WORD_BEFORE = re.compile(r"([\w'’]+|[,:;(—–-])\s*[\"“”'‘’]*\s*$")


class Candidate(NamedTuple):
    """A possible source: how it was found, its phrase, where it starts (-1: an earlier speaker)."""

    kind: str  # clause-att, clause-oth, opener, cap-before, cap-after, owner, prev
    phrase: Phrase
    pos: int
    marks: tuple[str, ...] = ()


def candidates(site: Site) -> list[Candidate]:
    """Everyone the quote's sentence names before or after it, and the last speaker before it."""
    text, span = site.text, site.span
    start = sentence_start(text, 0, span.open)
    out: list[Candidate] = []
    found = clauses(text, start, max(start, span.open - 1))
    for n, c in enumerate(found):
        marks = ("first" if n == 0 else "later", "last" if n == len(found) - 1 else "notlast")
        out.append(Candidate("clause-att" if c.attributing else "clause-oth", c.subject, c.subject.start, marks))
    lead = len(text[start:]) - len(text[start:].lstrip())
    opener = read_forward(text, start + lead, span.open, lower_ok=True)
    if opener is not None:
        out.append(Candidate("opener", opener, opener.start))
    before = list(_CAPITALISED.finditer(text, start, span.open))
    for n, m in enumerate(before):
        phrase = split_phrase(text, words(text, m.start(), m.end()))
        if phrase is not None and phrase.name:
            marks = ("nearest" if n == len(before) - 1 else "far", "firstcap" if n == 0 else "notfirst")
            out.append(Candidate("cap-before", phrase, m.start(), marks))
    end = sentence_end(text, span.close, len(text))
    for n, m in enumerate(_CAPITALISED.finditer(text, span.close, end)):
        phrase = split_phrase(text, words(text, m.start(), m.end()))
        if phrase is not None and phrase.name:
            out.append(Candidate("cap-after", phrase, m.start(), ("nearest" if n == 0 else "far",)))
    for m in _OWNED_SPEECH.finditer(text, start, span.open):
        owner = m.group("owner")
        that = "that" if m.group("that") else ("direct" if not text[m.end() : span.open].strip(" ,:") else "far")
        if owner.casefold() in ("his", "her"):
            pronoun = "he" if owner.casefold() == "his" else "she"
            phrase = Phrase(None, None, pronoun, m.start("owner"), m.end("owner"), pronoun=True)
        else:
            phrase = split_phrase(text, words(text, m.start("owner"), m.end("owner") - 2))  # without "'s"
        if phrase is not None and (phrase.name or phrase.pronoun):
            out.append(Candidate("owner", phrase, m.start("owner"), (that,)))
    previous = site.previous
    if previous is not None and previous.attribution is not None and previous.attribution.phrase is not None:
        same = "samepara" if previous.para == site.para else "otherpara"
        out.append(Candidate("prev", previous.attribution.phrase, -1, (same,)))
    return out


def _bucket(n: int, edges: tuple[int, ...], names: tuple[str, ...]) -> str:
    return next((name for edge, name in zip(edges, names) if n < edge), names[-1])


def features(site: Site, candidate: Candidate) -> list[str]:
    """The binary features of one candidate for one quote (names, not values: "kind|q4-7")."""
    text, span = site.text, site.span
    kind, phrase = candidate.kind, candidate.phrase
    length = _bucket(len(site.quoted.split()), (2, 4, 8), ("1", "2-3", "4-7", "8+"))
    start = sentence_start(text, 0, span.open)
    opens = not text[start : max(start, span.open)].strip(" \"“”'‘’")
    m = _WORD_BEFORE.search(text, max(0, span.open - 30), span.open)
    before = m.group(1).lower() if m else "^"
    shape = "pron" if phrase.pronoun else ("name" if phrase.name else ("plural" if phrase.plural else "role"))
    out = [
        kind, f"{kind}|q{length}", f"{kind}|t{site.term_like}", f"{kind}|{shape}", f"{kind}|{shape}|q{length}",
        f"{kind}|opens{opens}", f"wb={before}", f"{kind}|wb={before}",
    ]
    for mark in candidate.marks:
        out += [f"{kind}|{mark}", f"{kind}|{mark}|q{length}"]
    if candidate.pos >= 0:
        lo, hi = sorted((candidate.pos, span.open))
        out.append(f"{kind}|d{_bucket(len(words(text, lo, hi)), (3, 7, 16), ('0-2', '3-6', '7-15', '16+'))}")
        prior = words(text, max(0, candidate.pos - 20), candidate.pos)
        word = prior[-1].text.lower() if prior else "^"
        out.append(f"{kind}|pw={word if word in _PREPOSITIONS else 'other'}")
        out.append(f"{kind}|poss={text.startswith(('’s', chr(39) + 's'), phrase.end)}")
    previous = site.previous
    if kind != "prev" and previous is not None and previous.attribution and previous.attribution.phrase:
        earlier = previous.attribution.phrase.name
        if phrase.name and earlier and phrase.name.split()[-1] == earlier.split()[-1]:
            out.append(f"{kind}|isprev")
    if kind != "prev" and phrase.name:
        surname = phrase.name.split()[-1]
        spoken = any(
            f.attribution and f.attribution.phrase and f.attribution.phrase.name
            and f.attribution.phrase.name.split()[-1] == surname
            for f in site.history
        )
        out.append(f"{kind}|spoken={spoken}")  # the article quotes this name elsewhere
        out.append(f"{kind}|body={is_body(phrase, [])}")
    return out


class Model(NamedTuple):
    weights: dict[str, float]
    bias: float
    threshold: float  # for a pronoun, a description or the last speaker
    name_threshold: float  # for a name (its mistakes cost named-speaker accuracy)

    def score(self, names: list[str]) -> float:
        z = self.bias + sum(self.weights.get(name, 0.0) for name in names)
        return 1.0 / (1.0 + math.exp(-z))


@lru_cache(maxsize=1)
def model() -> Model | None:
    """The shipped weights, or None when the package has none (the rule then never fires)."""
    path = files(__package__).joinpath("data", "residual_en.json")
    if not path.is_file():
        return None
    data = json.loads(path.read_text(encoding="utf-8"))
    return Model(data["weights"], data["bias"], data["threshold"], data.get("name_threshold", data["threshold"]))


def best(site: Site, scorer: Model) -> tuple[float, Candidate] | None:
    """The highest-scoring candidate with its score."""
    scored = [(scorer.score(features(site, c)), c) for c in candidates(site)]
    return max(scored, key=lambda sc: sc[0]) if scored else None


def learned_source(site: Site) -> Attribution | None:
    """The rule: the best candidate, if the model is sure enough (English only)."""
    scorer = model()
    if scorer is None or site.language != "en" or site.continued:
        return None
    found = best(site, scorer)
    if found is None:
        return None
    if found[0] < (scorer.name_threshold if found[1].phrase.name and found[1].kind != "prev" else scorer.threshold):
        return None
    _score, candidate = found
    if candidate.kind == "prev" and site.previous is not None and site.previous.attribution is not None:
        return site.previous.attribution  # the same speaker, resolved as before
    return Attribution(candidate.phrase, None, site.span.open, "learned")
