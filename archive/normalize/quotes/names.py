"""Complete a short speaker name from the rest of the article ("Putin" -> "Vladimir Putin")."""

from __future__ import annotations

import re
from bisect import bisect_right
from itertools import accumulate
from typing import Iterator

from ..entities.lexicon import is_indonesian_word
from ..entities.wordlists import EN_WORDS
from .lexicon import NAME_PARTICLES
from .speakers import GIVEN_NAMES, Word, _is_name_word, _joined, _key, is_capitalised, split_phrase, words

_WORD_CHAR = re.compile(r"\w")
_WORD_RUN = re.compile(r"\w+")
_BRACKETED = re.compile(r"\(\w+\)\s+")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;]['\"”’)]*)\s*[\"“‘(]?$")


def _opening_participle(text: str, w: Word) -> bool:
    """A capitalised -ing/-ed word that opens a sentence ("Hosting Cook …", "Asked about …")."""
    low = w.text.casefold()
    return len(low) > 5 and low.endswith(("ing", "ed")) and bool(_SENTENCE_OPEN.search(text, max(0, w.start - 4), w.start))


# The name around an occurrence of a word is read from the words of a window: up to 90 characters
# before the word and 60 after it. Most names are short, so a narrow window is read first, and the
# far one only when the name reaches the narrow window's edge (where words may be cut: _name_at).
_FAR = (90, 60)
_NEAR = (32, 24)
_NO_NAME = ("", -1)  # no name of two words or more at the occurrence


def _name_at(text: str, start: int, end: int, reach: tuple[int, int]) -> tuple[str, int] | None:
    """The name around the word ``text[start:end]`` and where that name starts; ``_NO_NAME``
    when the capitalised run there is not a name of two words or more (a one-word name completes
    no other name); None when the window ``reach`` cannot tell.

    A window's words are the text's own words except the first (the end of a word cut by the
    window's start) and those ending within 3 characters of the window's end (a final period is
    judged from the characters after it). Where a narrow window's edge is not the far window's,
    the run must stay clear of those unsure words; otherwise only the far window can tell.
    """
    lo, hi = max(0, start - reach[0]), min(len(text), end + reach[1])
    cut_lo = lo != max(0, start - _FAR[0])
    cut_hi = hi != min(len(text), end + _FAR[1])
    ws = words(text, lo, hi)
    k = next((n for n, w in enumerate(ws) if w.start == start), None)
    if k is None:
        return None if cut_lo or cut_hi else _NO_NAME
    a = b = k
    while a > 0 and (is_capitalised(ws[a - 1].text) or ws[a - 1].text in NAME_PARTICLES) and _joined(text, ws[a - 1], ws[a]):
        a -= 1
    while b + 1 < len(ws) and (is_capitalised(ws[b + 1].text) or ws[b + 1].text in NAME_PARTICLES) and _joined(text, ws[b], ws[b + 1]):
        b += 1
    if (cut_lo and a <= 1) or (cut_hi and (b + 1 >= len(ws) or ws[b + 1].end + 3 > hi)):
        return None  # the run, or the word that ended it, may be cut by the window
    given = None
    if a == k and a > 0 and _BRACKETED.fullmatch(text, ws[a - 1].start - 1, ws[a].start) and _is_name_word(ws[a - 1].text):
        given = ws[a - 1]  # "Coach (Frank) Vogel": the given name in brackets
    if a < k and _opening_participle(text, ws[a]):
        a += 1  # "Hosting Cook at Dreamforce …": a sentence-initial -ing word is a verb
    if a == b and given is None:
        return _NO_NAME
    run = ws[a : b + 1]
    tail = run[-1]
    if tail.text.endswith(("'s", "’s")) and len(tail.text) > 2:
        # "Michelle Hege’s response": the possessive still names the person
        run = run[:-1] + [Word(tail.text[:-2], tail.start, tail.end - 2, tail.stop_after)]
    phrase = split_phrase(text, run)
    if phrase and phrase.name and given is not None and phrase.start == ws[k].start:
        return f"{given.text} {phrase.name}", given.start
    if phrase and phrase.name:
        return phrase.name, ws[a].start
    return _NO_NAME


# Generational suffixes end a name but are not how a person is called: "Joseph R. Biden Jr." is
# "Mr. Biden" in the next paragraph, so the speaker is stored as "Joseph R. Biden".
_SUFFIX = re.compile(r",?\s+(?:Jr|Sr|II|III|IV)\.?$")


def drop_suffix(name: str) -> str:
    """``name`` without a generational suffix ("Jr.", "Sr.", "III")."""
    return _SUFFIX.sub("", name) if " " in name else name


_LOWER_WORD = re.compile(r"(?<![\w'’\-])[a-z][a-z]{3}")  # a lower-case word of four letters or more
_LONG_WORD = re.compile(r"(?<![\w'’\-])[^\W\d_]{4}")


# An Indonesian verb with its affixes opening a sentence ("Dijelaskan Veronica Heryanti, …",
# "Ditambahkan …", "Menurutnya …"): capitalised by its place, never part of the name after it.
_ID_AFFIXED_VERB = re.compile(r"(?:di|me[mn]?g?|ber|ter)[a-z]{3,}(?:kan|i|nya)", re.IGNORECASE)


def _plain(name: str) -> str:
    """A name without what a sentence capitalises before it: English epithets ("Crooked Hillary
    Clinton", "Rival Hillary Clinton": leading dictionary words that are not given names) and
    Indonesian sentence-opening verbs ("Dijelaskan Veronica Heryanti")."""
    words = name.split()
    k = 0
    while k < len(words) - 2 and words[k].casefold() in EN_WORDS and words[k].casefold() not in GIVEN_NAMES:
        k += 1
    if k < len(words) - 1 and _ID_AFFIXED_VERB.fullmatch(words[k]) and is_indonesian_word(words[k]):
        k += 1
    return " ".join(words[k:])


def _headline(paragraph: str) -> bool:
    """A line in title case ("Sarah Palin Unleashed On Trump"): its capitalised runs are not names."""
    if len(paragraph) >= 200 or _LOWER_WORD.search(paragraph):
        return False
    return len(_LONG_WORD.findall(paragraph)) >= 3


class NameBook:
    """The person names of an article, looked up on demand to expand "Putin" into "Vladimir Putin".

    Only the neighbourhood of each occurrence of the short name is read, so an article costs
    a few string searches per speaker rather than a full tokenization. In English a short name is
    the end of the full name ("Trump" is Donald Trump, never "Trump Tower"); Indonesians are called
    by any one of their names ("Amran" for Andi Amran Sulaiman).
    """

    def __init__(self, paragraphs: list[str], language: str | None = None):
        self._paras = paragraphs
        self._surname_last = language == "en"
        self._headlines: dict[int, bool] = {}  # paragraph -> in title case (checked on demand)
        self._seen: dict[str, list[tuple[tuple[str, ...], str, int, int]]] = {}  # per article only
        # The article in one string, to find a word's occurrences with one search: a line break
        # between paragraphs is a word boundary, and a looked-up word (a part of a name split
        # at spaces) never contains one.
        self._text = "\n".join(paragraphs)
        self._starts = list(accumulate((len(p) + 1 for p in paragraphs[:-1]), initial=0))

    def _names_around(self, token: str) -> list[tuple[tuple[str, ...], str, int, int]]:
        """The names of two words or more around each occurrence of ``token``: (the name's
        folded words, the name, its paragraph, where it starts)."""
        if token in self._seen:
            return self._seen[token]
        found = self._seen[token] = []
        for p, start, end in self._word_matches(token):
            text = self._paras[p]
            name = _name_at(text, start, end, _NEAR) or _name_at(text, start, end, _FAR)
            if name is not _NO_NAME and not self._headline(p):
                full = _plain(drop_suffix(name[0]))
                found.append((tuple(_key(x) for x in full.split()), full, p, name[1]))
        return found

    def _headline(self, p: int) -> bool:
        if p not in self._headlines:
            self._headlines[p] = _headline(self._paras[p])
        return self._headlines[p]

    def _word_matches(self, token: str, longer: bool = False) -> Iterator[tuple[int, int, int]]:
        """Paragraph, start and end of each word ``token`` in the article (``longer``: each word
        that starts with ``token`` and goes on). A string search, not a regex: names are new in
        every article, and compiling a pattern per name cost more than the search."""
        text, find, word_char = self._text, self._text.find, _WORD_CHAR.match
        at = find(token)
        while at >= 0:
            end = at + len(token)
            if at > 0 and word_char(text, at - 1):
                at = find(token, at + 1)
                continue
            run = _WORD_RUN.match(text, end)
            if longer:
                if run is None:
                    at = find(token, end)
                    continue
                end = run.end()
            elif run is not None:
                at = find(token, at + 1)
                continue
            p = bisect_right(self._starts, at) - 1
            yield p, at - self._starts[p], end - self._starts[p]
            at = find(token, end)

    def _completes(self, short: tuple[str, ...], folded: tuple[str, ...]) -> bool:
        """``folded`` is a fuller form of the name ``short``. In English the short form ends the full
        name ("Trump" is never "Trump Tower"); a family name written first ("Xi" for Xi Jinping) is
        left as the article uses it, and the entity extractor links it to the full name."""
        if not self._surname_last:
            return any(folded[k : k + len(short)] == short for k in range(len(folded) - len(short) + 1))
        return folded[-len(short) :] == short

    def fullest(self, name: str, para: int, pos: int) -> str:
        """The longest name that contains ``name``; between different people, the nearest earlier."""
        parts = name.split()
        short = tuple(_key(x) for x in parts)
        if not short:
            return name
        found: dict[tuple[str, ...], tuple[str, tuple[int, int]]] = {}
        for folded, full, p, q in self._names_around(parts[0]):
            if len(folded) <= len(short):
                continue
            if self._completes(short, folded):
                near = (p, q) if (p, q) <= (para, pos) else (-p, -q)
                if folded not in found or near > found[folded][1]:
                    found[folded] = (full, near)
        # "Retno Marsudi" inside "Retno L.P. Marsudi" is the same person: keep the maximal names.
        keep = [f for f in found if not any(g != f and len(g) > len(f) and set(f) <= set(g) for g in found)]
        if not keep:
            return (self._alias(parts[0]) or self._prefixed(parts[0]) or name) if len(parts) == 1 else name
        return found[max(keep, key=lambda f: found[f][1])][0]

    def _alias(self, short: str) -> str | None:
        """"Muhammad Ramadhani, yang akrab disapa Dani": the nickname stands for the full name."""
        if "sapa" not in self._text and "panggil" not in self._text:
            return None
        pattern = re.compile(r"(?:\(\s*)?(?:yang\s+)?(?:akrab|biasa|kerap)\s+(?:di)?(?:sapa|panggil)\s+" + re.escape(short) + r"(?!\w)")
        for text in self._paras:
            for m in pattern.finditer(text):
                head = text[max(0, m.start() - 90) : m.start()].rstrip(" ,")
                ws = words(head)
                k = len(ws)
                while k > 0 and is_capitalised(ws[k - 1].text) and (k == len(ws) or _joined(head, ws[k - 1], ws[k])):
                    k -= 1
                phrase = split_phrase(head, ws[k:])
                if phrase and phrase.name and " " in phrase.name:
                    return phrase.name
        return None

    def _prefixed(self, short: str) -> str | None:
        """"dr Rina" for Rinawati Rohsiswatmo: Indonesians shorten a given name; accepted only when
        exactly one longer name in the article starts with the short form."""
        if len(short) < 4 or not short[:1].isupper() or not short[1:].islower():
            return None
        fulls: set[str] = set()
        for p, start, end in self._word_matches(short, longer=True):
            longer = self._paras[p][start:end]
            for folded, full, _p, _q in self._names_around(longer):
                if len(folded) > 1 and folded[0] == longer.casefold():
                    fulls.add(full)
        keep = {f for f in fulls if not any(g != f and f in g for g in fulls)}
        return keep.pop() if len(keep) == 1 else None
