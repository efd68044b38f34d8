"""Title and authors, decided once from what the reader found (``RawDocument.metadata``).

Titles: a page states its headline several times (``<title>``, ``og:title``, ``twitter:title``, JSON-LD
``headline``, ``<h1>``), with labels around it in its metadata (``… | Kompas.com``, ``Kapanlagi.com: Musik - …``,
``… - BBC News``). The title is the headline the page prints (its ``<h1>``, else the element printing a metadata
title with its kicker, ``In Picture: …``) when a metadata title confirms it (they share at least a few words
between separators, so a logo in an ``<h1>`` does not count); else the first metadata title without the parts
that name the site. No site is named anywhere here.
"""

from __future__ import annotations

import re

from archive.readers.base import Meta
from archive.titles import join_title, split_title, squash
from archive.urls import domain

# Origins of the headline as printed on the page, in the order they are tried.
_PRINTED = ("<h1>", "displayed")
# A printed headline is confirmed by a metadata title that shares a run of parts this many words long (or all of it).
_CONFIRM_WORDS = 3
_SITE_PART_MIN = 4  # a title part this short (squashed) is never taken for a site name
_DOMAIN_LABEL_MIN = 5  # shorter domain labels ("www", "co", "news") are not a site's name


def decide_title(candidates: list[Meta], sites: list[str], url: str | None = None) -> str | None:
    """The headline, from title candidates in reader order; ``sites`` are the site names the page gives."""
    host = domain(url) or ""
    names = {squash(name) for name in [*sites, host]} - {""}
    # The labels of the domain long enough to be the site's own name ("republika" in republika.co.id).
    labels = {label for label in host.split(".")[:-1] if len(label) >= _DOMAIN_LABEL_MIN}
    printed = [m for m in candidates if m.origin in _PRINTED]
    stated = [t for t in (_without_site(m.value, names, labels) for m in candidates if m.origin not in _PRINTED) if t]
    stated_keys = {squash(title) for title in stated}
    # A printed headline that is exactly a metadata title beats one only confirmed by a few shared words.
    exact = [m for m in printed if squash(m.value) in stated_keys]
    confirmed = [m for m in printed if any(_confirms(title, m.value) for title in stated)]
    for found in (exact, confirmed):
        for origin in _PRINTED:
            meta = next((m for m in found if m.origin == origin), None)
            if meta is not None:
                return " ".join(meta.value.split())
    if stated:
        return stated[0]
    return next((" ".join(m.value.split()) for m in printed if m.value.strip()), None)


def _confirms(stated: str, printed: str) -> bool:
    """True when a metadata title and a printed headline are the same headline (give or take labels)."""
    if squash(stated) == squash(printed):
        return True
    ours = {squash(run): len(run.split()) for run in _runs(stated)}
    return any(ours.get(squash(run), 0) >= _CONFIRM_WORDS for run in _runs(printed))


def _runs(title: str) -> list[str]:
    """Every run of consecutive parts of a title (``A - B | C`` gives ``A``, ``A - B``, ``B``...)."""
    parts, separators = split_title(title)
    return [join_title(parts[i:j], separators[i:j - 1]) for i in range(len(parts)) for j in range(i + 1, len(parts) + 1)]


def decide_authors(candidates: list[Meta]) -> list[str]:
    """Author names from the first origin that gives any (``A; B`` and ``A | B`` split), each once."""
    if not candidates:
        return []
    origin = candidates[0].origin
    names: list[str] = []
    for meta in candidates:
        if meta.origin != origin:
            continue
        for name in re.split(r"\s*[;|]\s*", meta.value):
            name = " ".join(name.split())
            if name and name.casefold() not in {n.casefold() for n in names}:
                names.append(name)
    return names


def _without_site(title: str, names: set[str], labels: set[str]) -> str | None:
    """The title without leading or trailing parts naming the site; ``None`` when the title is only the site.

    A site name may itself have parts (``LinkNaija | Nigeria's popular news platform``): the longest run of edge
    parts that names the site goes.
    """
    title = " ".join(title.split())
    parts, separators = split_title(title)
    if squash(title) in names:
        return None
    for end in range(len(parts) - 1, 0, -1):  # trailing: "Headline - Site Name"
        if _is_site(join_title(parts[end:], separators[end:]), names, labels):
            parts, separators = parts[:end], separators[:end - 1]
            break
    for start in range(len(parts) - 1, 0, -1):  # leading: "Site: Headline"
        if _is_site(join_title(parts[:start], separators[:start - 1]), names, labels):
            parts, separators = parts[start:], separators[start:]
            break
    return join_title(parts, separators)


def _is_site(part: str, names: set[str], labels: set[str]) -> bool:
    """True when a title part names the site: contains or is contained in a site name, or starts with the name
    the site's domain spells (``Republika Online`` on republika.co.id)."""
    key = squash(part)
    return len(key) >= _SITE_PART_MIN and (
        any(key in name or name in key for name in names) or any(key.startswith(label) for label in labels))
