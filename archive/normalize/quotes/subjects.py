"""Read the subject of a verb backwards from it: a name, a role, a pronoun or a determiner phrase,
skipping what stands between a subject and its verb (comma-delimited adjuncts and appositives,
times, places, a party affiliation in brackets)."""

from __future__ import annotations

import re
from dataclasses import replace

from ..entities import gazetteer
from .lexicon import FUNCTION_CAPS, NAME_PARTICLES, OCCUPATIONS, PLURAL_PRONOUNS, PRONOUNS, ROLE_WORDS, TIME_WORDS, TITLES
from .speakers import Phrase, Word, _key, is_capitalised, read_backward, words

_DESCRIPTIVE_HEADS = frozenset("the a an one another seorang salah".split())
_NOT_IN_NP = (FUNCTION_CAPS - _DESCRIPTIVE_HEADS - {"and", "dan"}) | frozenset(
    "has have had is are was were be been being will would can could may might should must does did do not yang".split()
)
_AGE = re.compile(r"\d+-year-old$|berusia$", re.IGNORECASE)
_TRAILING_ADVERBS = re.compile(
    r"(?:\s+(?:also|later|then|again|further|simply|quickly|once|since|has|have|had|would|will|however|"
    r"meanwhile|instead|too|[a-z]{3,}ly|"
    r"pun|juga|lalu|kemudian|lantas|sempat|telah|sudah|pernah))*\s*$"
)


def descriptive(text: str, lo: int, hi: int, ws: list[Word] | None = None) -> Phrase | None:
    """The whole clause before a speech verb is a determiner phrase: "one user (quipped)",
    "the man (wrote)", "a judge (ruled)". "The 56-year-old" points back like a pronoun.

    ``ws``: the words of ``text[lo:hi]`` when the caller has already read them."""
    ws = words(text, lo, hi) if ws is None else ws
    if not (2 <= len(ws) <= 5):
        return None
    if ws[0].text.casefold() not in _DESCRIPTIVE_HEADS:
        return _possessed(text, lo, hi, ws)
    if text[lo : ws[0].start].strip(" \"”’'") or text[ws[-1].end : hi].strip():
        return None  # (the comma that ends a quoted title may stand before the phrase)
    if any(w.stop_after or w.text.casefold() in _NOT_IN_NP for w in ws[1:]):
        return None
    if any(re.search(r"[,;:()\[\]!?\"“”„«»/]", text[a.end : b.start]) for a, b in zip(ws, ws[1:])):
        return None
    whole = text[ws[0].start : ws[-1].end]
    if len(ws) == 2 and _AGE.search(ws[1].text) and ws[0].text.casefold() == "the":
        return Phrase(None, None, whole, ws[0].start, ws[-1].end, pronoun=True)
    last = ws[-1].text
    if last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is")):
        return Phrase(None, None, whole, ws[0].start, ws[-1].end, plural=True)  # "the doctors wrote": a group
    return Phrase(None, whole, whole, ws[0].start, ws[-1].end)


_POSSESSIVE = re.compile(r"[’']s$")
_OWNERS = frozenset("his her their its".split())


def _possessed(text: str, lo: int, hi: int, ws: list[Word]) -> Phrase | None:
    """"Trump's potential VP", "Hillary Clinton's campaign manager", "her campaign": a role owned by
    a name or a pronoun; the whole phrase is the speaker as written."""
    k = next((n for n, w in enumerate(ws) if _POSSESSIVE.search(w.text)), None)
    if k is None:
        if ws[0].text.casefold() not in _OWNERS:
            return None
        k = 0
    elif not is_capitalised(ws[k].text):
        return None
    rest = ws[k + 1 :]
    if not 1 <= len(rest) <= 3 or text[lo : ws[0].start].strip() or text[ws[-1].end : hi].strip():
        return None
    if any(w.stop_after or w.text.casefold() in _NOT_IN_NP for w in rest):
        return None
    if re.search(r"[,;:()\[\]!?\"“”„«»/]", text[ws[0].start : ws[-1].end]):
        return None
    whole = text[ws[0].start : ws[-1].end]
    return Phrase(None, whole, whole, ws[0].start, ws[-1].end)


def _adjunct(ws) -> bool:
    """A comma-delimited piece that is not a subject: "saat dihubungi", "Kamis", "speaking in Paris"."""
    head = ws[0].text
    return (
        not is_capitalised(head)
        or head.casefold() in FUNCTION_CAPS
        or all(w.text.casefold() in TIME_WORDS or w.text.isdigit() for w in ws)
    )


_WHEN = re.compile(r"\s(?:saat|ketika|usai|seusai|sambil|selepas)\s")


_LOCATIVE = re.compile(r"(?:^|\s)(?:di|in|of|from|at|near)\s+$")


def _unplaced(text: str, lo: int, phrase: Phrase | None) -> Phrase | None:
    """"Rudy Rinaldy di Padang, Sabtu, mengatakan": a name right after "di"/"in" is the place
    where the subject spoke, so the subject is the phrase before the preposition."""
    if phrase is None or phrase.pronoun:
        return phrase
    m = _LOCATIVE.search(text, lo, phrase.start)
    if not m:
        return phrase
    before = read_backward(text, lo, m.start())
    return before if before and before.name else None


def _opening_name(text: str, lo: int, hi: int) -> Phrase | None:
    """The clause opens with a name and a comma ("Cmdr. Sean Robertson, a spokesperson …,", "Roy
    Cooper (D), …", "Even China, Pyongyang's only ally, …", "Officials at Homeland Security, …")."""
    cut = text.find(",", lo, hi)
    if cut < 0:
        return None
    end = cut
    party = _AFFILIATION.search(text, lo, cut)
    if party:
        end = party.start()
    ws = words(text, lo, end)
    if not ws:
        return None
    phrase = read_backward(text, lo, end, ws)
    if phrase and phrase.name and not phrase.pronoun and all(
        _key(w.text) in TITLES or _key(w.text) in ROLE_WORDS for w in ws if w.start < phrase.start
    ):
        return phrase  # "Cmdr. Sean Robertson, …", "Attorney General Roy Cooper (D), …"
    lead = ws[1:] if ws[0].text.casefold() in _SENTENCE_ADVERBS else ws
    country = _country(text, lead, end) if lead and lead[0].start == lead[0].start else None
    if country is not None and country.start == lead[0].start:
        return country
    return _group_of(text, ws, end)


_SENTENCE_ADVERBS = frozenset(("even", "also", "meanwhile", "now", "still"))


def _group_of(text: str, ws: list[Word], end: int) -> Phrase | None:
    """"Officials at Homeland Security Investigations", "Members of Congress": people named by their
    role in a body, a plural speaker."""
    if not 3 <= len(ws) <= 8 or ws[1].text not in ("at", "of", "from", "in", "with"):
        return None
    head = ws[0].text.casefold()
    if not (head.endswith("s") and (head[:-1] in ROLE_WORDS or head[:-1] in OCCUPATIONS or head in ROLE_WORDS)):
        return None
    if not all(is_capitalised(w.text) or w.text in ("of", "for", "and", "the") for w in ws[2:]):
        return None
    whole = text[ws[0].start : ws[-1].end]
    return Phrase(None, None, whole, ws[0].start, ws[-1].end, plural=True)


_MODIFIER = re.compile(r"(?<!\S)(?:in|of|at|from|by|with|on|about|published|who|which|that)(?!\S)")
_RELATIVES = frozenset(("that", "which", "who"))


# A clause that opens with a preposition opens with an adjunct, not with its subject ("On Saturday
# at the convention Sen. Elizabeth Warren said").
_ADJUNCT_OPENING = re.compile(r"\s*(?:[Oo]n|[Ii]n|[Aa]t|[Dd]uring|[Aa]fter|[Bb]efore|[Ff]rom|[Ss]peaking|[Aa]sked|[Ll]ast|[Tt]his|[Ee]arlier|[Ll]ater)\b")


def _embedded(text: str, lo: int, phrase: Phrase) -> bool:
    """"The authors of the research published in the journal JAMA Psychiatry argued": a name
    inside a prepositional or relative modifier of the subject is not the subject."""
    if not phrase.name or _ADJUNCT_OPENING.match(text, lo, phrase.start):
        return False
    return bool(_MODIFIER.search(text, lo, phrase.start)) and not _relative_subject(text, lo, phrase)


def _relative_subject(text: str, lo: int, phrase: Phrase) -> bool:
    """"a payout that New Media investor Leon Cooperman blasted": a name right after a relative
    pronoun (a few describing words between) is the subject of the relative clause, whose verb is
    the one read right after it."""
    last = None
    for last in _MODIFIER.finditer(text, lo, phrase.start):
        pass
    if last is None or last.group() not in _RELATIVES:
        return False
    between = text[last.end() : phrase.start].split()
    # describing words only: "that she's glad Clinton appeared" is a clause of "she", not Clinton's
    return len(between) <= 3 and not any("'" in w or "’" in w or _key(w) in PRONOUNS or _key(w) in PLURAL_PRONOUNS for w in between)


# US news gives a politician's party and state in brackets after the name: "Rep. Jim Clyburn (D-S.C.)".
_AFFILIATION = re.compile(r"\s*\([A-Z][^()]{0,14}\),?\s*$")
# An aside between dashes that ends right before the verb: the subject stands before it.
_DASHED_ASIDE = re.compile(r"\s(?:--|—|–|―)\s[^—–―]*?(?:--|—|–|―),?\s*$")
# Where a clause starts inside a sentence: after a colon, a semicolon or a dash.
_CLAUSE_BREAK = re.compile(r"[:;]\s|\s[—–―-]\s|\s--\s")
_JOINED_VERBS = frozenset(("and", "but", "or", "then"))
# A clause that opens with a conjunction: the subject follows it ("…, and Trump vowed", "while Cruz said").
_CONJUNCTIONS = frozenset(
    "and but or while as when because although though whereas so yet after before since if until once "
    "which where whom that".split()
)


# A time between an English subject and its verb ("Gwen Graham on Friday pummeled", "Clinton this
# week said"), and a reflexive that stresses the subject ("Cruz himself said").
_TIME = re.compile(
    r"\s+(?:(?:on|this|last|late|early|earlier|during|in)\s+(?:a\s+|the\s+)?)?"
    r"(?:(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|week|weekend|month|year|morning|afternoon|evening|night|"
    r"yesterday|today|tonight)(?:\s+(?:morning|afternoon|evening|night))?\s*$"
)
_REFLEXIVE = re.compile(r"\s+(?:himself|herself|itself|themselves)\s*$")
# "A Government Accountability Office report released last year found …": what describes the report.
_REDUCED_RELATIVE = re.compile(r"\s+(?:released|published|issued|obtained|filed|written|sent|posted|cited|seen)\b[^,;:\"“”]{0,40}$")


_PARTY_STATE = re.compile(r"\s*[RDI]-[A-Z][\w.]*(?:\s[A-Z][\w.]*)?\s*")
# A place adjunct that a ", State," may continue: "in Columbus, Ohio, said".
_LOCATIVE_END = re.compile(r"\b(?:in|at|from|near|of)\s+(?:[A-Z][\w.'’\-]*\s+){0,3}[A-Z][\w.'’\-]*\s*$")


def _country(text: str, ws: list[Word], hi: int) -> Phrase | None:
    """The country named by the last words before the verb ("Russia", "North Korea"), as a body."""
    for n in (1, 2, 3):
        if len(ws) < n or text[ws[-1].end : hi].strip():
            break
        run = ws[-n:]
        if not all(is_capitalised(w.text) for w in run):
            break
        name = text[run[0].start : run[-1].end]
        place = gazetteer.get().phrases.get(gazetteer.norm(name))
        if place is not None and place.kind == "country":
            before = ws[: len(ws) - n]
            if before and before[-1].text.casefold() not in ("the", "and", "but", "while", "as", "that"):
                return None  # "China's ambassador to Britain accused": the country only qualifies
            return Phrase(None, name, name, run[0].start, run[-1].end)
    return None


def _place(name: str) -> bool:
    """A place the gazetteer knows ("Ohio", "Columbus"): after a comma, the end of a place adjunct."""
    return gazetteer.get().phrases.get(gazetteer.norm(name)) is not None


def subject_before(text: str, lo: int, verb: int) -> Phrase | None:
    """The subject of a verb, skipping comma-delimited adjuncts ("X, saat dihubungi, Kamis, mengatakan")."""
    aside = _DASHED_ASIDE.search(text, lo, verb)
    if aside:
        verb = aside.start()  # "John Dickey, the chief executive of Ora -- …, which … -- told me"
    for brk in _CLAUSE_BREAK.finditer(text, lo, verb):
        lo = brk.end()  # "… sounded equivocal: Former Rep. Jane Harman called it"
    adv = _TRAILING_ADVERBS.search(text, lo, verb)
    hi = adv.start() if adv else verb
    for between in (_AFFILIATION, _TIME, _REFLEXIVE, _AFFILIATION, _REDUCED_RELATIVE):
        m = between.search(text, lo, hi)
        if m:
            hi = m.start()
    opening = _opening_name(text, lo, hi)
    for _ in range(4):
        cut = text.rfind(",", lo, hi)
        seg_lo = lo if cut < 0 else cut + 1
        party = _AFFILIATION.search(text, seg_lo, hi)
        if party:
            hi = party.start()  # "Attorney General Roy Cooper (D), McCrory's opponent, …"
        ws = words(text, seg_lo, hi)
        if len(ws) == 1 and ws[0].text in _JOINED_VERBS:
            return None  # "…, and described": the verb shares the subject of the one before
        if ws:
            phrase = _unplaced(text, seg_lo, read_backward(text, seg_lo, hi, ws))
            if phrase is None and (cut < 0 or ws[0].text.casefold() in _DESCRIPTIVE_HEADS or any(_POSSESSIVE.search(w.text) for w in ws)):
                # a clause-opening phrase ("one user quipped"); after a comma an appositive loses
                # to the name it describes (see ``opening`` below)
                phrase = descriptive(text, seg_lo, hi, ws)
            if phrase is None:
                phrase = _country(text, ws, hi)  # "Russia insisted that …": a state speaks as a body
            if phrase is None:
                # "H Burhan Noor saat mendampingi … mengatakan": a time clause between subject and verb
                when = _WHEN.search(text, seg_lo, hi)
                if when:
                    phrase = read_backward(text, seg_lo, when.start())
                    if phrase and not phrase.name:
                        phrase = None
            adjunct = _adjunct(ws)
            if cut >= 0 and _PARTY_STATE.fullmatch(text, seg_lo, hi):
                phrase, adjunct = None, True  # "Sen. Ted Cruz, R-Texas, said": the party and state
            if phrase and phrase.name and cut >= 0 and _LOCATIVE_END.search(text, lo, cut) and _place(phrase.name):
                phrase, adjunct = None, True  # "Clinton, during a meeting in Columbus, Ohio, said"
            if phrase and phrase.start != ws[0].start and all(
                w.text in NAME_PARTICLES for w in ws if w.start < phrase.start
            ):
                phrase = replace(phrase, start=ws[0].start)  # "de Blasio said"
            if len(ws) > 1 and ws[0].text.casefold() in _CONJUNCTIONS:
                # a clause of its own ("…, while the opposition calls …"): its subject is in it
                if phrase is None or (phrase.start != ws[1].start and not _relative_subject(text, ws[1].start, phrase)):
                    phrase = descriptive(text, ws[1].start, hi, ws[1:])
                return phrase if phrase and not _embedded(text, ws[1].start, phrase) else None
            if phrase and (phrase.pronoun or phrase.plural or phrase.start == ws[0].start or not adjunct or cut < 0):
                if cut >= 0 and opening and not phrase.pronoun and (
                    phrase.name is None or phrase.start != ws[0].start or not is_capitalised(ws[0].text)
                    or ws[0].text.casefold() in ROLE_WORDS  # "Pankaj Pandey, Head of Research at ICICI, …"
                ):
                    return opening  # "Robertson, the U.S. commander, said": the appositive describes the name
                if phrase.text.startswith(("that ", "which ")) and phrase.name:
                    # "an explosion that Mayor Bill de Blasio described as …": the subject of a
                    # relative clause, however deep the clause sits
                    at = phrase.text.index(" ") + 1
                    return replace(phrase, text=phrase.text[at:], start=phrase.start + at)
                if _embedded(text, seg_lo, phrase):
                    return None
                return phrase
            if not adjunct:
                return opening if cut >= 0 else None
        if cut < 0:
            return None
        hi = cut
    return None


