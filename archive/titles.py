"""Headline parts: a page title is often "Headline - Site", "Section | Headline" or "Site: Section - Headline".

Shared by the HTML reader (a body line repeating the headline is dropped) and the normalizer (which decides the
title by comparing the page's title candidates), so it lives below both.
"""

from __future__ import annotations

import re

# Separators between a headline and the labels around it: spaced dashes, bullets and guillemets, pipes,
# double colons, and a colon followed by a space ("Kapanlagi.com: Musik - ...").
SEPARATORS = re.compile(r"\s+[-–—•»]\s+|\s*[|]\s*|\s+::\s+|(?<=\S):\s+")


def split_title(title: str) -> tuple[list[str], list[str]]:
    """The parts of a title and the separators between them (``len(separators) == len(parts) - 1``)."""
    title = " ".join(title.split())
    return SEPARATORS.split(title), SEPARATORS.findall(title)


def join_title(parts: list[str], separators: list[str]) -> str:
    """Rebuild a title from consecutive parts and the separators that stood between them."""
    out = parts[0]
    for separator, part in zip(separators, parts[1:]):
        out += separator + part
    return out


def squash(text: str) -> str:
    """Lower-cased letters and digits only: how titles are compared."""
    return re.sub(r"\W+", "", text.lower())
