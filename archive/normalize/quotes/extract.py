"""Put the pieces together: spans, their attributions, inheritance between quotes, speaker names."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Sequence

from ..model import Quote
from .cues import (
    Attribution,
    is_naming,
    parse_head,
    parse_late,
    parse_tail,
    sentence_end,
    sentence_start,
)
from .antecedents import previous_sentence, sentence_subjects, speech_subjects
from .organisations import BODY_NOUNS, body_antecedent, is_body, proper_body
from .marks import Span, find_spans, opens_paragraph
from .names import NameBook
from .speakers import Phrase, read_forward

_GAP = re.compile(r"[\s,;:.\-–—]*")
# "…," adding "…" / "…," menambahkan "…": a participle that carries the same speaker on.
_CONTINUING = re.compile(r"[\s,;:]*(?:adding|saying|continuing|menambahkan|melanjutkan)[\s,:]*")
# "…," said X in a statement, "as it's …": a short adjunct after the cue, then the sentence goes on.
_CLAUSE_GAP = re.compile(r"[^.!?;:\"“”«»]{0,60},\s*")
_EMPTY_TAIL = re.compile(r"[\s.,;:!?)\]]*")
_WORDS = re.compile(r"[^\W\d_][\w'’\-]*")
_SMALL_WORDS = frozenset("a an the of and or in on at to for with by from dan di ke dari yang untuk atau".split())


@dataclass
class _Item:
    para: int
    span: Span
    attribution: Attribution | None = None
    whole: bool = False  # the quote is the entire paragraph
    chain: int | None = None  # index of the first piece of a quote continued over paragraphs


def extract_quotes(paragraphs: Sequence[str], language: str | None) -> list[Quote]:
    """Quotes of an article in document order, each with its speaker and cue when attributed.

    Never raises: an article that defeats the rules yields no quotes rather than a failed ingest.
    """
    try:
        return extract(paragraphs, language)
    except Exception:  # pragma: no cover - last resort; tests call extract() directly
        return []


def _term_like(text: str) -> bool:
    """A short capitalised phrase without sentence punctuation: a title or a name, not speech."""
    ws = _WORDS.findall(text)
    if not ws or len(ws) > 8 or text.rstrip()[-1:] in ".!?":
        return False
    content = [w for w in ws if w.casefold() not in _SMALL_WORDS]
    return bool(content) and all(w[:1].isupper() for w in content)


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


def _attribute(text: str, lo: int, span: Span, limit: int, language: str | None) -> Attribution | None:
    """Best attribution for one span: tail cue, colon, according to, reported speech, late cue."""
    tail = parse_tail(text, span.close, limit, _quote_end(text, span), language) if span.closed else None
    quoted = text[span.start : span.end]
    if tail and _term_like(quoted) and text[sentence_start(text, lo, span.open) : span.open].strip():
        # After hitting "Takin' It To the Streets," the singer told …: a title inside a sentence
        # is not what the cue's subject said.
        tail = None
    if tail:
        return tail
    vetoed = is_naming(text, lo, span.open) or _term_like(quoted) or _nickname(text, span)
    head = parse_head(text, lo, span.open, language)
    if head and head.source in ("colon", "according") and not vetoed:
        return head
    if vetoed:
        return None
    # Indonesian marks foreign or special terms with quotes ("warna "peach""), so a one-word
    # partial quote inside reported speech is a term, not words the subject said.
    one_word = len(_WORDS.findall(quoted)) < 2
    if one_word and language != "en":
        return None
    if head:
        return head
    return parse_late(text, span.close, limit, language) if span.closed else None


def _sentence_like(text: str) -> bool:
    return len(_WORDS.findall(text)) >= 3 and not _term_like(text)


def extract(paragraphs: Sequence[str], language: str | None) -> list[Quote]:
    """The rules of :func:`extract_quotes`, without the safety net."""
    paras = [p if isinstance(p, str) else "" for p in paragraphs]
    items: list[_Item] = []
    prev_unclosed: _Item | None = None
    prev_text = -1  # the last paragraph with text: scraped bodies put blank lines between paragraphs
    for i, text in enumerate(paras):
        if not text.strip():
            continue
        before, prev_text = prev_text, i
        spans = find_spans(text)
        lo = 0
        last: _Item | None = None
        for k, span in enumerate(spans):
            limit = spans[k + 1].open if k + 1 < len(spans) else len(text)
            item = _Item(i, span, whole=not text[: span.open].strip() and bool(_EMPTY_TAIL.fullmatch(text, span.close)))
            continued = k == 0 and prev_unclosed is not None and opens_paragraph(text, span)
            if not span.closed and span.single and not _next_opens(paras, i, single=True):
                continue  # an unmatched single mark is an apostrophe we could not tell apart
            item.attribution = _attribute(text, lo, span, limit, language)
            if item.attribution is None and k == 0 and opens_paragraph(text, span) and before >= 0 and paras[before].rstrip().endswith(":"):
                prev = paras[before].rstrip()
                head = parse_head(prev, 0, len(prev), language)
                item.attribution = head if head and head.source == "colon" else None
            if item.attribution is None and last and last.attribution:
                # "…," kata X, "…" / "…," he said. "…": a quote right after another's cue continues it.
                gap = last.attribution.end <= span.open and (
                    _GAP.fullmatch(text, last.attribution.end, span.open)
                    or _CONTINUING.fullmatch(text, last.span.close, span.open)
                    or (_CLAUSE_GAP.fullmatch(text, last.attribution.end, span.open) and text[span.start : span.start + 1].islower())
                )
                if gap or (_same_sentence_gap(text, last.attribution.end, span.open) and _EMPTY_TAIL.fullmatch(text, span.close, limit)):
                    item.attribution = last.attribution
            if item.attribution is None and not continued and _sentence_like(text[span.start : span.end]):
                if k == 0 and item.whole and before >= 0:
                    # a paragraph that is only a quote, after a paragraph of reported speech
                    item.attribution = previous_sentence(paras[before], 0, len(paras[before]), language)
                else:
                    item.attribution = previous_sentence(text, lo, span.open, language)
            if continued and prev_unclosed is not None:
                if prev_unclosed.chain is None:
                    prev_unclosed.chain = items.index(prev_unclosed)
                item.chain = prev_unclosed.chain
            items.append(item)
            last = item
            lo = item.attribution.end if item.attribution and item.attribution.end > span.close else span.close
        prev_unclosed = last if last and not last.span.closed else None
    _share_chains(items)
    _inherit_paragraphs(items, paras)
    return _resolve(items, paras, language)


def _same_sentence_gap(text: str, lo: int, hi: int) -> bool:
    """Only punctuation, or the rest of the attribution's sentence ("said X, the energy
    secretary."), lies between a cue and the next quote: that quote is the same speaker's."""
    if lo > hi:
        return False
    if _GAP.fullmatch(text, lo, hi):
        return True
    end = sentence_end(text, lo, hi)
    return end < hi and _GAP.fullmatch(text, end, hi) is not None and '"' not in text[lo:hi]


def _next_opens(paras: list[str], i: int, single: bool) -> bool:
    nxt = next((p.lstrip() for p in paras[i + 1 :] if p.strip()), "")
    return nxt[:1] in ("‘'" if single else "\"“”„«")


def _share_chains(items: list[_Item]) -> None:
    """A quote continued over paragraphs is one quote: every piece gets the attribution found
    (the closing piece's cue first, else the opening piece's lead-in)."""
    groups: dict[int, list[_Item]] = {}
    for item in items:
        if item.chain is not None:
            groups.setdefault(item.chain, []).append(item)
    for pieces in groups.values():
        found = next((p.attribution for p in reversed(pieces) if p.attribution and p.attribution.source == "tail"), None)
        found = found or next((p.attribution for p in pieces if p.attribution), None)
        for piece in pieces:
            if piece.attribution is None or (piece.attribution.source == "previous" and found.source == "tail"):
                piece.attribution = found  # the quote's own cue beats the sentence before it


def _inherit_paragraphs(items: list[_Item], paras: list[str]) -> None:
    """A paragraph that is only a quote, right after a paragraph ending in an attributed quote,
    continues that speaker (news style: the attribution is not repeated)."""
    for n in range(1, len(items)):
        item, prev = items[n], items[n - 1]
        if item.attribution or not item.whole or not prev.attribution or prev.para >= item.para:
            continue
        if any(paras[p].strip() for p in range(prev.para + 1, item.para)):
            continue
        text = paras[item.para]
        quoted = text[item.span.start : item.span.end]
        if not quoted[:1].isupper() and not quoted[:1].isdigit():
            continue  # "“… prevent the evacuation …”": a fragment set as a heading, not more speech
        if _sentence_like(quoted) and prev.attribution.phrase:
            item.attribution = prev.attribution


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
    for p in range(where[0], -1, -1):
        if short[:2] not in paras[p].casefold():
            continue  # a role there would start with the same two letters (see _abbreviates)
        found = speech_subjects(paras[p], language) + sentence_subjects(paras[p])
        for pos, phrase in sorted(found, key=lambda f: f[0], reverse=True):
            if (p, pos) >= where or not phrase.name or not phrase.role:
                continue
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


def _resolve(items: list[_Item], paras: list[str], language: str | None) -> list[Quote]:
    """Turn phrases into names: pronouns to the latest speaker, short names to the fullest."""
    book = NameBook(paras)
    subjects: dict[int, list[tuple[int, Phrase]]] = {}  # paragraph -> named speech subjects, on demand
    last: tuple[tuple[int, int], str, str | None] | None = None  # position, speaker, role
    resolved: dict[int, tuple[str | None, str | None]] = {}
    spoken: list[tuple[tuple[int, int], str, Phrase | None, bool]] = []  # earlier speakers (see body_antecedent)
    bodies: set[str] = set()

    def latest_subject(where: tuple[int, int]) -> tuple[int, int, Phrase] | None:
        """The last named subject of a speech verb before ``where``; else of any sentence."""
        for p in range(where[0], -1, -1):
            if p not in subjects:
                subjects[p] = speech_subjects(paras[p], language)
            before = [s for s in subjects[p] if (p, s[0]) < where]
            if before:
                return (p, before[-1][0], before[-1][1])
        if last is None:
            weak = [(p, pos, ph) for p in range(where[0] + 1) for pos, ph in sentence_subjects(paras[p]) if (p, pos) < where]
            return weak[-1] if weak else None
        return None

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
        elif att and att.phrase and not att.phrase.plural:
            phrase = att.phrase
            if phrase.pronoun:
                # he/she/ia/dia/-nya: the latest person seen speaking, quoted or reported
                ev = latest_subject(where)
                opener = _sentence_opener(text, item.span.open, phrase.start)
                if opener and (last is None or (item.para, opener.start) > last[0]) and (
                    ev is None or (item.para, opener.start) > (ev[0], ev[1])
                ):
                    # "Carlineo was arrested … in which he said …": the person the pronoun's own sentence is about
                    speaker, role = book.fullest(opener.name or "", item.para, opener.start), opener.role
                elif ev and (last is None or (ev[0], ev[1]) > last[0]):
                    speaker, role = book.fullest(ev[2].name or "", ev[0], ev[1]), ev[2].role
                elif last:
                    speaker, role = last[1], last[2]
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
                if holder:
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
                speaker=speaker,
                cue=(att.cue.lower() if att and att.cue and speaker else None),
                role=role if speaker else None,
            )
        )
    return out
