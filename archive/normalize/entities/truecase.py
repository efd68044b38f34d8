"""Names in text written without capitals: put back the capitals the entity rules read.

Every rule of the extractor starts from capitalized words, so an article typed or scraped all in
lower case ("presiden joko widodo tiba di kabupaten bogor") would have no entities at all. When an
article is *caseless* (almost no capital after a sentence's first word), :func:`restore` writes a
copy with the likely names capitalized — same length, same offsets — and the extractor reads that
copy; the mentions keep the article's own letters. What counts as a likely name is an ordered list
of named rules (:data:`RULES`) over per-language word lists, so a newcomer can extend it.
"""

from __future__ import annotations

import re
from typing import Callable, Sequence

from archive.normalize.entities import gazetteer, lexicon
from archive.normalize.entities.tokens import Token, tokenize
from archive.normalize.entities.wordlists import CENSUS_FIRST_NAMES, EN_WORDS

# An article is caseless when fewer than this share of its mid-sentence words start with a capital
# (ordinary news capitalizes one word in five to ten) over at least MIN_WORDS such words.
CASELESS_SHARE = 0.01
MIN_WORDS = 12
MAX_PHRASE = 4  # words in the longest gazetteer name looked up
_VOWELS = frozenset("aeiouy")
# Two consonants a word or name may open with in Indonesian or English (loanwords and names included):
# any other pair opening a short unknown word marks an acronym.
ONSETS = frozenset("bl br ch cl cr dr dw fl fr gl gr kh kl kr ng ny ph pl pr sc sh sk sl sm sn sp st sw "
                   "sy th tr ts tw wh wr".split())
# A capital after a lower-case letter (or comma) and a space: a capital that no sentence start explains.
_MID_CAPITAL = re.compile(r"[a-zß-öø-ÿ,;] +[A-ZÀ-ÖØ-Þ]")
# Words after which a place is expected ("di malang", "ke padang", "in paris"): there a gazetteer name
# that is also an ordinary word is read as the place.
LOCATIVES = frozenset("di ke dari dekat sekitar asal menuju in at from near to via".split())
# Places that are whole countries or regions: rarely ordinary words, so taken anywhere ("indonesia").
WIDE_PLACES = frozenset(("country", "region", "province"))
_GIVEN = frozenset(name.casefold() for name in CENSUS_FIRST_NAMES)


def caseless(texts: Sequence[str]) -> bool:
    """True when the texts (one article's paragraphs) mark no names with capitals.

    Every article is asked, so it counts in C and stops at the first capitals that rule it out: the
    words by their spaces, then mid-sentence capitals until there are too many for a caseless text."""
    words = sum(text.count(" ") for text in texts)
    if words < MIN_WORDS:
        return False
    allowed = CASELESS_SHARE * words
    capitals = 0
    for text in texts:
        for _ in _MID_CAPITAL.finditer(text):
            capitals += 1
            if capitals >= allowed:
                return False
    return True


def ordinary(word: str, language: str | None) -> bool:
    """A word of the language (or an English word, which Indonesian news borrows freely)."""
    w = word.casefold()
    if w in EN_WORDS or w in lexicon.STOPWORDS:
        return True
    return language == "id" and lexicon.is_indonesian_word(w)


# --------------------------------------------------------------------------- the rules
# Each rule reads the tokens at ``i`` and answers how many tokens from there are a name (0: no opinion)
# and how to write them ("title": first letter of each word up; "upper": the whole word up).
Rule = Callable[[Sequence[Token], int, "str | None"], "tuple[int, str]"]


def _gazetteer_place(toks: Sequence[Token], i: int, language: str | None) -> tuple[int, str]:
    """A place of the gazetteers: any name of two words or more; one word when it is no ordinary word,
    names a country or region ("indonesia"), or follows a locative ("di malang": *malang* is also
    "unlucky", and alone it is left as a word)."""
    places = gazetteer.get().phrases
    for n in range(min(MAX_PHRASE, len(toks) - i), 0, -1):
        place = places.get(" ".join(t.norm for t in toks[i:i + n]))
        if place is None:
            continue
        if n > 1 or place.kind in WIDE_PLACES or not ordinary(toks[i].text, language) or (
                i > 0 and toks[i - 1].norm in LOCATIVES):
            return n, "title"
    return 0, ""


def _name_word(tok: Token, language: str | None) -> bool:
    """A word that is no word of the language: likely part of a name."""
    return tok.text[0].isalpha() and not ordinary(tok.text, language)


def _with_name_words(toks: Sequence[Token], i: int, n: int, language: str | None) -> int:
    """``n`` tokens from ``i`` and the name words right after them, ``MAX_PHRASE`` tokens at most."""
    while i + n < len(toks) and n < MAX_PHRASE and _name_word(toks[i + n], language):
        n += 1
    return n


def _head_before_name(toks: Sequence[Token], i: int, language: str | None, heads: frozenset[str]) -> tuple[int, str]:
    """A head word of ``heads`` and the name after it, which must be no ordinary word or a gazetteer
    place (after a head, "kota lain" and "desa terakhir" are words, "kota malang" is a name)."""
    if toks[i].norm not in heads or i + 1 >= len(toks):
        return 0, ""
    nxt = toks[i + 1]
    if not nxt.text[0].isalpha() or (ordinary(nxt.text, language) and nxt.norm not in gazetteer.get().phrases):
        return 0, ""
    return _with_name_words(toks, i, 2, language), "title"


def _place_head(toks: Sequence[Token], i: int, language: str | None) -> tuple[int, str]:
    """An administrative or natural head word and the name after it ("kabupaten sragen", "kota malang",
    "gunung merapi"; not "gunung berapi", a volcano)."""
    return _head_before_name(toks, i, language, gazetteer.place_heads())


def _org_head(toks: Sequence[Token], i: int, language: str | None) -> tuple[int, str]:
    """An organization's head word before a name ("universitas diponegoro", "bank indonesia")."""
    return _head_before_name(toks, i, language, lexicon.ORG_WORDS)


def _given_name(toks: Sequence[Token], i: int, language: str | None) -> tuple[int, str]:
    """A known given name before another or before a word that is no ordinary word ("mark herman",
    "james bond"): both are the name, though "mark" alone is a word."""
    if toks[i].norm in _GIVEN and i + 1 < len(toks) and (
            _name_word(toks[i + 1], language) or toks[i + 1].norm in _GIVEN):
        return _with_name_words(toks, i, 2, language), "title"
    return 0, ""


def _acronym(toks: Sequence[Token], i: int, language: str | None) -> tuple[int, str]:
    """A short word that is no word and cannot be said as one is an acronym: no vowel ("dpr", "kpk",
    "tni") or two consonants no word of these languages opens with ("csto", "pkb")."""
    w = toks[i].text.casefold()
    if 2 <= len(w) <= 5 and w.isalpha() and (_VOWELS.isdisjoint(w) or (
            w[0] not in _VOWELS and w[1] not in _VOWELS and w[:2] not in ONSETS)) and not ordinary(w, language):
        return 1, "upper"
    return 0, ""


def _unknown_word(toks: Sequence[Token], i: int, language: str | None) -> tuple[int, str]:
    """A word of three letters or more that is no word of the language is most likely a name
    ("widodo", "mulyani", "cruyff"); the extractor decides what kind."""
    w = toks[i].text
    if len(w) >= 3 and w.replace("-", "").isalpha() and not ordinary(w, language):
        return 1, "title"
    return 0, ""


RULES: tuple[tuple[str, Rule], ...] = (
    ("gazetteer-place", _gazetteer_place),
    ("place-head", _place_head),
    ("org-head", _org_head),
    ("given-name", _given_name),
    ("acronym", _acronym),
    ("unknown-word", _unknown_word),
)


def defined_acronyms(texts: Sequence[str]) -> dict[str, int]:
    """Acronyms the article defines, ``name (acr)`` with the name's initials ("mahkamah konstitusi
    (mk)", "yayasan pendidikan informatika (ypi)"): each acronym and how many words its name has."""
    return _acronyms_in(texts, [tokenize(text) for text in texts])


def restore(text: str, language: str | None, acronyms: dict[str, int] | None = None) -> str:
    """``text`` with the likely names capitalized, character for character (offsets unchanged).
    ``acronyms`` (:func:`defined_acronyms` of the whole article) are written in capitals wherever they
    appear, and the names they stand for in title case."""
    return _restored(text, tokenize(text), language, acronyms or {})


def restore_all(texts: Sequence[str], language: str | None) -> list[str]:
    """:func:`restore` of each of an article's texts, with the acronyms any of them defines (each
    text tokenized once for both)."""
    tokens = [tokenize(text) for text in texts]
    acronyms = _acronyms_in(texts, tokens)
    return [_restored(text, toks, language, acronyms) for text, toks in zip(texts, tokens)]


def _acronyms_in(texts: Sequence[str], tokens: Sequence[Sequence[Token]]) -> dict[str, int]:
    found: dict[str, int] = {}
    for text, toks in zip(texts, tokens):
        for k, tok in enumerate(toks):
            acr = tok.norm
            n = len(acr)
            if not (2 <= n <= 6 and tok.text.isalpha() and k >= n and text[tok.start - 1:tok.start] == "("
                    and text[tok.end:tok.end + 1] == ")"):
                continue
            words = toks[k - n:k]
            if "".join(t.norm[0] for t in words) == acr and not any(t.norm in lexicon.STOPWORDS for t in words):
                found[acr] = n
    return found


def _restored(text: str, toks: Sequence[Token], language: str | None, acronyms: dict[str, int]) -> str:
    chars = list(text)
    i = 0
    while i < len(toks):
        acr = acronyms.get(toks[i].norm)
        if acr is not None:
            _write(chars, toks[i], "upper")
            if i >= acr and "".join(t.norm[0] for t in toks[i - acr:i]) == toks[i].norm:
                for tok in toks[i - acr:i]:
                    _write(chars, tok, "title")
            i += 1
            continue
        for _, rule in RULES:
            n, how = rule(toks, i, language)
            if n:
                for tok in toks[i:i + n]:
                    _write(chars, tok, how)
                i += n
                break
        else:
            i += 1
    return "".join(chars)  # one character for one: _write keeps every length


def _write(chars: list[str], tok: Token, how: str) -> None:
    """Capitalize a token in place, only where a letter keeps its length in upper case."""
    span = range(tok.start, tok.end) if how == "upper" else range(tok.start, tok.start + 1)
    for k in span:
        up = chars[k].upper()
        if len(up) == 1:
            chars[k] = up
