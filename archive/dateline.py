"""Datelines: the place (and agency) that opens a news story, "NUR SULTAN - ", "LONDON (Reuters) -".

Shared by the HTML reader (a caption sits above the dateline) and the normalizer (which strips
and stores it), so it lives below both.
"""

from __future__ import annotations

import re

# A dateline is a short prefix ended by a dash surrounded by spaces (or followed by a space):
#   "NUR SULTAN - "                     an upper-case place (Indonesian national dailies)
#   "JAKARTA, KOMPAS.com - "            place, then the outlet
#   "Liputan6.com, Jakarta - "          outlet, then the place
#   "LONDON (Reuters) - "               place, then the agency in parentheses
#   "Mataram, NTB (ANTARA News) - "     place, province, agency
#   "NEW YORK, Jan 5 (Reuters) - "      place, date, agency
# The place must be capitalized; the whole prefix is at most a few words, so a sentence that
# merely contains " - " is never mistaken for one.
_DASH = r"\s*[-–—]{1,2}\s+"
_PLACE = r"[A-Z][A-Za-z.'’]*(?:[ -][A-Z][A-Za-z.'’]*){0,3}"
_OUTLET = r"[A-Za-z0-9]+(?:\.[A-Za-z]{2,})+"  # "KOMPAS.com", "Liputan6.com", "detikNews.id"
_AGENCY = r"\((?P<agency>[A-Za-z0-9 .&/]{2,30})\)"
_PATTERNS = (
    re.compile(rf"^(?P<outlet>{_OUTLET}),\s*(?P<place>{_PLACE}){_DASH}"),
    re.compile(rf"^(?P<place>{_PLACE})(?:,\s*(?:(?P<outlet>{_OUTLET})|{_PLACE}(?:\.?\s+\d{{1,2}})?))?\s*(?:{_AGENCY})?{_DASH}"),
)


def split_dateline(paragraph: str) -> tuple[str | None, str]:
    """Return ``(dateline, rest)``; ``dateline`` is the place as written, or ``None``."""
    for pattern in _PATTERNS:
        match = pattern.match(paragraph)
        if not match:
            continue
        place = match.group("place")
        has_marker = match.group("outlet") or match.groupdict().get("agency")
        # Without an outlet or agency, only an all-caps place counts: "Sementara itu - ..." is prose.
        if not has_marker and place != place.upper():
            continue
        rest = paragraph[match.end():]
        if rest:
            return place.strip(), rest
    return None, paragraph
