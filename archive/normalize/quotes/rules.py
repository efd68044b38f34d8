"""The attribution rules: an ordered list of named rules per language, tried in turn on each quote.

A rule looks at one quote in its paragraph (a :class:`Site`) and answers with an
:class:`Attribution` (the rule fired), :data:`NOBODY` (the quote is a term, a title or a nickname
that nobody says: stop looking) or ``None`` (no opinion: try the next rule). The first answer wins,
so the order is the precedence: the quote's own cue beats the sentence around it, which beats the
sentences before it. The name of the rule that fired is stored with the quote, so each rule can be
scored on its own (``python -m archive.evaluate polnear --rules``).

To add a rule: write a function ``(site) -> Attribution | NOBODY | None`` with a docstring that
shows the pattern it reads, add it to the list of the languages it holds for, and add a test.
"""

from __future__ import annotations

import re

from .. import lexicon
from .antecedents import previous_sentence
from .clauses import GERUNDS, clauses, governing, masked
from .cues import (
    Attribution,
    is_naming,
    parse_bare_tail,
    parse_head,
    parse_late,
    parse_outer,
    parse_tail,
    sentence_end,
    sentence_start,
)
from .lexicon import PRONOUNS
from .marks import Span, opens_paragraph
from .residual import learned_source
from .site import _EMPTY_TAIL, _WORDS, NOBODY, Rule, Site, _Nobody
from .speakers import Phrase, read_forward

_GAP = re.compile(r"[\s,;:.\-–—]*")
_END_GAP = re.compile(r"[\s,;:.!?\-–—\"”’'»)]*")  # a sentence end, closing marks included
# "…," adding "…" / "…," menambahkan "…": a participle that carries the same speaker on.
_CONTINUING = re.compile(r"[\s,;:]*(?:adding|saying|continuing|menambahkan|melanjutkan)[\s,:]*")
# "…," said X in a statement, "as it's …": a short adjunct after the cue, then the sentence goes on.
_CLAUSE_GAP = re.compile(r"[^.!?;:\"“”«»]{0,60},\s*")
# Any English speech verb: someone else may have taken the floor.
_SPEECH_BETWEEN = re.compile(
    r"\b(?:" + "|".join(sorted({f for v in lexicon.verbs("en", "speech_verbs") for f in (v.third, v.past)}, key=len, reverse=True)) + r")\b"
)


def _nickname(text: str, span: Span) -> bool:
    """Joko "Jokowi" Widodo: a short quote between two capitalised words is a nickname."""
    before = text[: span.open].rstrip().rsplit(" ", 1)[-1]
    after = text[span.close :].lstrip().split(" ", 1)[0]
    return (
        len(_WORDS.findall(text[span.start : span.end])) <= 3
        and before[:1].isupper()
        and after[:1].isupper()
        and text[span.open - 1 : span.open].isspace()
    )


def _quote_end(text: str, span: Span) -> str:
    """The punctuation that ended the quote inside its marks (the dropped comma counts)."""
    if "," in text[span.end : span.close]:
        return ","
    last = text[span.end - 1 : span.end]
    if last in "’'" and span.end >= 2 and text[span.end - 2] in ",?!":
        return text[span.end - 2]  # "… ‘Oh no, … attention,’ ” Hege said: a nested quote ends it
    return last


# --- the rules ----------------------------------------------------------------------------------


def outer_source(site: Site) -> Attribution | None:
    """A source named at the end of the quote's sentence reports the whole sentence, the quote's
    own cue included: ``"…," Trump said, according to CNN.`` / ``… "…", the Times reported.``"""
    return parse_outer(site.text, site.span.close, site.language) if site.span.closed else None


# "PENCE: Well, look, …" / "Sen. WARREN: …": a transcript line names its speaker before a colon.
# (Capitals only: "Backfire: Carly Fiorina's …" is a book's title and subtitle.)
_TRANSCRIPT = re.compile(r"(?P<name>(?:[A-Z][A-Za-z.'’\-]*\s+){0,2}[A-Z][A-Z'’\-]+)\s*:\s")
# '"…" ― Beck Pimentel': a credit line after the quote, as under testimonials and epigraphs.
_CREDIT = re.compile(r"\s*[―—–-]{1,2}\s*")
_LINE_END = re.compile(r"[\s.,;]*(?:\n|$)")


def transcript(site: Site) -> Attribution | None:
    """A quoted transcript line that opens with its speaker: ``"PENCE: Well, look, …"``."""
    m = _TRANSCRIPT.match(site.text, site.span.start, site.span.end)
    if not m or m.end() >= site.span.end:
        return None
    written = m.group("name")
    if written.casefold() in PRONOUNS or written.casefold() in ("q", "a", "note", "update", "editor"):
        return None
    name = " ".join(w if not w.isupper() else w.capitalize() for w in written.split())  # PENCE -> Pence
    return Attribution(Phrase(name, None, written, m.start("name"), m.end("name")), None, site.span.open, "transcript")


def credit_line(site: Site) -> Attribution | None:
    """A name after a dash that ends the line: ``"…" ― Beck Pimentel``."""
    if not site.span.closed:
        return None
    dash = _CREDIT.match(site.text, site.span.close)
    if not dash or dash.end() == site.span.close or "-" == site.text[site.span.close : dash.end()].strip():
        return None
    phrase = read_forward(site.text, dash.end(), len(site.text), lower_ok=False)
    if phrase is None or not phrase.name or not _LINE_END.match(site.text, phrase.end):
        return None
    return Attribution(phrase, None, phrase.end, "credit")


def tail_cue(site: Site) -> Attribution | None:
    """The cue follows the quote in its sentence: ``"…," kata X`` / ``"…," katanya`` /
    ``"…," said X`` / ``"…," X, the energy secretary, said``."""
    if not site.span.closed:
        return None
    text, span = site.text, site.span
    found = parse_tail(text, span.close, site.limit, _quote_end(text, span), site.language)
    if found is None and site.language == "en" and site.sentence_like:
        found = parse_bare_tail(text, span.close, site.limit)
    if found and site.term_like and text[sentence_start(text, site.lo, span.open) : span.open].strip():
        # After hitting "Takin' It To the Streets," the singer told …: a title inside a sentence
        # is not what the cue's subject said.
        return None
    return found


def term(site: Site) -> _Nobody | None:
    """A title, a nickname or a named term: ``so-called "…"``, ``Joko "Jokowi" Widodo``,
    ``the film "The Silent River"``, ``a group called "…"``. Nobody says it. (But ``what Trump
    called "…"``, ``Trump has dubbed her "…"`` is what Trump called it: see :func:`_characterised`.)"""
    text, span = site.text, site.span
    if _nickname(text, span):
        return NOBODY
    if (is_naming(text, site.lo, span.open) or site.term_like) and not _characterised(site):
        if site.term_like and site.quoted.rstrip()[-1:] in ".!?" and same_cue(site) is not None:
            return None  # '"Here comes Big Daddy," she said, clapping. "The Donald. Big Daddy."'
        return NOBODY
    return None


_CHARACTERISING_CUE = re.compile(
    r"\b(?:called|calls|call|dubbed|dubs|branded|brands|labell?ed|labels|termed|terms)\s+(?:[\w’'\-]+\s+){0,4}$"
)


def _characterised(site: Site) -> bool:
    """English: the word before the quote is a characterising verb whose subject is a person
    named or pronominal ("what Trump called", "she has branded him") — a view, not a title."""
    if site.language != "en":
        return False
    text, span = site.text, site.span
    cue = _CHARACTERISING_CUE.search(text, max(site.lo, span.open - 40), span.open)
    if not cue or text[: cue.start()].rstrip().endswith(","):
        return False  # ", dubbed the "Hanoi Hilton" by …": a participle naming a thing
    start = sentence_start(text, 0, span.open)
    clause = governing(text, start, span.open)
    return (
        clause is not None
        and clause.attributing
        and clause.end >= cue.start()
        and (clause.subject.pronoun or bool(clause.subject.name))
    )


def introduced(site: Site) -> Attribution | None:
    """A colon or "according to" before the quote: ``X said: "…"``, ``menurut X, "…"``."""
    head = site.head
    return head if head and head.source in ("colon", "according") else None


def indonesian_term(site: Site) -> _Nobody | None:
    """Indonesian marks foreign or special words with quotes (``warna "peach"``), so a one-word
    quote inside reported speech is a term, not words the subject said."""
    return NOBODY if len(_WORDS.findall(site.quoted)) < 2 else None


def reported(site: Site) -> Attribution | None:
    """The quote sits in reported speech: ``X mengatakan … bahwa "…"`` / ``X said the plan was "…"``."""
    return site.head


def late_cue(site: Site) -> Attribution | None:
    """The cue ends the sentence after a partial quote: ``… "very serious" and urgent, she said.``"""
    return parse_late(site.text, site.span.close, site.limit, site.language) if site.span.closed else None


def colon_paragraph(site: Site) -> Attribution | None:
    """The paragraph before ends with an introduction: ``X mengatakan:`` ¶ ``"…"``."""
    if site.index != 0 or not opens_paragraph(site.text, site.span) or site.before < 0:
        return None
    prev = site.paras[site.before].rstrip()
    if not prev.endswith(":"):
        return None
    head = parse_head(prev, 0, len(prev), site.language)
    return head if head and head.source == "colon" else None


def same_cue(site: Site) -> Attribution | None:
    """A quote right after another quote's cue continues it: ``"…," kata X, "…"`` /
    ``"…," he said. "…"`` / ``"…," she said, adding, "…"``."""
    last = site.last
    terms_between = False
    if last is not None and last.attribution is None:
        # '"…," Trump said on ABC's "Good Morning America." "…"': a title between a cue and the
        # next quote does not end the speaker's turn
        last = next((f for f in reversed(site.earlier) if f.attribution is not None), None)
        terms_between = True
    if last is None or last.attribution is None:
        return None
    text, span, cue_end = site.text, site.span, last.attribution.end
    if cue_end > span.open:
        return None
    if terms_between:
        between = [f for f in site.earlier if f.span.open > cue_end]
        if not between or not site.sentence_like or not _same_sentence_gap(text, cue_end, span.open, quotes_ok=True):
            return None
        return last.attribution
    gap = (
        _GAP.fullmatch(text, cue_end, span.open)
        or _CONTINUING.fullmatch(text, last.span.close, span.open)
        or (_CLAUSE_GAP.fullmatch(text, cue_end, span.open) and text[span.start : span.start + 1].islower())
    )
    if gap or (
        _same_sentence_gap(text, cue_end, span.open)
        and (_EMPTY_TAIL.fullmatch(text, span.close, site.limit) or site.sentence_like)
    ):
        # '"…," Trump said Wednesday on ABC. "She's not going to do very well …" and more': the
        # sentence after a quote's cue that opens with a quote goes on with the same speaker
        return last.attribution
    return None


def _same_sentence_gap(text: str, lo: int, hi: int, quotes_ok: bool = False) -> bool:
    """Only punctuation, or the rest of the attribution's sentence ("said X, the energy
    secretary."), lies between a cue and the next quote."""
    if lo > hi:
        return False
    if _GAP.fullmatch(text, lo, hi):
        return True
    end = sentence_end(text, lo, hi)
    return end < hi and _END_GAP.fullmatch(text, end, hi) is not None and (quotes_ok or '"' not in text[lo:hi])


def paragraph_speaker(site: Site) -> Attribution | None:
    """A quote that opens a sentence later in a paragraph whose speaker was given earlier, with no
    one else speaking in between, goes on with that speaker: ``"…," Obama said after the
    meeting. He didn't suggest retaliation. "Our goal is not …"``."""
    if site.continued or not site.sentence_like:
        return None
    text, span = site.text, site.span
    if text[sentence_start(text, site.lo, span.open) : span.open].strip():
        return None  # inside a sentence: the clause rules decide
    last = next((f for f in reversed(site.earlier) if f.attribution is not None), None)
    if last is None or last.attribution.phrase is None or last.attribution.end > span.open:
        return None
    between = text[last.attribution.end : span.open]
    if any(c in between for c in "\"“”«»") or _SPEECH_BETWEEN.search(between):
        return None
    return last.attribution


def sentence_before(site: Site) -> Attribution | None:
    """The quote opens a sentence and the sentence before it is reported speech:
    ``Zulkifli mengatakan bahwa … . "…"`` / ``…, he added. "…"``; for a paragraph that is only
    a quote, the paragraph before."""
    if site.continued or not site.sentence_like:
        return None
    if site.index == 0 and site.whole and site.before >= 0:
        prev = site.paras[site.before]
        return previous_sentence(prev, 0, len(prev), site.language)
    return previous_sentence(site.text, site.lo, site.span.open, site.language)


def governing_verb(site: Site) -> Attribution | None:
    """A partial quote inside a sentence belongs to the subject of the verb that attributes it:
    ``Trump called it "a disgrace"``, ``she described growth as "significant"``, ``Clinton smiled and
    said she was "tired"``, ``…, telling ABC that there is "a weird deal going on"``."""
    text, span = site.text, site.span
    start = sentence_start(text, 0, span.open)
    if not text[start : span.open].strip():
        return None
    clause = governing(text, start, span.open)
    if clause is None or not clause.attributing:
        return None
    return Attribution(clause.subject, clause.verb, clause.end, "governing")


def fronted_participle(site: Site) -> Attribution | None:
    """English: a sentence that opens with a participle of a speech or judging verb holding the
    quote: ``Bemoaning the "phony system," Trump accused Holt …`` — the main clause's subject."""
    text, span = site.text, site.span
    start = sentence_start(text, 0, span.open)
    lead = text[start:span.open].lstrip()
    first = lead.split(" ", 1)[0]
    if not first[:1].isupper() or first.casefold() not in GERUNDS or "," in lead:
        return None
    end = sentence_end(text, span.close, len(text))
    comma = text.find(",", span.close - 2, end)
    if comma < 0:
        return None
    after = [c for c in clauses(masked(text), comma + 1, end) if not c.subject.pronoun or c.start < comma + 40]
    if not after or after[0].subject.start > after[0].start:
        return None
    return Attribution(after[0].subject, None, span.open, "fronted")


# The rules in order of precedence. English reads the clauses of a sentence (clauses.py) where
# Indonesian relies on its speech-verb patterns; a one-word quote in Indonesian is a term.
RULES: dict[str, list[Rule]] = {
    "en": [
        Rule("outer-source", outer_source),
        Rule("transcript", transcript),
        Rule("credit-line", credit_line),
        Rule("tail", tail_cue),
        Rule("term", term),
        Rule("introduced", introduced),
        Rule("late", late_cue),
        Rule("governing-verb", governing_verb),
        Rule("reported", reported),
        Rule("colon-paragraph", colon_paragraph),
        Rule("same-cue", same_cue),
        Rule("sentence-before", sentence_before),
        Rule("paragraph-speaker", paragraph_speaker),
        Rule("fronted-participle", fronted_participle),
        Rule("learned", learned_source),
    ],
    "id": [
        Rule("tail", tail_cue),
        Rule("term", term),
        Rule("introduced", introduced),
        Rule("indonesian-term", indonesian_term),
        Rule("late", late_cue),
        Rule("reported", reported),
        Rule("colon-paragraph", colon_paragraph),
        Rule("same-cue", same_cue),
        Rule("sentence-before", sentence_before),
    ],
}


def rules_for(language: str | None) -> list[Rule]:
    """The rules of a language; an unknown language gets the Indonesian list, which holds every rule."""
    return RULES.get(language or "", RULES["id"])
