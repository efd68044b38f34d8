"""Snippets marked in Python: the words a parsed query matched, in the paragraph being shown.

Asking FTS5 for ``snippet()`` runs the MATCH a second time, and for a common word or a prefix that
costs as much as the search itself; the paragraphs on the page are already in hand and the parsed
query says what to mark. Text is compared the way the index's ``unicode61 remove_diacritics 2``
tokenizer sees it: runs of letters and digits, case-folded, diacritics removed. Like FTS5, a
phrase is marked where its words occur in order, a prefix marks every word it starts.
"""

from __future__ import annotations

import re
from bisect import bisect_left
import unicodedata
from collections.abc import Callable, Sequence
from functools import lru_cache

from archive.query.parse import AnyOf, Near, Node, Operator, Phrase

_TOKEN = re.compile(r"[^\W_]+")
ELLIPSIS = "…"

# (folded words, prefix): one phrase to find
Pattern = tuple[tuple[str, ...], bool]


@lru_cache(maxsize=1 << 15)
def fold(word: str) -> str:
    """A word as the index stores it: case-folded, without diacritics (``Pétain`` -> ``petain``)."""
    decomposed = unicodedata.normalize("NFKD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def patterns(nodes: Sequence[Node]) -> list[Pattern]:
    """The phrases a matching paragraph can contain; those after NOT are left out (it has none)."""
    out: list[Pattern] = []
    skip_depth = None  # inside "NOT ( … )"
    depth = 0
    negate = False
    for node in nodes:
        if isinstance(node, Operator):
            if node.name == "NOT":
                negate = True
            elif node.name == "(":
                depth += 1
                if negate and skip_depth is None:
                    skip_depth, negate = depth, False
            elif node.name == ")":
                if skip_depth == depth:
                    skip_depth = None
                depth -= 1
            continue
        if negate or skip_depth is not None:
            negate = False
            continue
        out.extend(_node_patterns(node))
    return out


def _node_patterns(node: Node) -> list[Pattern]:
    if isinstance(node, Phrase):
        words = tuple(fold(t) for w in node.words for t in _TOKEN.findall(w))
        return [(words, node.prefix)] if words else []
    if isinstance(node, Near):
        return [p for phrase in node.phrases for p in _node_patterns(phrase)]
    if isinstance(node, AnyOf):
        return [p for option in node.options for p in _node_patterns(option)]
    return []


def mark(text: str, wanted: Sequence[Pattern], open_mark: str, close_mark: str, width: int = 16) -> str:
    """The best ``width``-word window of ``text`` with every occurrence of ``wanted`` marked."""
    tokens = list(_TOKEN.finditer(text))
    folded = [fold(t.group()) for t in tokens]
    runs: dict[int, int] = {}  # first token of a marked phrase -> its last
    for words, prefix in wanted:
        n = len(words)
        for i in range(len(folded) - n + 1):
            if folded[i:i + n - 1] == list(words[:-1]) and (
                folded[i + n - 1].startswith(words[-1]) if prefix else folded[i + n - 1] == words[-1]
            ):
                runs[i] = max(runs.get(i, i), i + n - 1)
    return window(text, tokens, runs, open_mark, close_mark, width)


def mark_where(text: str, is_hit: Callable[[str], bool], open_mark: str, close_mark: str, width: int = 16) -> str:
    """Like ``mark``, for a test on single words (the stemmed index: a word whose stem was searched)."""
    tokens = list(_TOKEN.finditer(text))
    runs = {i: i for i, token in enumerate(tokens) if is_hit(token.group())}
    return window(text, tokens, runs, open_mark, close_mark, width)


def window(text: str, tokens: list[re.Match], runs: dict[int, int], open_mark: str, close_mark: str, width: int) -> str:
    """``width`` tokens around the densest part of the marked ``runs`` (first token -> last), ``…`` where cut.

    A phrase is marked as one span, as FTS5 does ("[harga kebutuhan pokok]").
    """
    if not tokens:
        return text
    start = _best_start(set(runs), len(tokens), width)
    end = min(len(tokens), start + width)
    close_at: int | None = None  # the last token of the span being marked
    out, position = [], tokens[start].start()
    for i in range(start, end):
        token = tokens[i]
        out.append(text[position:token.start()])
        if i in runs:
            last = min(runs[i], end - 1)
            if close_at is None:
                out.append(open_mark)
            close_at = max(close_at or 0, last)  # overlapping phrases: one span to the furthest end
        out.append(token.group())
        if i == close_at:
            out.append(close_mark)
            close_at = None
        position = token.end()
    prefix = ELLIPSIS if start > 0 else text[:tokens[0].start()]
    suffix = ELLIPSIS if end < len(tokens) else text[tokens[-1].end():]
    return prefix + "".join(out) + suffix


def _best_start(hits: set[int], count: int, width: int) -> int:
    """First token of the window holding the most hits (earliest on ties), with a little lead-in."""
    if not hits or count <= width:
        return 0
    ordered = sorted(hits)
    best_first, best_count = ordered[0], 0
    for i, first in enumerate(ordered):
        inside = bisect_left(ordered, first + width) - i
        if inside > best_count:
            best_first, best_count = first, inside
    return max(0, min(best_first - width // 4, count - width))
