"""Turn attributed phrases into speakers: pronouns to the person they point back to, short names
to the fullest name in the article, "it" / "the company" to the body last named as a source."""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Iterator

from .. import lexicon
from .antecedents import sentence_subjects, speech_subjects
from .cues import sentence_start
from .lexicon import OCCUPATIONS, PLURAL_PRONOUNS, ROLE_WORDS
from .names import NameBook, drop_suffix
from .pronouns import Candidate, Genders, antecedent
from .organisations import BODY_NOUNS, body_antecedent, is_body, proper_body
from .site import Found
from .speakers import Phrase, _key, read_forward
from ..model import Quote


def _abbreviates(short: str, role_words: list[str]) -> bool:
    """"Menkes" for Menteri Kesehatan, "Kapolda" for Kapolda Metro Jaya: the short title is the
    role's first word, or is built from the starts (two letters or more) of its words in order."""
    if not role_words:
        return False
    if short == role_words[0]:
        return True
    if not short or short[:2] != role_words[0][:2]:
        return False
    for n in range(len(short), 1, -1):
        if role_words[0].startswith(short[:n]):
            rest = short[n:]
            if not rest or (len(role_words) > 1 and _abbreviates(rest, role_words[1:]) and len(rest) > 1):
                return True
    return False


def _role_holder(role: str, where: tuple[int, int], paras: list[str], language: str | None) -> Phrase | None:
    """"kata Menkes": a bare capitalised title names the person introduced earlier with that role."""
    if " " in role or not role[:1].isupper() or len(role) < 4:
        return None
    short = role.casefold()
    for p in range(where[0], max(-1, where[0] - _ROLE_LOOK_BACK), -1):
        if short[:2] not in paras[p].casefold():
            continue  # a role there would start with the same two letters (see _abbreviates)
        found = speech_subjects(paras[p], language) + sentence_subjects(paras[p])
        for pos, phrase in sorted(found, key=lambda f: f[0], reverse=True):
            if (p, pos) >= where or not phrase.name or not phrase.role:
                continue
            if not any(_key(w) in ROLE_WORDS or _key(w) in OCCUPATIONS for w in phrase.role.split()):
                continue  # "Obama Says African-American Museum …" (a headline): no title there
            if _abbreviates(short, [w.casefold() for w in phrase.role.split()]):
                return phrase
    return None


def _refers_to_body(phrase: Phrase) -> bool:
    """"it" / "they" / "the company": words that stand for an organisation, never a named one."""
    if phrase.name or phrase.pronoun:
        return False
    if phrase.text.casefold() in ("it", "they"):
        return True
    ws = phrase.text.casefold().split()
    return len(ws) == 2 and ws[0] == "the" and ws[1] in BODY_NOUNS


_LOOK_BACK = 12  # paragraphs searched for the subject a pronoun points back to
_ROLE_LOOK_BACK = 60  # paragraphs searched for the person an abbreviated title stands for
_JOINT = re.compile(r"\s+(?:and|dan|&)\s+")


def _group(phrase: Phrase, book: NameBook, para: int, pos: int) -> str | None:
    """The speaker of a plural phrase: the phrase itself, or for joint names both names in full."""
    if phrase.text.casefold() in PLURAL_PRONOUNS or phrase.text.casefold() == "it":
        return None
    parts = _JOINT.split(phrase.text)
    if len(parts) == 2 and all(p[:1].isupper() for p in parts):
        return " and ".join(book.fullest(p, para, pos) for p in parts)
    return phrase.text


def _sentence_opener(text: str, open_: int, cue: int) -> Phrase | None:
    """The named person that opens the sentence of a quote whose cue ("he said") comes before it."""
    if cue > open_:
        return None
    start = sentence_start(text, 0, cue)
    if any(c in text[start:cue] for c in "\"“”«»"):
        return None
    lead = len(text[start:cue]) - len(text[start:cue].lstrip())
    phrase = read_forward(text, start + lead, cue, lower_ok=False)
    if phrase is None or not phrase.name or phrase.plural or phrase.pronoun or is_body(phrase, []):
        return None
    return phrase


@lru_cache(maxsize=None)
def _documents(language: str | None) -> tuple[frozenset[str], re.Pattern]:
    """The document nouns of a language and the pattern of the words that introduce their author."""
    langs = (language,) if language in lexicon.LANGUAGES else lexicon.LANGUAGES
    markers = "|".join(sorted(lexicon.words("author_markers", langs)))
    return lexicon.words("documents", langs), re.compile(rf"\s+(?:{markers})\s+")


def _author(text: str, phrase: Phrase, language: str | None) -> Phrase | None:
    """"a report from Kotak Institutional Equities", "a 2018 survey by Penelope Muse Abernathy":
    the author a document speaks for, a name or a named body (``lexicon/data/*/documents.txt``)."""
    documents, marker = _documents(language)
    role = (phrase.role or "").casefold().split()
    m = marker.match(text, phrase.end) if role and role[-1] in documents else None
    author = read_forward(text, m.end(), len(text), lower_ok=True) if m else None
    if author is None or author.pronoun or author.plural:
        return None
    return author if author.name or proper_body(author.role or "") != author.role else None


def resolve(items: list[Found], paras: list[str], language: str | None) -> list[Quote]:
    """Turn phrases into names: pronouns to the latest speaker, short names to the fullest."""
    book = NameBook(paras, language)
    genders = Genders(paras)
    subjects: dict[int, list[tuple[int, Phrase]]] = {}  # paragraph -> named speech subjects, on demand
    last: tuple[tuple[int, int], str, str | None] | None = None  # position, speaker, role
    resolved: dict[int, tuple[str | None, str | None]] = {}
    spoken: list[tuple[tuple[int, int], str, Phrase | None, bool]] = []  # earlier speakers (see body_antecedent)
    bodies: set[str] = set()

    def candidates(where: tuple[int, int], opener: Phrase | None) -> Iterator[Candidate]:
        """Who a pronoun at ``where`` may stand for, most recent first, read paragraph by paragraph
        as far as needed: the sentence's opener, the named subjects of speech verbs, the speakers
        of earlier quotes."""
        said = [Candidate(w, name, None, known) for w, name, _phrase, known in spoken if w < where]
        for p in range(where[0], max(-1, where[0] - _LOOK_BACK), -1):
            if p not in subjects:
                subjects[p] = speech_subjects(paras[p], language)
            here = [Candidate((p, pos), ph.name or "", ph.role, is_body(ph, [])) for pos, ph in subjects[p] if (p, pos) < where]
            here += [c for c in said if c.where[0] == p]
            if opener and p == where[0]:
                here.append(Candidate((p, opener.start), opener.name or "", opener.role))
            yield from sorted(here, key=lambda c: c.where, reverse=True)
        yield from sorted((c for c in said if c.where[0] <= where[0] - _LOOK_BACK), key=lambda c: c.where, reverse=True)

    def weak_candidates(where: tuple[int, int]) -> Iterator[Candidate]:
        """Names that open any sentence before ``where`` ("Marathon runner Eliud Kipchoge crossed …"),
        most recent first: tried when no speaker or speech subject can be meant."""
        for p in range(where[0], max(-1, where[0] - _LOOK_BACK), -1):
            found = [Candidate((p, pos), ph.name or "", ph.role) for pos, ph in sentence_subjects(paras[p]) if (p, pos) < where]
            yield from reversed(found)

    def full(candidate: Candidate) -> str:
        return book.fullest(candidate.name, *candidate.where) if candidate.name else ""

    known_bodies: dict[str, bool] = {}

    def organisation(candidate: Candidate) -> bool:
        """"Big Machine have twice denied": a name the article treats as an organisation."""
        if candidate.name not in known_bodies:
            phrase = Phrase(candidate.name, candidate.role, candidate.name, 0, 0)
            known_bodies[candidate.name] = bool(candidate.name) and is_body(phrase, paras)
        return known_bodies[candidate.name]

    out: list[Quote] = []
    for item in items:
        text = paras[item.para]
        att = item.attribution
        speaker = role = None
        where = (item.para, item.span.open)
        body, named = False, None
        if att and att.phrase and id(att) in resolved:
            speaker, role = resolved[id(att)]
            body = speaker in bodies
        elif att and att.phrase and language != "id" and _refers_to_body(att.phrase):
            # "it added" / "they said in a statement" / "the company said": the body last named as a source
            speaker = body_antecedent(paras, where, spoken)
            body = speaker is not None
            if speaker is None and not att.phrase.plural:
                speaker = att.phrase.role
            resolved[id(att)] = (speaker, None)
        elif att and att.phrase and att.phrase.plural:
            # "the doctors wrote", "Cummings and Conyers wrote": a group speaks; the phrase as written,
            # each name of a joint speaker completed. A bare "they" / "mereka" names nobody.
            speaker = _group(att.phrase, book, item.para, item.span.open)
            resolved[id(att)] = (speaker, None)
        elif att and att.phrase:
            phrase = att.phrase
            if phrase.pronoun:
                # he/she/ia/dia/-nya: the latest person seen speaking, quoted or reported, or the
                # person the pronoun's own sentence is about ("Carlineo was arrested … in which he
                # said …"), of the pronoun's gender (pronouns.py)
                opener = _sentence_opener(text, item.span.open, phrase.start)
                chosen = antecedent(phrase.text, candidates(where, opener), genders, full, organisation)
                if chosen is None:
                    chosen = antecedent(phrase.text, weak_candidates(where), genders, full, organisation)
                if chosen is not None and last is not None and chosen.where == last[0] and chosen.name == last[1]:
                    speaker, role = last[1], last[2]
                elif chosen is not None:
                    speaker, role = full(chosen), chosen.role
            elif phrase.name:
                speaker, role = book.fullest(phrase.name, item.para, item.span.open), phrase.role
                if speaker == phrase.name and role is None:
                    # "kata Menkes": an abbreviated title the word lists do not know
                    holder = _role_holder(phrase.name, where, paras, language)
                    if holder:
                        speaker, role = book.fullest(holder.name or "", item.para, item.span.open), holder.role
            else:
                speaker = proper_body(phrase.role or "")
                holder = _role_holder(phrase.role or "", where, paras, language)
                author = _author(text, phrase, language)
                if author is not None:
                    speaker = book.fullest(author.name, item.para, item.span.open) if author.name else proper_body(author.role or "")
                elif holder:
                    speaker, role = book.fullest(holder.name or "", item.para, item.span.open), holder.role
                elif speaker and " " not in speaker and speaker[:1].isupper():
                    # "says Doctor": a surname that is also an occupation, introduced in full earlier
                    speaker = book.fullest(speaker, item.para, item.span.open)
            resolved[id(att)] = (speaker, role)
            if speaker and not phrase.pronoun and speaker == (phrase.name or proper_body(phrase.role or "")):
                named = phrase  # judged a body or not only if an "it" / "they" needs it
        if speaker:
            last = (where, speaker, role)
            spoken.append((where, speaker, named, body))
            if body:
                bodies.add(speaker)
        out.append(
            Quote(
                paragraph=item.para,
                start=item.span.start,
                end=item.span.end,
                text=text[item.span.start : item.span.end],
                speaker=drop_suffix(speaker) if speaker else None,
                cue=(att.cue.lower() if att and att.cue and speaker else None),
                role=role if speaker else None,
                rule=item.rule if speaker else None,
            )
        )
    return out
