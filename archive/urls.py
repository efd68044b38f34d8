"""A page's site from its URL: shared by the readers (an article's source) and the normalizer (site names in titles)."""

from __future__ import annotations

from urllib.parse import urlsplit


def domain(url: str | None) -> str | None:
    """The URL's host without ``www.``, or ``None`` for a missing or malformed URL."""
    if not url:
        return None
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host[4:] if host and host.startswith("www.") else host
