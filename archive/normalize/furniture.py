"""Page furniture that scrapers save along with the article: recognise it line by line.

Each rule is general (a class of lines), never a particular site's sentence. A line is either
kept as text, dropped, or turned into metadata (a related-article title, the editor's initials).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# "Lihat Juga: <title>", "Baca Juga: <title>", "Read also: <title>", "Related: <title>" —
# links to other articles that sites insert between paragraphs; their titles are kept as `related`.
_RELATED = re.compile(
    r"^(?:lihat\s+juga|baca\s+juga|baca\s+pula|simak\s+juga|read\s+also|read\s+more|see\s+also|related)"
    r"\s*[:\-–—]\s*(?P<title>.+)$",
    re.IGNORECASE,
)
# Editor or reporter initials closing an Indonesian article: "(esn)", "(ant/rin)", "(nwk/ega)".
_EDITOR = re.compile(r"^\(\s*(?P<initials>[a-z]{2,5}(?:\s*/\s*[a-z]{2,5}){0,3})\s*\)$")
# Lines that are pure interface: loaders, font-size buttons, share widgets, advertising.
_NOISE = re.compile(
    r"^(?:loading(?:\.{3}|…)?|a|a\+|a-|aa|advertisement|advertisment|iklan|scroll to continue with content|"
    r"scroll to resume content|lanjutkan membaca|continue reading|share|bagikan|tweet|komentar|comments?|"
    r"print|cetak|email|whatsapp|facebook|twitter|copy link|salin tautan|\d+\s+komentar)$",
    re.IGNORECASE,
)
# Video and app plugs that introduce embedded media: "Simak Video ...", "Tonton juga video ...",
# "[Gambas:Video 20detik]", "Download aplikasi ...".
_PLUG = re.compile(
    r"^(?:\[\s*gambas\s*:.*\]|(?:simak|tonton|saksikan)(?:\s+juga)?\s+(?:video|live|berita)\b.*|"
    r"watch\s*:.*|download\s+(?:aplikasi|the\s+app)\b.*|follow\s+(?:us|kami)\b.*|ikuti\s+(?:kami|berita)\b.*)$",
    re.IGNORECASE,
)

# "By Jane Doe", "By JANE DOE and John Roe, Reuters", "Oleh: Ahmad Fauzi" — the author's byline.
_BYLINE = re.compile(
    r"^(?i:by|oleh|penulis|reporter|writer)\s*:?\s+(?P<names>[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|dan|,)){0,8})"
    r"(?:\s*[,|–—-]\s*[^,]{0,40})?$",
)


@dataclass(frozen=True)
class LineKind:
    """What a line is: ``text``, ``noise``, ``related`` (``value`` = title), ``editor`` or ``byline``."""

    kind: str
    value: str | None = None


TEXT = LineKind("text")
NOISE = LineKind("noise")


def classify_line(line: str) -> LineKind:
    """Classify one whitespace-collapsed, non-empty line."""
    if len(line) <= 40 and _NOISE.match(line):
        return NOISE
    match = _RELATED.match(line)
    if match:
        return LineKind("related", match.group("title").strip())
    match = _EDITOR.match(line)
    if match:
        return LineKind("editor", re.sub(r"\s+", "", match.group("initials")))
    if _PLUG.match(line):
        return NOISE
    match = _BYLINE.match(line) if len(line) <= 80 else None
    if match:
        return LineKind("byline", match.group("names").strip(" ,"))
    return TEXT


def split_authors(names: str) -> list[str]:
    """Split a byline's names ("Jane Doe and John Roe") into authors."""
    parts = re.split(r"\s*(?:,|&|\band\b|\bdan\b)\s*", names)
    return [" ".join(p.split()) for p in parts if p.strip()]


def split_trailing_editor(paragraph: str) -> tuple[str, str | None]:
    """Detach editor initials glued to the end of the last paragraph ("... tahun 2020. (esn)")."""
    match = re.search(r"\s\(\s*([a-z]{2,5}(?:\s*/\s*[a-z]{2,5}){0,3})\s*\)\s*$", paragraph)
    if match and paragraph[: match.start()].rstrip().endswith((".", '"', "”", "!", "?")):
        return paragraph[: match.start()].rstrip(), re.sub(r"\s+", "", match.group(1))
    return paragraph, None
