"""Speech verbs per language and the attribution patterns around a quote.

Patterns after a quote (the tail): the inverted cue (``"…," kata X`` / ``"…," said X``), the
``-nya`` cue (``"…," katanya``), subject + verb (``"…," X menambahkan`` / ``"…," he said``).
Patterns before it (the head): ``X said: "…"``, ``menurut X, "…"`` / ``according to X, "…"``
and reported speech ``X mengatakan … bahwa "…"`` that frames a partial quote.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import lexicon
from .speakers import Phrase, read_backward, read_forward, words
from .subjects import descriptive, subject_before
from .verbs import VerbSet

# Speech verbs per language (lexicon/data/<lang>/*.txt): Indonesian stems that follow a quote
# ("kata", strong, and "jelas", weak: an adjective too), Indonesian meN- verbs and English verbs in
# all their forms.
_ID_STRONG = sorted(lexicon.words("speech_cues", ("id",)))
_ID_WEAK = sorted(lexicon.words("speech_cues_weak", ("id",)))
_ID_VERBS = sorted(lexicon.words("speech_verbs", ("id",)))
# English: after a quote only speech verbs ("…," X said); before it also the verbs that characterise
# ("X called it "…"", "X described growth as "…""). Finite forms only: a bare "state" or "report" is
# far more often a noun.
_EN_SPEECH = lexicon.verbs("en", "speech_verbs")
_EN_CHARACTERISING = lexicon.verbs("en", "characterising_verbs")
_EN_VERBS = sorted({f for v in _EN_SPEECH for f in (v.third, v.past, v.participle)} | {"say"})
_EN_HEAD_VERBS = sorted(set(_EN_VERBS) | {f for v in _EN_CHARACTERISING for f in (v.third, v.past, v.participle)})
# Narrative verbs that report rather than quote: a named subject is trusted, a pronoun is not.
_NARRATIVE_VERBS = lexicon.words("narrative_verbs", ("en",))


def _alt(items: list[str]) -> str:
    return "|".join(sorted((re.escape(i).replace(r"\ ", r"\s+") for i in items), key=len, reverse=True))


_ID_AFTER = re.compile(rf"(?:demikian\s+|begitu\s+)?(?P<cue>(?:{_alt(_ID_STRONG + _ID_WEAK)})(?P<nya>nya)?)\b")
# Inverted after a quote ('…," said X'): not the verbs whose object is the listener ("told the Post").
_EN_LISTENER = {f for v in lexicon.verbs("en", "listener_verbs") for f in v}
_EN_AFTER = VerbSet(v for v in _EN_VERBS if v not in _EN_LISTENER)
_TAIL_VERBS = {"id": VerbSet(_ID_VERBS), "en": VerbSet(_EN_VERBS)}
_VERBS = {"id": _TAIL_VERBS["id"], "en": VerbSet(_EN_HEAD_VERBS)}
# Adverbs and auxiliaries between a subject and its verb ("X also said", "X has since said").
_ADVERB = re.compile(
    r"(?:\s+(?:also|later|then|again|further|simply|quickly|once|since|has|have|had|would|will|"
    r"pun|juga|lalu|kemudian|lantas|telah|sudah|pernah))*\s+"
)
_ACCORDING = {"id": re.compile(r"\b(?P<cue>[Mm]enurut)\s+"), "en": re.compile(r"\b(?P<cue>[Aa]ccording\s+to)\s+")}
_LEAD = re.compile(r"\s*(?P<punct>[,.;:!?]?)\s*(?:[-–—]+\s*)?")
_LAGI = re.compile(r"\s+lagi\b")
_DEMONSTRATIVE = re.compile(r"\s+(?:itu|ini|tersebut)\b")
_ANAPHOR = re.compile(r"\s+[^\W\d_][^,.;:!?\"“”]{0,120}?\s(?:itu|ini|tersebut)\b")
# Words right before a quote that announce a name, title or term rather than speech.
_NAMING = re.compile(
    r"(?:so-called|so\s+called|dubbed|called|named|titled|entitled|known\s+as|nicknamed|termed|"
    r"branded|labelled|labeled|the\s+word|the\s+term|disebut|dijuluki|julukan|bertajuk|berjudul|"
    r"bernama|istilah|bertema|tagar|hashtag|slogan|program|film|lagu|buku|album|novel|acara)\s*$",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?]+[\"”’»)]*(?=\s|$)|(?<=[a-z]{2}[.!?])(?=[A-Z])")


@dataclass(frozen=True)
class Attribution:
    """Who a quote is attributed to: a phrase (name, role or pronoun) and the cue as written."""

    phrase: Phrase | None
    cue: str | None
    end: int  # where the attribution text ends in the paragraph
    source: str  # tail | colon | according | reported | late


def _langs(language: str | None) -> tuple[str, ...]:
    return (language,) if language in ("id", "en") else ("id", "en")


def _not_an_end(text: str, lo: int, m: re.Match) -> bool:
    """"Dr." / "L.P." / "U.S.": an abbreviation; "(D-Wis.)": a party and state in brackets."""
    before = words(text, max(lo, m.start() - 12), m.start() + 1)
    if before and before[-1].end == m.start() + 1 and not before[-1].stop_after:
        return True
    return m.group().endswith(")") and "(" in text[max(lo, m.start() - 16) : m.start()]


def sentence_start(text: str, lo: int, hi: int) -> int:
    """Start of the sentence that contains position ``hi`` (not before ``lo``)."""
    start = lo
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if not _not_an_end(text, lo, m):
            start = m.end()
    return start


def sentence_end(text: str, lo: int, hi: int) -> int:
    for m in _SENTENCE_END.finditer(text, lo, hi):
        if not _not_an_end(text, lo, m):
            return m.start()
    return hi


def _after_cue(text: str, pos: int, hi: int, lang: str, comma: bool) -> Attribution | None:
    """``kata X`` / ``katanya`` / ``said X`` starting at ``pos``."""
    if lang == "id":
        m = _ID_AFTER.match(text, pos, hi)
        if not m:
            return None
        cue = m.group("cue")
        if m.group("nya"):
            lagi = _LAGI.match(text, m.end(), hi)
            return Attribution(Phrase(None, None, cue, m.start(), m.end(), pronoun=True), cue, lagi.end() if lagi else m.end(), "tail")
        strong = cue in _ID_STRONG
    else:
        m = _EN_AFTER.match(text, pos, hi)
        if not m or not comma:
            return None
        cue = re.sub(r"\s+", " ", m.group("cue"))
        strong = True  # English needs the comma before the cue ("…," said X) instead
    if not strong and not comma:
        return None
    phrase = read_forward(text, m.end(), hi, lower_ok=True)
    if lang == "id" and phrase and not phrase.pronoun and _DEMONSTRATIVE.match(text, phrase.end, hi):
        phrase = None  # "politisi Partai Hanura itu": the whole description is anaphoric
    if lang == "id" and (phrase is None or phrase.name is None) and not (phrase and phrase.pronoun):
        # "kata politisi Partai Hanura itu": a description closed by a demonstrative
        # (itu/ini/tersebut) is definite, so it points back to the person already quoted.
        ana = _ANAPHOR.match(text, m.end(), hi)
        if ana:
            return Attribution(Phrase(None, None, ana.group(0).strip(), m.end(), ana.end(), pronoun=True), cue, ana.end(), "tail")
    if phrase is None:
        return None
    if lang == "id" and not strong and not (phrase.pronoun or phrase.name):
        return None
    end = phrase.end
    lagi = _LAGI.match(text, end, hi)
    return Attribution(phrase, cue, lagi.end() if lagi else end, "tail")


def _subject_verb(text: str, pos: int, hi: int, lang: str) -> Attribution | None:
    """``X menambahkan`` / ``he said`` / ``the spokesman told Reuters`` starting at ``pos``."""
    phrase = read_forward(text, pos, hi, lower_ok=True)
    if phrase is None:
        return None
    adv = _ADVERB.match(text, phrase.end, hi)
    m = _TAIL_VERBS[lang].match(text, adv.end() if adv else phrase.end, hi)
    if not m or m.start() == pos:
        return None
    return Attribution(phrase, re.sub(r"\s+", " ", m.group("cue")), m.end(), "tail")


_APPOSITIVE_GAP = re.compile(
    r"(?:\s+(?:Jr|Sr|II|III|IV)\.?)?(?:\s*\([A-Z][^()]{0,14}\))?,[^\"“”]*,"
    r"(?:\s+(?:also|later|then|again|further|simply|quickly|once))*\s*$"
)
_AFFILIATED = re.compile(r"\s*\([A-Z][^()]{0,14}\)\s*$")  # "Rep. John Mica (R-Fla.)": party and state
# "a narrator in the Clinton ad", "one person with knowledge of the talks": a description with its
# modifier, standing between a quote and its verb
_DESCRIPTION = re.compile(
    r"\s*(?:[Aa]n?|[Tt]he|[Oo]ne|[Aa]nother|[Ss]ome|[Tt]wo|[Tt]hree)\s+[^,;:.!?\"“”()]{2,80}?\s*$"
)
_TAIL_REACH = 200  # characters between a quote and the verb of its attribution


def _verb_ahead(text: str, pos: int, hi: int, lang: str) -> Attribution | None:
    """Subject and verb with more between them than a name: ``"…," Mayer, Disney's chairman, said``
    (appositive between commas) or ``"…," lead researcher and NASA planetary scientist Lucas
    Paganini said`` (descriptive words before the name)."""
    end = sentence_end(text, pos, min(hi, pos + _TAIL_REACH))
    m = _TAIL_VERBS[lang].search(text, pos, end)
    if not m or any(c in text[pos : m.start()] for c in "\"“”«»"):
        return None
    cue = re.sub(r"\s+", " ", m.group("cue"))
    first = read_forward(text, pos, m.start(), lower_ok=True)
    if first and (first.name or first.role) and _APPOSITIVE_GAP.match(text, first.end, m.start()):
        return Attribution(first, cue, m.end(), "tail")
    if len(words(text, pos, m.start())) > 14:
        return None
    adv = re.search(r"(?:\s+(?:also|later|then|again|further|simply|quickly|once))*\s*$", text[pos : m.start()])
    stop = pos + adv.start() if adv else m.start()
    party = _AFFILIATED.search(text, pos, stop)
    if party:
        stop = party.start()
    phrase = read_backward(text, pos, stop)
    if phrase and phrase.name and not phrase.pronoun and not phrase.plural:
        return Attribution(phrase, cue, m.end(), "tail")
    phrase = descriptive(text, pos, stop)
    if phrase is None and lang == "en" and _DESCRIPTION.fullmatch(text, pos, stop):
        whole = text[pos:stop].strip()
        at = text.index(whole, pos)
        phrase = Phrase(None, whole, whole, at, at + len(whole))
    return Attribution(phrase, cue, m.end(), "tail") if phrase else None


def parse_tail(text: str, close: int, hi: int, quote_end: str, language: str | None) -> Attribution | None:
    """Attribution that follows a quote in the same sentence, or None."""
    lead = _LEAD.match(text, close, hi)
    punct = lead.group("punct") if lead else ""
    comma = punct == "," or (quote_end != "" and quote_end in ",?!…-—")
    pos = lead.end() if lead else close
    for lang in _langs(language):
        found = _after_cue(text, pos, hi, lang, comma)
        if found is None and comma and punct not in (".", ";", ":"):
            found = _subject_verb(text, pos, hi, lang) or _verb_ahead(text, pos, hi, lang)
        if found is None and punct not in (".", ";", ":"):
            m = _ACCORDING[lang].match(text, pos, hi)
            if m:
                phrase = read_forward(text, m.end(), hi, lower_ok=True)
                if phrase:
                    found = Attribution(phrase, m.group("cue").lower(), phrase.end, "according")
        if found:
            return found
    return None


def parse_bare_tail(text: str, close: int, hi: int) -> Attribution | None:
    """English: '"Russia, if you're listening …" Trump said.' — a cue after a quote that lost its
    comma, taken only when subject and verb end the sentence."""
    lead = _LEAD.match(text, close, hi)
    if lead is None or lead.group("punct"):
        return None
    found = _subject_verb(text, lead.end(), hi, "en")
    if found is None or not (found.phrase.name or found.phrase.pronoun):
        return None
    return found if _ends_attribution(text, found.end, sentence_end(text, found.end, hi)) else None


def parse_late(text: str, close: int, hi: int, language: str | None) -> Attribution | None:
    """A cue ending the sentence after a partial quote: ``… "very serious" and urgent, she said.``"""
    end = sentence_end(text, close, hi)
    pos = text.find(",", close, end)
    while pos >= 0:
        at = pos + 1 + len(text[pos + 1 : end]) - len(text[pos + 1 : end].lstrip())
        for lang in _langs(language):
            found = _after_cue(text, at, end, lang, True) or _subject_verb(text, at, end, lang)
            if found and _ends_attribution(text, found.end, end):
                return Attribution(found.phrase, found.cue, found.end, "late")
        pos = text.find(",", pos + 1, end)
    return None


# What may follow the speaker of a sentence-final cue: an appositive or an adjunct of time, place or
# medium (", said X, the energy secretary", ", she said on Monday", ", he told reporters in Iowa").
_CUE_REST = re.compile(r"(?:,|\s+(?:on|in|at|during|to|after|before|when|while|from|last|this|earlier|later|told|"
                       r"yesterday|today|tonight|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|of)\b)")


def _ends_attribution(text: str, pos: int, end: int) -> bool:
    """Nothing but an appositive or an adjunct follows the cue's speaker up to the sentence end."""
    rest = text[pos:end]
    if not rest.strip(" ,"):
        return True
    return bool(_CUE_REST.match(text, pos, end)) and not any(c in rest for c in "\"“”«»")


# A source named at the end of a sentence reports everything before it, the quote and its own cue
# included: '"…," Trump said, according to CNN.' / '…, the Times reported.' / 'menurut X.'
_OUTER = re.compile(r",\s*(?:(?P<according>[Aa]ccording\s+to|menurut)\s+|(?P<as>as)\s+|(?P<subject>))")
_OUTER_VERBS = re.compile(r"\s+(?P<cue>reported|reports|wrote|writes|told|tells|notes|noted)\b")
_PUT_IT = re.compile(r"\s+(?P<cue>put|puts)\s+it\b")  # '…, as a Homeland Security memo put it.'


_NEXT_SENTENCE = re.compile(r"\s+[A-Z\"“‘(]|\s*$")


def parse_outer(text: str, close: int, language: str | None) -> Attribution | None:
    """The source that ends the quote's sentence with "according to X" or ", X reported"."""
    if text[close - 2 : close - 1] in (".", "!", "?") and _NEXT_SENTENCE.match(text, close):
        # '"… without delay." Clinton plans …': the quote ended its sentence, unless its cue follows
        # ('"… election year?" O'Malley said, according to the Las Vegas Sun.')
        nxt = close + len(text[close:]) - len(text[close:].lstrip())
        if _subject_verb(text, nxt, len(text), "en") is None and _after_cue(text, nxt, len(text), "en", True) is None:
            return None
    end = sentence_end(text, close, len(text))
    if any(c in text[close:end] for c in "\"“”«»"):
        return None  # another quote in between: its own cue, not an outer source
    for m in reversed(list(_OUTER.finditer(text, close, end))):
        phrase = read_forward(text, m.end(), end, lower_ok=True)
        if phrase is None or phrase.pronoun or (phrase.plural and not phrase.role and not phrase.name):
            continue
        if m.group("according"):
            if _ends_attribution(text, phrase.end, end):
                return Attribution(phrase, m.group("according").lower(), phrase.end, "according")
            continue
        verb = (_PUT_IT if m.group("as") is not None else _OUTER_VERBS).match(text, phrase.end, end)
        if verb and (phrase.name or phrase.role) and _ends_attribution(text, verb.end(), end):
            return Attribution(phrase, verb.group("cue"), verb.end(), "outer")
    return None


def is_naming(text: str, lo: int, open_: int) -> bool:
    """True when the words before the quote announce a term or title ("apa yang disebut", "so-called")."""
    return bool(_NAMING.search(text, max(lo, open_ - 40), open_))


def parse_head(text: str, lo: int, open_: int, language: str | None) -> Attribution | None:
    """Attribution before a quote in its sentence: colon, according to / menurut, or reported speech."""
    start = sentence_start(text, lo, open_)
    stripped = text[start:open_].rstrip()
    colon = stripped.endswith(":")
    best: tuple[int, Attribution] | None = None
    for lang in _langs(language):
        for m in _ACCORDING[lang].finditer(text, start, open_):
            phrase = read_forward(text, m.end(), open_, lower_ok=True)
            if phrase and not text[start : m.start()].strip() and text[phrase.end : phrase.end + 1] == ",":
                # "According to Yahoo News, Clinton's spokesman said …": the source opening the
                # sentence reports all of it, the speech verb after it included
                return Attribution(phrase, m.group("cue").lower(), phrase.end, "according")
            if phrase and (best is None or m.start() > best[0]):
                best = (m.start(), Attribution(phrase, m.group("cue").lower(), phrase.end, "according"))
        for m in _VERBS[lang].finditer(text, start, open_):
            phrase = subject_before(text, start, m.start())
            if phrase and phrase.pronoun and m.group("cue") in _NARRATIVE_VERBS:
                continue  # "she described this as …": too loose a cue to resolve a pronoun on
            if phrase and (best is None or m.start() > best[0]):
                cue = re.sub(r"\s+", " ", m.group("cue"))
                best = (m.start(), Attribution(phrase, cue, m.end(), "colon" if colon else "reported"))
    if best:
        return best[1]
    if colon:
        # "Putin: "…"" — a bare name before the colon, as in interviews and transcripts.
        phrase = read_backward(text, start, start + len(stripped) - 1)
        if phrase and not text[start : phrase.start].strip():
            return Attribution(phrase, None, start + len(stripped), "colon")
    return None
