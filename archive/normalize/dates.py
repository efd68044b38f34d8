"""Every date decision: metadata dates in any form, else the first date in the text ("Senin (10/1/2022)",
"10 Januari 2022", "January 10, 2022").

Month and weekday names come from CLDR (babel) for the languages we read, so the same rules read
Indonesian and English. Numeric dates follow the article's language (day/month in Indonesian and
most languages, month/day in English) unless a weekday next to them says otherwise. Future and
impossible dates are never returned.
"""

from __future__ import annotations

import datetime as dt
import re
from email.utils import parsedate_to_datetime
from functools import lru_cache

from babel.dates import get_day_names, get_month_names

from archive.readers.base import Meta

_LOCALES = ("id", "en")
_MONTH_FIRST_LANGUAGES = {"en"}
_MIN_YEAR = 1900


@lru_cache(maxsize=1)
def _names() -> tuple[dict[str, int], dict[str, int]]:
    """Lower-cased month names → month number, weekday names → ``date.weekday()`` index."""
    months: dict[str, int] = {}
    days: dict[str, int] = {}
    for locale in _LOCALES:
        for width in ("wide", "abbreviated"):
            for number, name in get_month_names(width, locale=locale).items():
                months[name.lower().rstrip(".")] = number
            for index, name in get_day_names(width, locale=locale).items():
                days[name.lower().rstrip(".")] = index
    # Common abbreviations CLDR does not list: English "Sept", Indonesian "Agt", "Nop", "Peb".
    months.update({"sept": 9, "agt": 8, "nop": 11, "peb": 2})
    days["jum'at"] = days["jumat"]  # the common Indonesian spelling with an apostrophe
    return months, days


_TWO_DIGITS = re.compile(r"\d\d")


# What each date pattern below cannot match without: a cheap search that skips the costly one (with its
# alternations of month and weekday names) on the many paragraphs that hold no date. Same matches either way.
_NUMERIC_CORE = re.compile(r"\d[/.-]\d{1,2}[/.-]\d\d")  # "10/1/22"
_YEAR_AFTER_SPACE = re.compile(r"\s\d{4}")  # "10 Januari 2022", "January 10, 2022"


@lru_cache(maxsize=1)
def _patterns() -> tuple[tuple[re.Pattern[str] | None, re.Pattern[str]], ...]:
    """``(necessary, pattern)`` pairs: ``pattern`` can only match a text in which ``necessary`` is found."""
    months, days = _names()
    month = "|".join(sorted((re.escape(m) for m in months), key=len, reverse=True))
    day = "|".join(sorted((re.escape(d) for d in days), key=len, reverse=True))
    flags = re.IGNORECASE
    return (
        # "Senin (10/1/2022)", "Monday, 10/1/2022", bare "10/1/2022" or "10-1-2022"
        (_NUMERIC_CORE, re.compile(rf"(?:\b(?P<wd>{day})\b,?\s*\(?\s*)?\b(?P<a>\d{{1,2}})[/.-](?P<b>\d{{1,2}})[/.-](?P<y>\d{{4}}|\d{{2}})\b", flags)),
        # "10 Januari 2022", "Senin, 10 Januari 2022", "10 Jan. 2022"
        (_YEAR_AFTER_SPACE, re.compile(rf"(?:\b(?P<wd>{day})\b,?\s*)?\b(?P<d>\d{{1,2}})\s+(?P<m>{month})\.?,?\s+(?P<y>\d{{4}})\b", flags)),
        # "January 10, 2022", "Monday, Jan. 10th 2022"
        (_YEAR_AFTER_SPACE, re.compile(rf"(?:\b(?P<wd>{day})\b,?\s*)?\b(?P<m>{month})\.?\s+(?P<d>\d{{1,2}})(?:st|nd|rd|th)?,?\s+(?P<y>\d{{4}})\b", flags)),
        # ISO "2022-01-10"
        (None, re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?!\d)")),
    )


def _year(text: str, today: dt.date) -> int:
    year = int(text)
    if len(text) == 2:  # "10/1/22": the most recent year ending so, never in the future
        year += 2000 if 2000 + year <= today.year else 1900
    return year


def _make(year: int, month: int, day: int, today: dt.date) -> dt.date | None:
    try:
        value = dt.date(year, month, day)
    except ValueError:
        return None
    return value if _MIN_YEAR <= year and value <= today else None


def _weekday(match: re.Match[str]) -> int | None:
    name = match.groupdict().get("wd")
    return _names()[1].get(name.lower().rstrip(".")) if name else None


def _numeric(match: re.Match[str], language: str | None, today: dt.date) -> dt.date | None:
    a, b, year = int(match["a"]), int(match["b"]), _year(match["y"], today)
    preferred = (b, a) if language in _MONTH_FIRST_LANGUAGES else (a, b)  # (day, month)
    candidates = [c for c in (preferred, preferred[::-1]) if _make(year, c[1], c[0], today)]
    weekday = _weekday(match)
    if weekday is not None:
        # A weekday beside the date settles day/month order: "Monday (10/1/2022)" is 10 January.
        agreeing = [c for c in candidates if dt.date(year, c[1], c[0]).weekday() == weekday]
        candidates = agreeing or candidates
    if not candidates:
        return None
    day, month = candidates[0]
    return dt.date(year, month, day)


def _named(match: re.Match[str], today: dt.date) -> dt.date | None:
    month_text = match["m"]
    month = int(month_text) if month_text.isdigit() else _names()[0].get(month_text.lower().rstrip("."))
    if month is None:
        return None
    return _make(_year(match["y"], today), month, int(match["d"]), today)


def find_dates(text: str, language: str | None, today: dt.date | None = None) -> list[tuple[int, dt.date]]:
    """Every valid date in ``text`` as ``(offset, date)``, in order of appearance."""
    if not _TWO_DIGITS.search(text):
        return []  # every date form has two digits in a row (a year, or "10/1/22"'s "22")
    today = today or dt.date.today()
    found: list[tuple[int, dt.date]] = []
    for index, (necessary, pattern) in enumerate(_patterns()):
        if necessary is not None and not necessary.search(text):
            continue
        for match in pattern.finditer(text):
            value = _numeric(match, language, today) if index == 0 else _named(match, today)
            if value is not None:
                found.append((match.start(), value))
    found.sort(key=lambda item: item[0])
    return found


def first_date(texts: list[str], language: str | None, today: dt.date | None = None) -> str | None:
    """The first valid date in the given texts (title, then paragraphs) as ISO ``YYYY-MM-DD``."""
    for text in texts:
        dates = find_dates(text, language, today)
        if dates:
            return dates[0][1].isoformat()
    return None


_ISO = re.compile(r"\s*(\d{4})-(\d{1,2})-(\d{1,2})")
_EPOCH = re.compile(r"\s*(\d{9,13})(?:\.\d+)?\s*$")


def parse_metadata_date(value: str | None, language: str | None = None, today: dt.date | None = None) -> str | None:
    """A date as metadata writes it, as ISO ``YYYY-MM-DD``; ``None`` if absent, unreadable, impossible or future.

    Reads ISO dates and datetimes (the date as written, whatever the offset), epoch seconds or milliseconds, RFC 2822
    (``Tue, 19 Nov 2019 10:00:00 GMT``) and written dates (``Kamis, 05 November 2015 11:52``).
    """
    if not value or not value.strip():
        return None
    today = today or dt.date.today()
    if match := _ISO.match(value):
        parsed = _make(int(match[1]), int(match[2]), int(match[3]), today)
        return parsed.isoformat() if parsed else None
    if match := _EPOCH.match(value):
        seconds = int(match[1]) / (1000 if len(match[1]) > 11 else 1)
        try:
            day = dt.datetime.fromtimestamp(seconds, dt.timezone.utc).date()
        except (OverflowError, OSError, ValueError):
            return None
        parsed = _make(day.year, day.month, day.day, today)
        return parsed.isoformat() if parsed else None
    try:
        day = parsedate_to_datetime(value.strip()).date()
    except (TypeError, ValueError, IndexError):
        found = find_dates(value, language, today)
        return found[0][1].isoformat() if found else None
    parsed = _make(day.year, day.month, day.day, today)
    return parsed.isoformat() if parsed else None


def decide_published(
    candidates: list[Meta], texts: list[str], language: str | None, today: dt.date | None = None
) -> tuple[str | None, str | None]:
    """The article's date and where it came from: ``metadata`` or ``text`` (``(None, None)`` when neither has one).

    Structured metadata comes first (in the reader's order), then a date printed in the page's byline, then the
    first date in the title and paragraphs. Future and impossible dates are skipped, so the next candidate counts.
    """
    ordered = [m for m in candidates if m.origin != "byline"] + [m for m in candidates if m.origin == "byline"]
    for meta in ordered:
        parsed = parse_metadata_date(meta.value, language, today)
        if parsed:
            return parsed, "metadata"
    found = first_date(texts, language, today)
    return (found, "text") if found else (None, None)
