"""Read the clauses of an English sentence up to a quote: which verbs it has and who their subjects are.

A partial quote inside a sentence belongs to the subject of the verb that governs it: "Trump called
it "a disgrace"", "she described growth as "significant"", "Clinton smiled and said she was "tired"",
"Trump, who is battling Carson, has picked up on the criticism, telling ABC that there is "a weird
deal going on"". Without a parser, finite verbs are known by form (the speech and characterising
verb lists, auxiliaries, irregular verbs, -ed endings) and their subjects are read backwards from
them; a verb with no subject of its own continues the subject before it (coordinated verbs,
participles after a comma), and "who" points back to the phrase it follows.
"""

from __future__ import annotations

import re
from typing import NamedTuple
from functools import lru_cache

from .. import lexicon
from .subjects import subject_before
from .marks import find_spans
from .organisations import is_body
from .speakers import Phrase, Word, read_backward, read_forward, words

_SPEECH = lexicon.verbs("en", "speech_verbs")
_CHARACTERISING = lexicon.verbs("en", "characterising_verbs")
_IRREGULAR = lexicon.verbs("en", "irregular_verbs")
# Finite forms (3rd person, past) and participles of the verbs that attribute words or views.
_ATTRIBUTING = frozenset(f for v in _SPEECH + _CHARACTERISING for f in (v.third, v.past, v.participle))
_GERUNDS = frozenset(v.gerund for v in _SPEECH + _CHARACTERISING)
GERUNDS = _GERUNDS
_AUXILIARIES = lexicon.words("auxiliaries", ("en",))
_IRREGULAR_FINITE = frozenset(f for v in _IRREGULAR for f in (v.third, v.past))
# Words that may stand between an auxiliary and its verb, or between a subject and its verb.
_ADVERBS = frozenset(
    "not n't also later then again further simply quickly once since never always often still just even "
    "already repeatedly recently previously publicly privately reportedly openly finally initially "
    "immediately first long".split()
)
# -ed words that are adjectives far more often than verbs before a noun.
_ED_ADJECTIVES = frozenset("so-called alleged embattled unnamed unidentified concerned unrelated supposed".split())
_JOINERS = frozenset(("and", "but", "or", "then", "yet"))
_CONTRACTED = re.compile(r"(he|she|they|we|it|that|i|you)['’](?:s|d|ll|re|ve|m)")
_IT = re.compile(r"\s+it\b")
_TO_OR_BY = re.compile(r"\s+(?:to|by|on|with|in|from)\b")
_TO = frozenset(("to",))
# What may stand between a verb and the "to" of its infinitive: particles, adverbs, a place or
# medium ("went on to say", "took to Twitter overnight to accuse").
_PARTICLES = re.compile(
    r"(?:\s+(?:on|up|out|back|not|just|again|also|overnight|then|now|today|yesterday|[a-z]+ly)"
    r"|\s+(?:to|on|in|at|via)\s+(?:the\s+)?[A-Z][\w'’.\-]*)*\s+"
)
# Base forms of the speech verbs, read only as infinitives ("went on to say", "to call it"): bare,
# most are nouns too, and "to push policies" is no report of words.
_BASES = frozenset(v.base for v in _SPEECH) | {"call", "describe", "label", "dub", "brand", "term"}
_GERUND_LEADS = frozenset(("while", "after", "before", "by", "when"))
_SPEECH_BASES = frozenset(v.base for v in _SPEECH)
_SPEECH_FINITE = frozenset(f for v in _SPEECH for f in (v.third, v.past))


def _plural_subject(word: str) -> bool:
    """"Mexicans", "Republicans", "they", "critics": a word that can be the plural subject of a bare
    verb right before it."""
    low = word.casefold()
    if low in ("they", "we", "people", "others", "many", "some", "both"):
        return True
    return len(word) > 3 and low.endswith("s") and not low.endswith(("ss", "us", "is", "'s", "’s"))
_WITH_SUBJECT = re.compile(r"\bwith\s+((?:[A-Z][\w.’'\-]*\s+){0,3}[A-Z][\w.’'\-]*)\s+(?:[a-z]+ly\s+)?$")
# A verb followed by "that" reports a statement or a belief ("Walter Hewlett sniped that …").
_THAT = re.compile(r"(?:\s+(?:during|at|in|on|to|after|before|from|with|in)\b[^,;:\"“”]{0,60}?)?,?\s+that\b")
_CLOSING_QUOTE = re.compile(r"[\"”’'],?\s*$")
_WHO = frozenset(("who", "whom", "which"))


class Clause(NamedTuple):
    """A verb of the sentence with its subject: ``attributing`` when the verb reports or judges words."""

    subject: Phrase
    verb: str
    start: int  # where the verb starts
    end: int
    attributing: bool


def _kind(word: str) -> str | None:
    """What a lower-case word is as a verb: attributing, gerund, auxiliary, verb, or None."""
    if word in _ATTRIBUTING:
        return "attributing"
    if word in _GERUNDS:
        return "gerund"
    if word in _AUXILIARIES:
        return "auxiliary"
    if word in _IRREGULAR_FINITE:
        return "verb"
    if len(word) >= 5 and word.endswith("ed") and word not in _ED_ADJECTIVES and word.isalpha():
        return "verb"
    return None


def _adverb(word: str) -> bool:
    low = word.casefold()
    return low in _ADVERBS or (len(low) > 4 and low.endswith("ly") and word.islower())


def _before_is(text: str, lo: int, pos: int, kinds: frozenset[str]) -> int | None:
    """Where the word before ``pos`` (skipping adverbs and commas) starts when it is one of ``kinds``."""
    ws = words(text, max(lo, pos - 60), pos)
    k = len(ws) - 1
    while k >= 0 and _adverb(ws[k].text):
        k -= 1
    if k >= 0 and ws[k].text.casefold() in kinds:
        return ws[k].start
    return None


def _after_comma(text: str, lo: int, pos: int) -> bool:
    """Only a comma (and adverbs) separate ``pos`` from what comes before: "…, saying"."""
    before = text[lo:pos].rstrip()
    return before.endswith(",")


def _antecedent(text: str, lo: int, who: int) -> Phrase | None:
    """"said Weaver, who said …": the phrase that "who" follows."""
    end = len(text[:who].rstrip().rstrip(","))
    phrase = read_backward(text, lo, end)
    return phrase if phrase and (phrase.name or phrase.role) and not phrase.plural else None


@lru_cache(maxsize=4096)
def clauses(text: str, lo: int, hi: int) -> tuple[Clause, ...]:
    """The verbs of ``text[lo:hi]`` (one sentence up to a quote) that have a subject, in order.

    Cached: the quotes of one sentence read the same clauses."""
    out: list[Clause] = []
    current: Phrase | None = None
    ws: list[Word] = words(text, lo, hi)
    skip_until = -1
    for n, w in enumerate(ws):
        if w.start < skip_until:
            continue
        low = w.text.casefold()
        contracted = _CONTRACTED.fullmatch(low)
        if contracted:
            # "He’s claiming that …", "they’re calling it …": a pronoun and an auxiliary in one word
            pronoun = Phrase(None, None, w.text[: contracted.end(1)], w.start, w.start + contracted.end(1),
                             pronoun=contracted.group(1) in ("he", "she"), plural=contracted.group(1) in ("they", "we"))
            m = n + 1
            while m < len(ws) and _adverb(ws[m].text):
                m += 1
            if m < len(ws) and ws[m].text[:1].islower() and contracted.group(1) not in ("it", "that", "i", "you"):
                skip_until = ws[m].end
                attributing = _kind(ws[m].text.casefold()) in ("attributing", "gerund") or _THAT.match(text, ws[m].end, hi) is not None
                out.append(Clause(pronoun, f"{w.text} {ws[m].text}", w.start, ws[m].end, attributing))
                current = pronoun
            continue
        if not w.text[:1].islower():
            continue
        kind = _kind(low)
        if kind in ("attributing", "verb") and low.endswith("ed") and _after_comma(text, lo, w.start) and _TO_OR_BY.match(text, w.end, hi):
            continue  # ", compared to …", ", based on …", ", backed by …": a participle, not a clause
        if low in ("put", "puts") and _IT.match(text, w.end, hi):
            kind = "attributing"  # "as The New Yorker put it, …"
        before = n - 1
        while before > 0 and _adverb(ws[before].text):
            before -= 1  # "Mexicans often say"
        if kind is None and low in _SPEECH_BASES and before >= 0 and _plural_subject(ws[before].text):
            kind = "attributing"  # "Mexicans often say", "critics argue": a plural subject
        if kind is None and low in _BASES and (to := _before_is(text, lo, w.start, _TO)) is not None:
            # "went on to say", "declined to call it …": the infinitive of the verb right before "to"
            # ("expects Obama to announce" is Obama's announcing: not this clause's)
            if current is not None and out and _PARTICLES.fullmatch(text, out[-1].end, to):
                out.append(Clause(current, w.text, w.start, w.end, True))
            continue
        if kind is None:
            continue
        subject: Phrase | None = None
        attributing = kind in ("attributing", "gerund") or _THAT.match(text, w.end, hi) is not None
        if kind == "attributing" and _CLOSING_QUOTE.search(text, lo, w.start):
            # '"…," said Biden, urging …': the subject of an inverted cue follows it
            subject = read_forward(text, w.end, hi, lower_ok=True)
            if subject is not None:
                out.append(Clause(subject, w.text, w.start, subject.end, True))
                current = subject
            continue
        if kind == "gerund":
            # "…, saying …", "…, calling it …": a participle after a comma shares the clause's subject
            if _after_comma(text, lo, w.start) or _before_is(text, lo, w.start, _GERUND_LEADS) is not None:
                # "Cuban complained that Cruz is too principled, suggesting …": the participle
                # belongs to the main clause: the last speech verb's subject, else the first clause's
                said = next((c.subject for c in reversed(out) if c.attributing), None)
                subject = said or (out[0].subject if out else current)
            elif n > 0 and ws[n - 1].text[:1].isupper() and (named := read_backward(text, lo, ws[n - 1].end)) and named.name:
                subject = named  # "footage of Trump saying …": the name before the participle speaks
            elif current is not None and n > 0:
                # "Trump unleashed a series of tweets early Friday saying that …": the author speaks
                subject = current
            elif (with_ := _WITH_SUBJECT.search(text, lo, w.start)) is not None:
                # "with Gorka noting the absurdity of …": the subject of an absolute clause
                subject = read_backward(text, with_.end(), with_.end() + len(with_.group(1)))
        else:
            subject = subject_before(text, lo, w.start)
            if subject is None and (who := _before_is(text, lo, w.start, _WHO)) is not None:
                subject = _antecedent(text, lo, who)
            if subject is None and (_before_is(text, lo, w.start, _JOINERS) is not None or _after_comma(text, lo, w.start)):
                # "Ms. Sherry smiled and said …": the verbs share a subject; a second speech verb
                # pairs with the first ("X said that Carson is "…" and said that Trump …")
                said = next((c.subject for c in reversed(out) if c.attributing), None)
                subject = said if attributing and said is not None else current
        if kind == "auxiliary":
            # the verb group: "has picked up", "did not say", "is questioning"
            m = n + 1
            while m < len(ws) and _adverb(ws[m].text):
                m += 1
            if m < len(ws) and ws[m].text[:1].islower():
                verb_kind = _kind(ws[m].text.casefold())
                skip_until = ws[m].end
                attributing = verb_kind in ("attributing", "gerund") or _THAT.match(text, ws[m].end, hi) is not None
                if subject is not None:
                    out.append(Clause(subject, f"{w.text} {ws[m].text}", w.start, ws[m].end, attributing))
                    current = subject
                continue
        if subject is not None:
            out.append(Clause(subject, w.text, w.start, w.end, attributing))
            current = subject
    return tuple(out)


@lru_cache(maxsize=256)
def masked(text: str) -> str:
    """``text`` with the inside of its quotes blanked (same length): words somebody is quoted as
    saying are never the subject of the sentence around them ('"Dangerous," warning …')."""
    chars = list(text)
    for span in find_spans(text):
        for i in range(span.start, span.end):
            if not chars[i].isspace():
                chars[i] = "x"
    return "".join(chars)


def governing(text: str, lo: int, hi: int) -> Clause | None:
    """The clause that governs a quote at ``hi``: the last verb that attributes words (said, called,
    described, accused…) before it in its sentence and has a source for subject ("She says it
    underscores that Trump is "…"": not "it"), else the last verb with a subject. (The first such
    verb was measured too: it finds a few more quotes on PolNeAR and misnames more of them.)"""
    found = clauses(masked(text), lo, hi)
    outer = next((c for c in found if c.attributing and c.verb in _SPEECH_FINITE and _THAT.match(text, c.end, hi)), None)
    if outer is not None and not _thing(outer.subject):
        return outer  # "Cardin said that Republicans rejected …, calling it "…"": all of it is Cardin's report
    if not any(c.attributing and not _thing(c.subject) for c in found):
        # only "it" reports ("what it called "…"", "it attacked Trump, saying …"): the body the
        # sentence opened with ("The United Nations Security Council … pledged sanctions against
        # what it called "…""), else the body "it" stands for (resolve.py finds it)
        it = next((c for c in reversed(found) if c.attributing and c.subject.text.casefold() == "it"), None)
        if it is None:
            return None
        body = next((c.subject for c in found if c.start < it.start and not c.subject.pronoun
                     and not _thing(c.subject) and is_body(c.subject, [])), None)
        return it._replace(subject=body) if body is not None else it
    for n in range(len(found) - 1, -1, -1):
        clause = found[n]
        if clause.attributing and not _thing(clause.subject):
            later = [c.subject for c in found[n + 1 :] if c.subject.name and c.subject.name != clause.subject.name]
            if later and (clause.subject.name or clause.subject.pronoun) and not _THAT.match(text, clause.end, hi):
                # "she said, but Kevin was drifting off, and as Trump went on about "…"": the
                # speech verb's clause ended; the quote sits in another person's clause
                return None
            return clause
    return found[-1] if found else None


def _thing(phrase: Phrase) -> bool:
    """"it underscores …": a thing or an unnamed body, not a source of words."""
    return phrase.text.casefold() in ("it", "this", "that", "which")
