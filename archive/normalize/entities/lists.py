"""Names listed together are of one kind: "Padukuhan Watugajah, Plasan, Tamansari dan Jelok".

In an enumeration ("A, B, C dan D") the writer lists things of one sort. When the rules or the tagger
typed some of its names and all of those alike, the names of the list nobody could type take that
type. A list mixing types, or one where nothing is typed, is left as it is.
"""

from __future__ import annotations

import re
from dataclasses import replace

from archive.normalize.entities import gazetteer, organizations as orgs, people
from archive.normalize.entities.items import Item

_TYPED = frozenset(("person", "place", "org"))
# What separates two names of one enumeration: a comma, a coordinating word, or both.
_SEPARATOR = re.compile(r"(?:,\s+(?:(?:dan|and|serta|atau|or)\s+)?|\s+(?:dan|and|serta|atau|or)\s+)")
# The fewest names an enumeration needs before its type is lent (two names joined by "dan" are often
# of different sorts: "Jokowi dan Istana").
MIN_NAMES = 3


def with_lists(text: str, items: list[Item], language: str | None) -> list[Item]:
    """``items`` with the untyped names ("run") of each one-type enumeration given the list's type."""
    if not any(it.kind == "run" for it in items):
        return items
    out = list(items)
    group: list[int] = []
    for k, item in enumerate(out):
        if group and _SEPARATOR.fullmatch(text, out[group[-1]].end, item.start):
            group.append(k)
            continue
        _lend(text, out, group, language)
        group = [k]
    _lend(text, out, group, language)
    return out


def _lend(text: str, items: list[Item], group: list[int], language: str | None) -> None:
    if len(group) < MIN_NAMES:
        return
    typed = [items[k] for k in group if items[k].kind in _TYPED]
    kinds = {it.kind for it in typed}
    if len(kinds) != 1 or not any(items[k].kind == "run" for k in group):
        return
    # The type must be the list's: two of its names typed alike, or the first opened by a head word
    # that governs the whole list ("Desa Watugajah, Plasan dan Jelok"). One typed name alone may be
    # what the list is said of: "produsen asal China, SAIC-GM-Wuling dan Sokonindo".
    if len(typed) < 2 and not (typed[0] is items[group[0]] and _opens_with_head(typed[0].surface)):
        return
    kind = kinds.pop()
    for k in group:
        item = items[k]
        # an ordinary word is no name the list can lend a type to ("Meteorologi, Klimatologi, dan Geofisika")
        if item.kind == "run" and not all(people.is_ordinary_word(w, language) for w in item.surface.split()):
            items[k] = replace(item, kind=kind, place=gazetteer.place_for(item.surface) if kind == "place" else None)


def _opens_with_head(surface: str) -> bool:
    """The name starts with a place or organization head word ("Desa", "Universitas")."""
    first = gazetteer.norm(surface.split(" ", 1)[0])
    return first in gazetteer.place_heads() or first in orgs.HEAD_INITIAL
