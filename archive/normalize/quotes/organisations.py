"""Organisations referred to as "it" / "they" / "the company": the body last named as a source.

A candidate is the subject of a reporting verb ("Big Machine have twice denied", "the Swedish
Prosecution Authority said") or the speaker already given to an earlier quote. Only the nearest
candidate counts, and only when it is an organisation: a person there makes the reference
ambiguous (singular "they"), so no speaker is given rather than a wrong one.
"""

from __future__ import annotations

import re

from ..entities.lexicon import KNOWN_ORGS
from .cues import sentence_start
from .subjects import subject_before
from .speakers import Phrase, is_acronym

# Reporting verbs whose subject may be the source of a later "it said".
_REPORTING = re.compile(
    r"\b(?:said|says|added|adds|told|stated|states|announced|announces|confirmed|confirms|denied|denies|"
    r"insisted|insists|warned|warns|claimed|claims|wrote|writes|tweeted|posted|responded|replied)\b"
)
_SKIP_ADVERBS = re.compile(r"(?:\s+(?:has|have|had|also|twice|again|repeatedly|previously|already|publicly|since|later))+\s*$")
# Nouns that make a phrase an organisation ("Dick Clark Productions", "the Swedish Prosecution Authority").
_BODY_WORDS = frozenset(
    """agency authority authorities company corporation corp inc ltd llc plc group productions records
    label ministry department office commission committee council board bureau institute university
    association union federation league organisation organization foundation court police government
    administration service services center centre network studio studios bank firm club
    report study memo statement letter survey poll complaint ruling document article paper""".split()
)  # (and the documents that "say" things: "the report says", then "It also points out …")
# "the company said": a definite description of a body, resolved like "it".
BODY_NOUNS = frozenset("company agency group firm label organisation organization ministry department".split())
# "The group that owns her music, Big Machine, …" / "Big Machine have twice denied": named as a body.
_APPOSED_BEFORE = re.compile(
    r"\b(?:[Tt]he|[Aa])\s+(?:" + "|".join(sorted(BODY_NOUNS | {"organisation", "organization"})) + r")\b[^.;\"“”]{0,60},\s*$"
)
_PLURAL_AFTER = re.compile(r"\s+(?:have|are|were)\b")


def is_body(phrase: Phrase, paras: list[str]) -> bool:
    """An organisation, not a person: a body word ("Authority", "Records"), an acronym, a body the
    entity lists know ("White House", "Reuters"), or named as one in the article (``paras``)."""
    text = phrase.text
    words = [w.casefold() for w in re.findall(r"[\w&]+", text)]
    if any(w in _BODY_WORDS for w in words):
        return True
    if tuple(words[-3:]) in KNOWN_ORGS or tuple(words[-2:]) in KNOWN_ORGS:
        return True
    if is_acronym(text):
        return True
    name = phrase.name or ""
    if not name or len(name) < 3:
        return False
    for p in paras:
        at = p.find(name)
        while at >= 0:
            end = at + len(name)
            if (at == 0 or not p[at - 1].isalnum()) and (end == len(p) or not p[end].isalnum()):
                if _PLURAL_AFTER.match(p, end) or _APPOSED_BEFORE.search(p, max(0, at - 80), at):
                    return True
            at = p.find(name, end)
    return False


def _candidates(text: str, hi: int) -> list[tuple[int, Phrase]]:
    found: list[tuple[int, Phrase]] = []
    for m in _REPORTING.finditer(text, 0, hi):
        start = sentence_start(text, 0, m.start())
        adv = _SKIP_ADVERBS.search(text, start, m.start())
        phrase = subject_before(text, start, adv.start() if adv else m.start())
        if phrase and not phrase.pronoun and not phrase.plural and (phrase.name or phrase.role):
            found.append((m.start(), phrase))
    return found


def body_antecedent(
    paras: list[str], where: tuple[int, int], spoken: list[tuple[tuple[int, int], str, Phrase | None, bool]]
) -> str | None:
    """The organisation that "it"/"they" at ``where`` stands for, or None when not clear.

    ``spoken`` lists earlier quotes' (position, speaker, the phrase that named it, known to be a body)."""
    best: tuple[tuple[int, int], str | None] | None = None
    lowest = max(0, where[0] - 6)
    for p in range(where[0], lowest - 1, -1):
        hi = where[1] if p == where[0] else len(paras[p])
        cands = _candidates(paras[p], hi)
        if cands:
            pos, phrase = cands[-1]
            name = phrase.name or phrase.role
            best = ((p, pos), name if is_body(phrase, paras) else None)
            break
    earlier = [entry for entry in spoken if entry[0] < where]
    if earlier and (best is None or earlier[-1][0] > best[0]):
        pos, speaker, phrase, known = earlier[-1]
        best = (pos, speaker if known or (phrase is not None and is_body(phrase, paras)) else None)
    if best is None or best[1] is None:
        return None
    return proper_body(best[1])


def proper_body(name: str) -> str:
    """"the Swedish Prosecution Authority": an institution's proper name, without the article.
    A description ("the spokesman") or a country ("the UK") keeps it."""
    rest = name[4:]
    if not name.startswith(("the ", "The ")) or not rest[:1].isupper():
        return name
    words = re.findall(r"[\w&]+", rest)
    content = [w for w in words if w.casefold() not in ("of", "for", "and", "the", "on", "in")]
    if content and all(w[:1].isupper() for w in content) and any(w.casefold() in _BODY_WORDS for w in words):
        return rest
    return name
