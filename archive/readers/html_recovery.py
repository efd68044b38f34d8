"""Implausible extractions and their recovery by a second extractor.

An extraction is implausible when the page's main text block (the element whose ``<p>`` children hold the most
running text) is at least 1.5 times as long as the extraction and less than half of it is in the extraction: the
extractor kept something else, or stopped early. The recovery candidates (trafilatura's recall-favouring pass
and jusText, which trafilatura ships) are then scored by how much of that block they contain; the best one is
taken when it contains most of the block (``_RECOVERED``) and is not the whole page (at most ``_MAX_GROWTH``
times the block). Otherwise the first extraction stands. Overlap is measured on word 4-grams, like the benchmark.
"""

from __future__ import annotations

import copy
import logging
import re
from collections import Counter

import lxml.html

from archive.readers.html_cleanup import clean_paragraphs, prose

logger = logging.getLogger(__name__)

_MIN_BLOCK_CHARS = 500  # a main block shorter than this is no evidence against an extraction
_BLOCK_RATIO = 1.5  # implausible: the block is at least this many times the extraction's running text...
_BLOCK_COVERED = 0.5  # ...and less than this share of the block is in the extraction
_RECOVERED = 0.8  # a recovery must contain this share of the block
_MAX_GROWTH = 3  # and be at most this many times as long as the block
_TOKEN = re.compile(r"\w+")


def main_block(tree: lxml.html.HtmlElement) -> str:
    """The running text of the element whose ``<p>`` children hold the most of it ("" when there is none)."""
    held: Counter = Counter()
    texts: dict = {}
    for paragraph in tree.iter("p"):
        parent = paragraph.getparent()
        text = " ".join(paragraph.text_content().split())
        if parent is None or not prose([text]):
            continue
        held[parent] += len(text)
        texts.setdefault(parent, []).append(text)
    if not held:
        return ""
    block, _ = held.most_common(1)[0]
    return "\n".join(texts[block])


def implausible(paragraphs: list[str], block: str) -> bool:
    """True when the page's main block is much longer than the extraction and mostly missing from it."""
    if len(block) < _MIN_BLOCK_CHARS:
        return False
    extracted = sum(map(len, prose(paragraphs)))
    return len(block) >= _BLOCK_RATIO * extracted and _contained(block, "\n".join(paragraphs)) < _BLOCK_COVERED


def choose(block: str, original: list[str], candidates: dict[str, list[str]]) -> list[str]:
    """The candidate containing most of the block, if it contains enough and is not the whole page."""
    best_name, best, best_share = None, original, _contained(block, "\n".join(original))
    for name, paragraphs in candidates.items():
        text = "\n".join(paragraphs)
        share = _contained(block, text)
        if share >= _RECOVERED and share > best_share and len(text) <= _MAX_GROWTH * len(block):
            best_name, best, best_share = name, paragraphs, share
    logger.debug("implausible extraction: %s", f"recovered by {best_name}" if best_name else "kept")
    return best


def justext_paragraphs(tree: lxml.html.HtmlElement, titles: list[str]) -> list[str]:
    """jusText's paragraphs (trafilatura's configuration, stop words of every language it knows)."""
    try:
        from trafilatura.baseline import basic_cleaning
        from trafilatura.external import try_justext

        body = try_justext(basic_cleaning(copy.deepcopy(tree)), None, None)
    except Exception:  # a fallback must never fail the page (nor an older trafilatura): the first extraction stands
        logger.debug("jusText failed", exc_info=True)
        return []
    return clean_paragraphs([text for p in body.iter("p") if (text := "".join(p.itertext())).strip()], titles)


def _contained(part: str, whole: str) -> float:
    """Share of ``part``'s word 4-grams found in ``whole``."""
    mine, theirs = _shingles(part), _shingles(whole)
    total = sum(mine.values())
    return sum((mine & theirs).values()) / total if total else 0.0


def _shingles(text: str) -> Counter:
    tokens = _TOKEN.findall(text.lower())
    return Counter(tuple(tokens[i:i + 4]) for i in range(max(1, len(tokens) - 3)))
