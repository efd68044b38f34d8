"""Paragraph filter for the HTML reader: the boilerplate trafilatura lets through.

Downstream quote and entity rules read every paragraph, so timestamps of related-article lists, "Baca juga"
links, credits, share and rating widgets, and the labels and photo captions printed above the story are dropped.
Rules were chosen on the en-html/id-html gold (``python -m archive.evaluate bodies``); none names a site.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from archive.dateline import split_dateline
from archive.titles import split_title

_BOILERPLATE = re.compile(
    r"^(baca( juga)?|lihat( juga)?|simak( juga)?|tonton( juga)?|klik|read (also|more)|also read|see also|related|"
    r"berita terkait|artikel terkait|advertisement|iklan|scroll to|load more|share|bagikan|follow us|ikuti|"
    r"(informasi )?(pemasangan|pasang) iklan|advertise with us|copyright|hak cipta|disclaimer|all rights reserved|"
    r"sign up|subscribe|newsletter)\b|^(\u00a9|\(c\)\s)",
    re.IGNORECASE,
)
# "Baca juga: <title>" with its title is left for the normalizer, which keeps the title as a related
# article (archive.normalize.furniture); a bare "Baca juga" label is dropped here.
_RELATED_WITH_TITLE = re.compile(r"^(baca|lihat|simak)\s+(juga|pula)\s*[:\-–—]\s*\S", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(editor|editing by|pewarta|penulis|reporter|reporting by|writing by|fotografer|photographer|foto|"
    r"redaksi|sumber|source|video|editor foto)\s*:",
    re.IGNORECASE,
)
# Words of timestamps ("Kamis, 05/11/2015 09:25 WIB", "Jumat , 17 February 2017, 13:16 WIB", "2 hours ago").
_DATE_WORDS = re.compile(
    r"\b(senin|selasa|rabu|kamis|jumat|sabtu|minggu|monday|tuesday|wednesday|thursday|friday|saturday|sunday|"
    r"jan\w*|feb\w*|pebruari|mar\w*|maret|apr\w*|april|mei|may|jun\w*|juni|jul\w*|juli|agu\w*|aug\w*|sep\w*|"
    r"okt\w*|oct\w*|nov\w*|des\w*|dec\w*|wib|wita|wit|gmt|utc|am|pm|pukul|jam|updated|diperbarui|published|"
    r"dipublikasikan|ago|lalu|menit|minutes?|hours?|detik|hari|days?|yang|\d+\w*)\b",
    re.IGNORECASE,
)
_NAVIGATION = re.compile(r"^(home|beranda|index|indeks|terpopuler|close|tutup)\b", re.IGNORECASE)
# Counters and widgets: "telah dilihat 15085 kali", "1,234 views", "Like (0)", "Rate artikel ini", "Popular Videos".
_WIDGET = re.compile(
    r"^((telah )?(dilihat|dibaca)\s+[\d.,]+\s*(kali|x)|[\d.,]+\s*(views?|kali dilihat|kali dibaca)|"
    r"rate (this|artikel|berita)\b.*|(most )?popular \w+|[^\W\d_][\w ]{0,20}\(\d+\))$",
    re.IGNORECASE,
)
# A short line with an address obfuscated against spam bots ("hubungi : sales[at]detik.com") is the site's
# contact footer; a plain address stays (press releases end "KONTAK: info@...", columnists sign with theirs).
_CONTACT = re.compile(r"\w\s?[\[(]at[\])]\s?\w[\w-]*\.\w", re.IGNORECASE)
# A dateline printed as its own paragraph: "Jakarta -", "JAKARTA, KOMPAS.com -".
_LONE_DATELINE = re.compile(r"^[A-Z][\w.'’]*(?:[ ,-]+[A-Z][\w.'’]*){0,3}\s*[-–—]{1,2}$")
# Editor or writer signature closing a story: "DINI TEJA", "ANTARA", "(Cas/Isk)".
_SIGNATURE = re.compile(
    r"^([A-Z][A-Z.'’-]+(?: [A-Z][A-Z.'’-]+){0,2}|\(\s*[A-Za-z]{2,5}(?:\s*/\s*[A-Za-z]{2,5}){0,3}\s*\))$"
)
# "Jakarta, KompasOtomotif – ...": place and outlet (or province) before a dash, both capitalized.
_WORD = r"[A-Z][\w.'’]*"
_PLACE_SOURCE = re.compile(rf"^{_WORD}(?: {_WORD}){{0,2}}, {_WORD}(?: {_WORD})? [-–—]{{1,2}} ")
_SENTENCE_END = re.compile(r"[.!?。！？…]['\"”’»)]*$|[\"”’»]$")
_HEADLINE_WORDS = 3  # a title part this long may be the headline repeated in the body
_HEAD_WINDOW = 4  # datelines and headlines are looked for among the first paragraphs only
_CAPTION_WORDS = 60  # longest paragraph dropped as a caption or label above a dateline


def clean_paragraphs(lines: list[str], titles: Iterable[str] = ()) -> list[str]:
    """Body paragraphs from extracted lines, without the boilerplate that survives extraction.

    ``titles`` are the page's title candidates (``<title>``, ``og:title``, ``<h1>``...); a line repeating one, or
    the headline part of one (``Headline | Site``), is dropped, with the kicker or section label above it.
    """
    keys = {_squash(t) for t in titles}
    keys |= {_squash(part) for t in titles for part in split_title(t)[0] if len(part.split()) >= _HEADLINE_WORDS}
    titles = keys - {""}
    paragraphs = []
    for line in lines:
        text = " ".join(line.split())
        if text.startswith("- "):  # trafilatura's list-item marker
            text = text[2:].strip()
        if text and not _is_boilerplate(text):
            paragraphs.append(text)
    paragraphs = _drop_above_headline(paragraphs, titles)
    paragraphs = _merge_lone_datelines(_drop_above_dateline(paragraphs))
    return _drop_signature(paragraphs)


def _is_boilerplate(text: str) -> bool:
    words = len(text.split())
    if not re.search(r"[^\W\d_]", text):  # no letters at all: "01", "5 5 6 5", "-"
        return True
    if not _DATE_WORDS.sub("", text).strip(" ,.:;|/-–—()[]"):
        return True
    if words <= 30 and _BOILERPLATE.match(text) and not _RELATED_WITH_TITLE.match(text) or words <= 8 and _CREDIT.match(text):
        return True
    if words <= 3 and _NAVIGATION.match(text):
        return True
    return words <= 6 and bool(_WIDGET.match(text) or _CONTACT.search(text))


def _drop_above_headline(paragraphs: list[str], titles: set[str]) -> list[str]:
    """Drop lines repeating the headline, and the short labels above it near the top ("Berita", "FotoBisnis")."""
    if not titles:
        return paragraphs
    for index, text in enumerate(paragraphs[:_HEAD_WINDOW]):
        if _squash(text) in titles:
            if all(len(p.split()) <= 8 for p in paragraphs[:index]):
                paragraphs = paragraphs[index + 1:]
            break
    return [p for p in paragraphs if _squash(p) not in titles]


def _merge_lone_datelines(paragraphs: list[str]) -> list[str]:
    """Join a dateline printed as its own paragraph ("Jakarta -") to the story it opens."""
    out: list[str] = []
    for text in paragraphs:
        if out and _is_lone_dateline(out[-1]):
            out[-1] = f"{out[-1]} {text}"
        else:
            out.append(text)
    return out


def _drop_above_dateline(paragraphs: list[str]) -> list[str]:
    """A dateline opens the story: photo captions and labels printed above it go.

    Only short paragraphs among the first few are dropped, so a long standfirst before the dateline stays.
    """
    for index, text in enumerate(paragraphs[:_HEAD_WINDOW]):
        if index and _opens_with_dateline(text):
            if all(len(p.split()) <= _CAPTION_WORDS for p in paragraphs[:index]):
                return paragraphs[index:]
            break
    return paragraphs


def _opens_with_dateline(text: str) -> bool:
    return split_dateline(text)[0] is not None or _is_lone_dateline(text) or bool(_PLACE_SOURCE.match(text))


def _is_lone_dateline(text: str) -> bool:
    return len(text.split()) <= 4 and bool(_LONE_DATELINE.match(text))


def _drop_signature(paragraphs: list[str]) -> list[str]:
    """Drop the writer's or agency's signature ("DINI TEJA", "(Cas/Isk)") after the story's last sentence."""
    if len(paragraphs) > 1 and _SIGNATURE.match(paragraphs[-1]) and _SENTENCE_END.search(paragraphs[-2]):
        return paragraphs[:-1]
    return paragraphs


def prose(paragraphs: list[str]) -> list[str]:
    """The paragraphs that read as running text: a sentence of some length, not a label or another story's headline.

    Unspaced scripts (Chinese, Japanese) count by characters.
    """
    return [
        p for p in paragraphs
        if _SENTENCE_END.search(p) and (len(p.split()) >= 8 or len(p) >= 40 and len(p.split()) <= 2)
    ]


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())
