"""Split a plain-text body into paragraphs and drop the copies a scraper saved twice."""

from __future__ import annotations

from collections.abc import Iterable

from archive.normalize.cleanup import fold

# A scraper that saves a body twice repeats a long stretch of prose: repeated paragraphs are dropped
# when their run of consecutive repeats holds at least _MIN_REPEAT_WORDS words, _MIN_MEAN_WORDS per
# paragraph on average. Short lines that recur ("Eat every 2–3 hours" in a meal plan, table rows,
# "***" separators) are content or layout, and kept.
_MIN_REPEAT_WORDS = 30
_MIN_MEAN_WORDS = 12


def split_blocks(lines: list[str]) -> list[str]:
    """Group cleaned lines (``""`` for a blank line) into paragraphs.

    Scrapes come in two layouts: one paragraph per line (the seed), or hard-wrapped text whose
    paragraphs are separated by blank lines. Lines are joined only when they look wrapped, so a
    one-line-per-paragraph file or a list of short lines is never glued together.
    """
    blocks: list[list[str]] = [[]]
    for line in lines:
        if line:
            blocks[-1].append(line)
        elif blocks[-1]:
            blocks.append([])
    blocks = [b for b in blocks if b]
    if _looks_hard_wrapped(blocks):
        return [" ".join(b) for b in blocks]
    return [line for b in blocks for line in b]


def _looks_hard_wrapped(blocks: list[list[str]]) -> bool:
    """True when most lines that continue a block break mid-sentence at a similar, long width."""
    inner = [line for block in blocks for line in block[:-1]]  # the last line of a block may be short
    if not inner:
        return False
    wrapped = sum(1 for line in inner if len(line) >= 40 and not line.endswith((".", "!", "?", '"', "”", "’", ":")))
    return wrapped * 4 >= len(inner) * 3


def dedupe(paragraphs: Iterable[str]) -> list[str]:
    """Drop the second copy of a body saved twice: repeated paragraphs in a long repeated run.

    Only whole paragraphs are compared (case and spacing folded): a sentence quoted again inside a
    different paragraph is content, not a scraping artefact.
    """
    items = list(paragraphs)
    seen: set[str] = set()
    repeated = []
    for paragraph in items:
        key = fold(paragraph)
        repeated.append(key in seen)
        seen.add(key)
    drop = [False] * len(items)
    start = 0
    while start < len(items):
        if not repeated[start]:
            start += 1
            continue
        end = start
        while end < len(items) and repeated[end]:
            end += 1
        words = sum(len(items[i].split()) for i in range(start, end))
        if words >= _MIN_REPEAT_WORDS and words >= _MIN_MEAN_WORDS * (end - start):
            drop[start:end] = [True] * (end - start)
        start = end
    return [paragraph for paragraph, dropped in zip(items, drop) if not dropped]
