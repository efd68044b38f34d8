"""Split a plain-text body into paragraphs and drop the copies a scraper saved twice."""

from __future__ import annotations

from collections.abc import Iterable

from archive.normalize.cleanup import fold

# Paragraphs shorter than this are not deduplicated: a repeated "***" or "(Reuters)" separator
# is layout, while a repeated paragraph of real prose is the scraper saving the body twice.
_MIN_DEDUPE_WORDS = 4


def split_blocks(lines: list[str]) -> list[str]:
    """Group cleaned lines (``""`` for a blank line) into paragraphs.

    Scrapes come in two layouts: one paragraph per line (the seed) or hard-wrapped text whose
    paragraphs are separated by blank lines. Lines are joined only when blocks of several lines
    are the norm, so a one-line-per-paragraph file is never glued together.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    multi = sum(1 for b in blocks if len(b) > 1)
    if blocks and multi * 2 > len(blocks) and not _lines_are_sentences(blocks):
        return [" ".join(b) for b in blocks]
    return [line for b in blocks for line in b]


def _lines_are_sentences(blocks: list[list[str]]) -> bool:
    """True when most lines end a sentence, i.e. each line is already a paragraph."""
    lines = [line for b in blocks for line in b]
    ended = sum(1 for line in lines if line.rstrip().endswith((".", "!", "?", '"', "”", "’", ":")))
    return ended * 4 >= len(lines) * 3


def dedupe(paragraphs: Iterable[str]) -> list[str]:
    """Keep each paragraph once, in first-seen order (whole-paragraph equality, case and spacing folded).

    Only whole paragraphs are compared: a sentence quoted again inside a different paragraph is
    content, not a scraping artefact.
    """
    seen: set[str] = set()
    kept: list[str] = []
    for paragraph in paragraphs:
        key = fold(paragraph)
        if key in seen and len(key.split()) >= _MIN_DEDUPE_WORDS:
            continue
        seen.add(key)
        kept.append(paragraph)
    return kept
