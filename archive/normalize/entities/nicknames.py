"""Another name of the same person, given in the text: "Andi Zulkarnaen Mallarangeng alias Choel Mallarangeng".

Indonesian news (crime reports above all) and English profiles name a person and then the name they go by
(lexicon/data/<lang>/alias_cues.txt: "alias", "yang akrab disapa", "aka"). The second name is marked as
referring to the first, so the resolver makes one person of both and links later uses of either.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from archive.normalize import lexicon as shared_lexicon
from archive.normalize.entities.items import Item

_NAMES = ("person", "run")


@lru_cache(maxsize=1)
def _gap() -> re.Pattern:
    """The text between the two names: an optional comma, one cue, spaces."""
    cues = sorted({" ".join(entry) for lang in shared_lexicon.LANGUAGES
                   for entry in shared_lexicon.entries(lang, "alias_cues")}, key=len, reverse=True)
    alternatives = "|".join(r"\s+".join(map(re.escape, cue.split())) for cue in cues)
    return re.compile(rf",?\s+(?:{alternatives})\s+", re.IGNORECASE)


def with_nicknames(text: str, items: list[Item]) -> list[Item]:
    """``items`` with each name written right after "<name> alias" marked as referring to that name; both
    are people (an alias is a person's)."""
    gap = _gap()
    out = list(items)
    for k in range(len(out) - 1):
        first, second = out[k], out[k + 1]
        if first.kind in _NAMES and second.kind in _NAMES and gap.fullmatch(text, first.end, second.start):
            if first.kind != "person":
                out[k] = first = replace(first, kind="person")
            out[k + 1] = replace(second, kind="person", refers=first.surface)
    return out
