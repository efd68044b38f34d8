"""Complete a short speaker name from the rest of the article ("Putin" -> "Vladimir Putin")."""

from __future__ import annotations

import re

from .lexicon import NAME_PARTICLES
from .speakers import Word, _is_name_word, _joined, _key, is_capitalised, split_phrase, words

_BRACKETED = re.compile(r"\(\w+\)\s+")
_SENTENCE_OPEN = re.compile(r"(?:^|[.!?:;]['\"”’)]*)\s*[\"“‘(]?$")


def _opening_participle(text: str, w: Word) -> bool:
    """A capitalised -ing/-ed word that opens a sentence ("Hosting Cook …", "Asked about …")."""
    low = w.text.casefold()
    return len(low) > 5 and low.endswith(("ing", "ed")) and bool(_SENTENCE_OPEN.search(text, max(0, w.start - 4), w.start))


class NameBook:
    """The person names of an article, looked up on demand to expand "Putin" into "Vladimir Putin".

    Only the neighbourhood of each occurrence of the short name is read, so an article costs
    a few string searches per speaker rather than a full tokenization.
    """

    def __init__(self, paragraphs: list[str]):
        self._paras = paragraphs
        self._seen: dict[str, list[tuple[tuple[str, ...], str, int, int]]] = {}  # per article only

    def _names_around(self, token: str) -> list[tuple[tuple[str, ...], str, int, int]]:
        if token in self._seen:
            return self._seen[token]
        found = self._seen[token] = []
        pattern = re.compile(r"(?<!\w)" + re.escape(token) + r"(?!\w)")
        for p, text in enumerate(self._paras):
            for m in pattern.finditer(text):
                ws = words(text, max(0, m.start() - 90), min(len(text), m.end() + 60))
                k = next((n for n, w in enumerate(ws) if w.start == m.start()), None)
                if k is None:
                    continue
                a = b = k
                while a > 0 and (is_capitalised(ws[a - 1].text) or ws[a - 1].text in NAME_PARTICLES) and _joined(text, ws[a - 1], ws[a]):
                    a -= 1
                given = None
                if a == k and a > 0 and _BRACKETED.fullmatch(text, ws[a - 1].start - 1, ws[a].start) and _is_name_word(ws[a - 1].text):
                    given = ws[a - 1]  # "Coach (Frank) Vogel": the given name in brackets
                if a < k and _opening_participle(text, ws[a]):
                    a += 1  # "Hosting Cook at Dreamforce …": a sentence-initial -ing word is a verb
                while b + 1 < len(ws) and (is_capitalised(ws[b + 1].text) or ws[b + 1].text in NAME_PARTICLES) and _joined(text, ws[b], ws[b + 1]):
                    b += 1
                run = ws[a : b + 1]
                tail = run[-1]
                if tail.text.endswith(("'s", "’s")) and len(tail.text) > 2:
                    # "Michelle Hege’s response": the possessive still names the person
                    run = run[:-1] + [Word(tail.text[:-2], tail.start, tail.end - 2, tail.stop_after)]
                phrase = split_phrase(text, run)
                if phrase and phrase.name and given is not None and phrase.start == ws[k].start:
                    full = f"{given.text} {phrase.name}"
                    found.append((tuple(_key(x) for x in full.split()), full, p, given.start))
                elif phrase and phrase.name:
                    found.append((tuple(_key(x) for x in phrase.name.split()), phrase.name, p, ws[a].start))
        return found

    def fullest(self, name: str, para: int, pos: int) -> str:
        """The longest name that contains ``name``; between different people, the nearest earlier."""
        parts = name.split()
        short = tuple(_key(x) for x in parts)
        if not short:
            return name
        found: dict[tuple[str, ...], tuple[str, tuple[int, int]]] = {}
        for folded, full, p, q in self._names_around(parts[0]):
            # Indonesians are often called by any one of their names ("Amran" for Andi Amran Sulaiman)
            if len(folded) > len(short) and any(
                folded[k : k + len(short)] == short for k in range(len(folded) - len(short) + 1)
            ):
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
        for text in self._paras:
            for m in re.finditer(r"(?<!\w)" + re.escape(short) + r"\w+", text):
                for folded, full, _p, _q in self._names_around(m.group()):
                    if len(folded) > 1 and folded[0] == m.group().casefold():
                        fulls.add(full)
        keep = {f for f in fulls if not any(g != f and f in g for g in fulls)}
        return keep.pop() if len(keep) == 1 else None
