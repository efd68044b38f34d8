"""Read the noun phrase that names a speaker, split it into role and name, and find the fullest name.

A speaker phrase is a run of words with no punctuation break: "Presiden Rusia Vladimir Putin",
"the spokesman", "Kasubdit IV Renakta Polda Lampung, AKBP Ferdiyan Fahmi". The name is the
trailing run of capitalised words that are not titles, roles, places or dates; what comes before
it is the role.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from itertools import islice
from typing import NamedTuple

from .. import lexicon
from .lexicon import (
    COMPLEMENT_HEADS,
    FUNCTION_CAPS,
    NAME_PARTICLES,
    OCCUPATIONS,
    PLACES,
    PLURAL_PRONOUNS,
    PRONOUNS,
    ROLE_WORDS,
    TIME_WORDS,
    TITLES,
)

# A word: letters/digits with inner hyphens, apostrophes, ampersands and dotted initials
# ("Kassym-Jomart", "O'Brien", "R&D", "L.P."); a final period is kept and judged later.
# Mashed sentences ("Monzani.Sementara", "ujar dia.Kegiatan") split at a period that follows two
# lower-case letters and precedes a capitalised word.
# Possessive repeats (never given back: nothing after them can fail) keep the scan linear and cheap.
_WORD = re.compile(r"[^\W_](?:[\w&'’\-]++|(?<![a-z]{2})\.(?=[^\W_])|\.(?=[a-z0-9]|[A-Z](?![a-z])))*+\.?")
_BREAK = re.compile(r"[,;:()\[\]!?\"“”„«»‘’/|–—]|\s-\s|\.")
_DETERMINERS = frozenset("the a an his her its their one another this that sang seorang para".split())
# Lower-case words that end a speaker phrase read forwards: prepositions, relatives, time adverbs.
_STOP = frozenset(
    """
    yang saat ketika di dalam kepada pada seperti usai seusai dengan sambil sebelum setelah dari ke
    kemarin lagi pun juga menurut karena sebagaimana soal terkait melalui via lewat tadi kala
    who which that in on at during after before when while adding because to with from as yesterday
    today tonight earlier later last this told said says added via through by outside inside into
    over near under across behind beside outside amid among against without where whose
    """.split()
)
# Indonesian institution nouns are built with confixes (pe-an, ke-an, per-an: "Pendayagunaan",
# "Kebudayaan", "Pertahanan") or borrowed with -asi/-isasi ("Reformasi", "Birokrasi"); personal
# names almost never are.
_INSTITUTION_NOUN = re.compile(r"(?:(?:pe[nmr]?|peng|per|ke)[a-z]{3,}an|[a-z]{3,}asi)")
# Indonesian specialist degrees after a name: "SpPD-KEMD", "SpA".
_SPECIALIST = re.compile(r"Sp[A-Z]")
_CONNECTORS = frozenset("dan and of for untuk serta".split())
# Abbreviations whose period does not end a sentence ("on Nov. 8", "James Kennedy Jr.").
_ABBREVIATIONS = frozenset("jan feb aug sep sept oct nov dec jr sr inc corp vs".split())
# Determiners that open a description standing for a speaker ("the designer", "one official").
GIVEN_NAMES = frozenset(lexicon.tagged("en", "given_names"))
_DESCRIBERS = frozenset("the a an one another his her their this that these those some several".split())
# A short qualifier between a role and the name in apposition: "his best friend at Lehigh, Bruce Turry".
_QUALIFIER = re.compile(r"\s+(?:at|of|for|from|in|with)\s+[^,;:.!?\"“”()]{1,40}")
_GENERATIONS = frozenset(("Jr", "Sr", "II", "III", "IV"))
_MAX_NAME = 5
_MAX_PHRASE = 12


class Word(NamedTuple):  # a tuple: one is built for every token read, so it must be cheap
    text: str  # without a sentence-final period
    start: int
    end: int
    stop_after: bool  # the word ended a sentence ("Putin.")


_new_word = tuple.__new__  # Word(...) without the keyword-handling wrapper, for words()


def words(text: str, lo: int = 0, hi: int | None = None, most: int | None = None) -> list[Word]:
    """The words of ``text[lo:hi]``; a final period ends the word unless it is an initial or a title.

    ``most`` keeps only the first words (the same ones: each word is read independently of the next).
    """
    out: list[Word] = []
    for m in islice(_WORD.finditer(text, lo, len(text) if hi is None else hi), most):
        w = m.group()
        a, b = m.span()
        stop = False
        if w[-1] == "." and b - a > 1:
            core = w[:-1]
            if not ((len(core) == 1 and core.isalpha()) or "." in core or core.casefold() in TITLES or core.casefold() in _ABBREVIATIONS):
                w, b, stop = core, b - 1, True
        out.append(_new_word(Word, (w, a, b, stop)))
    return out


@lru_cache(maxsize=1 << 14)
def _key(word: str) -> str:
    return word.rstrip(".").casefold()


def is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _initial(word: str) -> bool:
    """A dotted initial inside a name ("Sonya A. Zoghlin"), not the article "A"."""
    return len(word) == 2 and word[0].isupper() and word[1] == "."


@lru_cache(maxsize=1 << 14)
def _is_name_word(word: str) -> bool:
    """A capitalised word that can be part of a person's name (not an acronym, role, place, date)."""
    if not is_capitalised(word):
        return False
    if _initial(word):
        return True
    key = _key(word)
    if any(part in ROLE_WORDS or part in OCCUPATIONS for part in key.split("-")):
        return False  # "Secretary-General", "Wakil-Ketua"
    if key in PLACES or key in TIME_WORDS or key in TITLES or key in FUNCTION_CAPS:
        return False
    if _INSTITUTION_NOUN.fullmatch(key):
        return False
    if _SPECIALIST.match(word):
        return False  # Indonesian specialist degrees after a name: "SpPD-KEMD", "SpA"
    letters = word.replace(".", "").replace("-", "")
    if len(letters) > 1 and letters.isupper() and "." not in word:
        return False  # acronym: KPK, CEO, AKBP, IV
    return not word.endswith(("'s", "’s"))


_THING_PRONOUNS = frozenset(("it",))


def is_acronym(word: str) -> bool:
    """An all-capitals organisation short name ("WHO", "NASA"), not a title, role or place."""
    key = _key(word)
    return (
        2 <= len(word) <= 6
        and word.isalpha()
        and word.isupper()
        and not any(key in ws for ws in (TITLES, ROLE_WORDS, PLACES, TIME_WORDS, OCCUPATIONS))
        and (key not in FUNCTION_CAPS or len(word) >= 3)  # "WHO", not "IT"
    )


def _joined(text: str, left: Word, right: Word) -> bool:
    """True when only spaces separate two words (no comma, colon, sentence end...)."""
    return not left.stop_after and not _BREAK.search(text, left.end, right.start)


@dataclass(frozen=True)
class Phrase:
    """A speaker phrase: ``name`` (titles stripped) or None, ``role`` or None, and its extent."""

    name: str | None
    role: str | None
    text: str
    start: int
    end: int
    pronoun: bool = False
    plural: bool = False


def split_phrase(text: str, ws: list[Word]) -> Phrase | None:
    """Split a run of words into role and name; None when it is neither a name nor a role."""
    while len(ws) > 1 and (_SPECIALIST.match(ws[-1].text) or ws[-1].text.rstrip(".") in _GENERATIONS):
        ws = ws[:-1]  # Indonesian specialist degrees after a name ("SpPD-KEMD"), "Jr.", "III"
    if not ws:
        return None
    first = _key(ws[0].text)
    if len(ws) == 1 and first in PRONOUNS:
        return Phrase(None, None, ws[0].text, ws[0].start, ws[0].end, pronoun=True)
    if len(ws) == 1 and first in PLURAL_PRONOUNS | _THING_PRONOUNS:
        # "they" is a group and "it" a thing or body: neither is the last person quoted
        return Phrase(None, None, ws[0].text, ws[0].start, ws[0].end, plural=True)
    if len(ws) == 1 and is_acronym(ws[0].text):
        return Phrase(None, ws[0].text, ws[0].text, ws[0].start, ws[0].end)  # "says WHO": the body itself
    i = len(ws)
    while i > 0 and len(ws) - i < _MAX_NAME:
        if _is_name_word(ws[i - 1].text) or _surname(text, ws, i - 1):
            i -= 1
            continue
        # particles ("de la", "bin", "van der") count when a name word stands before them
        k = i - 1
        while k > 0 and ws[k].text in NAME_PARTICLES:
            k -= 1
        if k < i - 1 and i < len(ws) and _is_name_word(ws[k].text) and ws[k + 1].text in NAME_PARTICLES:
            i = k + 1
            continue
        break
    # "Bupati Gianyar I Made Mahayastra": after a role head, a run of three or more
    # capitalised words begins with the head's place or body.
    if i > 0 and len(ws) - i >= 3 and _key(ws[i - 1].text) in COMPLEMENT_HEADS:
        i += 1
    name_ws = ws[i:]
    rest = ws[:i]
    if name_ws and rest and _key(rest[-1].text) in ("and", "dan", "serta", "&"):
        # "NBC News and Bloomberg (have reported)": two subjects, a group rather than one speaker
        return Phrase(None, None, text[ws[0].start : ws[-1].end], ws[0].start, ws[-1].end, plural=True)
    while rest and _key(rest[-1].text) in TITLES:
        rest = rest[:-1]
    role_ws = rest[1:] if rest and _key(rest[0].text) in _DETERMINERS and name_ws else rest
    role = text[role_ws[0].start : role_ws[-1].end] if role_ws else None
    whole = text[ws[0].start : ws[-1].end]
    if name_ws:
        name = text[name_ws[0].start : name_ws[-1].end]
        return Phrase(name, role, whole, ws[0].start, ws[-1].end)
    if role and any(_is_role(w.text) for w in role_ws):
        return Phrase(None, role, whole, ws[0].start, ws[-1].end)
    return None


def _surname(text: str, ws: list[Word], k: int) -> bool:
    """"analyst Ken Doctor", "David French": a capitalised occupation or demonym closing a name,
    right after a given name, is a surname, not a role or a place."""
    w = ws[k]
    key = _key(w.text)
    return (
        k == len(ws) - 1
        and k > 0
        and is_capitalised(w.text)
        and (key in OCCUPATIONS or (key in PLACES and " " not in key and ws[k - 1].text.casefold() in GIVEN_NAMES))
        and key not in ROLE_WORDS
        and _is_name_word(ws[k - 1].text)
        and _joined(text, ws[k - 1], w)
    )


def _is_role(word: str) -> bool:
    key = _key(word)
    return (key in ROLE_WORDS or key in OCCUPATIONS) and key not in _DETERMINERS and key not in _CONNECTORS


def _phrase_word(w: Word, lower_ok: bool) -> bool:
    key = _key(w.text)
    if is_capitalised(w.text) or key in TITLES or key in NAME_PARTICLES:
        return True
    return lower_ok and key not in _STOP


def read_forward(text: str, pos: int, hi: int, lower_ok: bool) -> Phrase | None:
    """The speaker phrase starting at ``pos`` (after "kata", "said"...), with one appositive.

    ``lower_ok`` lets lower-case role words lead ("kata juru bicara", "said the spokesman").
    """
    ws = words(text, pos, hi, most=_MAX_PHRASE + 1)  # the phrase and the word after it
    if not ws or _BREAK.search(text, pos, ws[0].start):
        return None
    if _key(ws[0].text) in PRONOUNS or _key(ws[0].text) in PLURAL_PRONOUNS or ws[0].text in ("it", "It"):
        return split_phrase(text, ws[:1])
    run: list[Word] = []
    for n, w in enumerate(ws[:_MAX_PHRASE]):
        if run and not _joined(text, run[-1], w):
            break
        if (
            run
            and w.text in _CONNECTORS
            and is_capitalised(run[-1].text)
            # "Secretary of State", "Center for American Progress" go on; after a person's
            # name "for"/"of" tells the outlet or the body ("Cameron Easley for Morning Consult")
            and not (w.text in ("for", "of") and _is_name_word(run[-1].text))
            and n + 1 < len(ws)
            and is_capitalised(ws[n + 1].text)
        ):
            run.append(w)  # "Menteri Pendayagunaan Aparatur Negara dan Reformasi Birokrasi ..."
            continue
        seen_name = any(is_capitalised(x.text) and _is_name_word(x.text) for x in run)
        # lower-case role words may follow an organisation ("Cal Fire spokeswoman Isabel Ortiz")
        lower_here = lower_ok and (
            _is_role(w.text) or (not seen_name and (not run or not is_capitalised(run[-1].text)))
        )
        if not _phrase_word(w, lower_here):
            break
        run.append(w)
        if w.stop_after:
            break
    while run and (run[-1].text in NAME_PARTICLES or _key(run[-1].text) in _DETERMINERS):
        run.pop()
    phrase = split_phrase(text, run)
    if phrase is None and lower_ok and len(run) >= 2 and _key(run[0].text) in _DESCRIBERS:
        # "said the designer", "tweeted a German user": a description stands for the speaker
        whole = text[run[0].start : run[-1].end]
        last = run[-1].text
        plural = last.islower() and last.endswith("s") and not last.endswith(("ss", "us", "is"))
        phrase = Phrase(None, None if plural else whole, whole, run[0].start, run[-1].end, plural=plural)
    # Apposition wins over a name found inside a role ("Ketua Kelompok Tani Sumber Rejeki, Wayan").
    leads_with_role = bool(run) and (_is_role(run[0].text) or (_key(run[0].text) in _DETERMINERS and len(run) > 1))
    if phrase is None or not run or run[-1].stop_after or (phrase.name is not None and not leads_with_role):
        return phrase
    # "kata Kepala Humas Polda, AKBP Budi Santoso, ..." / "said the spokesman, Dmitry Peskov" /
    # "said his best friend at Lehigh, Bruce Turry": a role followed by a comma and a name: the
    # name is the speaker, the role its role.
    comma = text.find(",", run[-1].end, hi)
    if comma < 0 or (text[run[-1].end : comma].strip() and not _QUALIFIER.fullmatch(text, run[-1].end, comma)):
        return phrase
    nxt = words(text, comma + 1, hi, most=_MAX_NAME + 2)
    names: list[Word] = []
    for w in nxt:
        if names and not _joined(text, names[-1], w):
            break
        if not (is_capitalised(w.text) or _key(w.text) in TITLES):
            break
        names.append(w)
        if w.stop_after:
            break
    appos = split_phrase(text, names)
    if appos and appos.name and not any(_key(w.text) in TIME_WORDS or _key(w.text) in PLACES for w in names):
        role = text[run[0].start : run[-1].end]
        return Phrase(appos.name, role, text[run[0].start : names[-1].end], run[0].start, names[-1].end)
    return phrase


def read_backward(text: str, lo: int, end: int, ws: list[Word] | None = None) -> Phrase | None:
    """The speaker phrase that ends at ``end`` (just before "mengatakan", "said"...).

    ``ws``: the words of ``text[lo:end]`` when the caller has already read them."""
    ws = words(text, lo, end) if ws is None else ws
    if not ws or _BREAK.search(text, ws[-1].end, end) or ws[-1].stop_after:
        return None
    if _key(ws[-1].text) in PRONOUNS or _key(ws[-1].text) in PLURAL_PRONOUNS or ws[-1].text in ("it", "It"):
        return split_phrase(text, ws[-1:])
    run: list[Word] = []
    for w in reversed(ws):
        if run and not _joined(text, w, run[-1]):
            break
        key = _key(w.text)
        if _initial(w.text):
            pass
        elif is_capitalised(w.text):
            if key in FUNCTION_CAPS and key not in _DETERMINERS:
                break
        elif not (key in ROLE_WORDS or key in TITLES or key in NAME_PARTICLES or key in _DETERMINERS):
            break
        run.append(w)
        if (key in _DETERMINERS and not _initial(w.text)) or len(run) >= _MAX_PHRASE:
            break
    run.reverse()
    while run and (run[0].text in NAME_PARTICLES or run[0].text in _CONNECTORS):
        run.pop(0)
    phrase = split_phrase(text, run)
    if phrase and phrase.role == phrase.text and is_acronym(phrase.text):
        # "NASA said" opens its clause; in "officials at NASA said" the acronym only qualifies the subject
        before = text[lo : phrase.start].rstrip()
        if before and before[-1] not in ",.;:!?\"”“—–-(":
            return None
    if phrase and not phrase.name and not phrase.pronoun and not phrase.plural:
        # a role read backwards starts a noun phrase: "the spokesman", "Juru bicara …", not "affairs and"
        if not (is_capitalised(run[0].text) or _key(run[0].text) in _DETERMINERS):
            return None
    return phrase
