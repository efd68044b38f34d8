"""Stories split into several body containers: the chunks an extractor stopped short of.

Some sites cut a story into repeated containers with ads between them (``<div class="article__body">`` three
times); trafilatura keeps the first. The containers of one story share their tag and class, so the paragraphs of
the other containers with the same signature as the one holding the extracted text are added (before or after it,
as on the page) when they read as running text. Teasers of other stories do not qualify: they sit in containers
of their own kind, not in the one the story's paragraphs were found in.
"""

from __future__ import annotations

import re
from collections import Counter

import lxml.html

from archive.readers.html_cleanup import clean_paragraphs, prose

# The container holding most of the extracted text must hold at least this share of it.
_MAIN_SHARE = 0.5
# Links may make up at most this share of a recovered paragraph (a list of links is no story text).
_MAX_LINK_SHARE = 0.3


def add_sibling_chunks(tree: lxml.html.HtmlElement, paragraphs: list[str]) -> list[str]:
    """``paragraphs`` with the running text of the story's other containers, in page order."""
    extracted = {_squash(p) for p in paragraphs}
    located: Counter = Counter()
    for element in tree.iter("p"):
        key = _squash(element.text_content())
        parent = element.getparent()
        if key in extracted and key and parent is not None:
            located[parent] += len(key)
    if not located:
        return paragraphs
    container, held = located.most_common(1)[0]
    signature = _signature(container)
    if not signature[1] or held < _MAIN_SHARE * sum(map(len, extracted)):
        return paragraphs
    parent = container.getparent()
    grandparent = parent.getparent() if parent is not None else None
    if grandparent is None:
        return paragraphs
    before: list[str] = []
    after: list[str] = []
    seen_main = False
    # Siblings of the container, or children of its parent's siblings of the same kind (cousins): the page's
    # repeated story containers, not whatever else on the page shares the class.
    for chunk in grandparent.iter(container.tag):
        if chunk is container:
            seen_main = True
            continue
        if _signature(chunk) != signature or not _related(chunk, parent, grandparent):
            continue
        new = [p for p in clean_paragraphs(_running_text(chunk)) if _squash(p) not in extracted]
        if prose(new):
            (after if seen_main else before).extend(new)
            extracted.update(_squash(p) for p in new)
    return before + paragraphs + after if before or after else paragraphs


def _related(chunk, parent, grandparent) -> bool:
    up = chunk.getparent()
    return up is parent or up is not None and up.getparent() is grandparent and _signature(up) == _signature(parent)


def _running_text(chunk: lxml.html.HtmlElement) -> list[str]:
    lines = []
    for element in chunk.iter("p"):
        text = " ".join(element.text_content().split())
        linked = sum(len(" ".join(a.text_content().split())) for a in element.iter("a"))
        if text and linked <= _MAX_LINK_SHARE * len(text):
            lines.append(text)
    return lines


def _signature(element: lxml.html.HtmlElement) -> tuple[str, str]:
    return element.tag, " ".join(sorted((element.get("class") or "").split()))


def _squash(text: str) -> str:
    return re.sub(r"\W+", "", text.lower())
