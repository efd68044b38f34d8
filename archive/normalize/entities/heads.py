"""Head words before a place name: "Kabupaten Bogor", "desa Suren", "Gunung Gajah", "Pulau Kelapa".

A head word (lexicon/data/id/place_heads.txt) followed by capitalized words names a place, whatever
those words mean on their own. The head belongs to the name as written (the press writes it, NERGrit
includes it); for an administrative unit the place is the unit's name, so its key and display name
stay those of "Bogor" (see :func:`archive.normalize.entities.gazetteer.place_for`).
"""

from __future__ import annotations

from typing import Sequence

from archive.normalize.entities import gazetteer, lexicon
from archive.normalize.entities.items import Item
from archive.normalize.entities.tokens import Token

_UNTYPED = ("run", "acro")  # the rules' spans of names they could not type
# Feature heads whose name is usually the known place itself ("Pulau Bali" is Bali): the head joins
# the name only when the words after it are no known place. Any other feature head before a known
# place names a different place ("Danau Poso", "Gunung Kidul", "Teluk Jakarta").
UNIT_FEATURES = frozenset(("pulau", "kepulauan"))


def with_heads(text: str, tokens: Sequence[Token], items: list[Item]) -> list[Item]:
    """Place names opened by a head word: a known place takes an administrative head into its span
    ("Kabupaten Bogor"), and a head before capitalized words nobody typed makes a place of them
    ("Desa Kedungbulus", "Gunung Gajah") -- unless the head ends a title ("Kepala Desa Suren").

    The segmenter calls it only for strings where it saw a head word before a capitalized one."""
    items = _head_places(text, tokens, items)
    places = [it for it in items if it.kind == "place" and it.place is not None]
    if not places:
        return items
    heads, features = gazetteer.admin_heads(), gazetteer.place_heads() - gazetteer.admin_heads() - UNIT_FEATURES
    polities = gazetteer.polity_heads()
    taken = {(it.start, it.end) for it in items}
    index = {t.start: k for k, t in enumerate(tokens)}
    for item in places:
        k = index.get(item.start)
        if not k:
            continue
        head = tokens[k - 1]
        feature = head.norm in features and head.cap
        admin = head.norm in heads and (head.cap or head.norm not in polities)
        if not (admin or feature) or text[head.end:item.start] != " " or (head.start, head.end) in taken:
            continue
        if _in_title(tokens, k - 1) or item.size > 1 and tokens[k].norm in heads:
            continue  # a title's head, or a unit's name with its own head ("ibu kota Kerajaan Banggai")
        item.start, item.surface = head.start, text[head.start:item.end]
        item.sentence_start, item.size = head.sentence_start, item.size + 1
        if feature:  # "Danau Poso" is a lake, not the town of Poso: a place of its own
            item.place = gazetteer.place_for(item.surface)
    return items


def _head_places(text: str, tokens: Sequence[Token], items: list[Item]) -> list[Item]:
    heads = gazetteer.place_heads()
    stops = lexicon.FUNCTION_WORDS_ID  # "Kerajaan Banggai Pada Saat itu": a function word ends the name
    polities = gazetteer.polity_heads()
    n = len(tokens)
    typed = [it for it in items if it.kind not in _UNTYPED]
    added: list[Item] = []
    k = 0
    while k < n - 1:
        head = tokens[k]
        if head.norm not in heads or head.upper or not tokens[k + 1].cap or _in_title(tokens, k) or \
                not head.cap and head.norm in polities or \
                any(it.start <= head.start < it.end for it in typed):
            k += 1
            continue
        j = k + 1  # the name: capitalized words (and numbers) up to a typed name or the next head
        # The head outweighs what the context says of one word after it: in "di Dusun Kleben, Kepala
        # Dusun Kleben adalah ..." the apposition made "Kleben" a person, but a hamlet is named.
        word = tokens[j]
        if any(it.kind == "person" and it.start == word.start and it.end == word.end and it.alias is None
               for it in typed) and text[head.end:word.start] == " ":
            j += 1
        while j < n and (tokens[j].cap or tokens[j].text[0].isdigit() and j > k + 1) and \
                text[tokens[j - 1].end:tokens[j].start] == " " and tokens[j].norm not in heads and \
                tokens[j].norm not in stops and \
                not any(it.start < tokens[j].end and tokens[j].start < it.end for it in typed):
            j += 1
        if j > k + 1:
            start, end = head.start, tokens[j - 1].end
            surface = text[start:end]
            added.append(Item("place", start, end, surface, gazetteer.place_for(surface),
                              sentence_start=head.sentence_start, size=j - k))
        k = j
    if not added:
        return items
    kept = [it for it in items if not any(a.start < it.end and it.start < a.end for a in added)]
    return sorted(kept + added, key=lambda it: it.start)


def _in_title(tokens: Sequence[Token], k: int) -> bool:
    """The head at ``k`` ends a title ("Wali Kota", "Kepala Desa"): the words after it name a person."""
    return k >= 1 and (tokens[k - 1].norm, tokens[k].norm) in lexicon.TITLES


def unit_name(surface: str) -> str:
    """The unit's name without its administrative head ("Kabupaten Bogor" -> "Bogor")."""
    if " " not in surface:
        return surface  # one word: no head
    words = surface.split()
    if len(words) > 1 and gazetteer.norm(words[0]) in gazetteer.admin_heads():
        return " ".join(words[1:])
    return surface
