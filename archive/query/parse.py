"""User search text → a safe, portable query tree (rendered to FTS5 by the store's dialect module).

People type hyphenated names, stray quotes, colons and lone operators. By default everything that
is not a well-formed operator becomes a literal word or phrase, so no input can be a syntax error.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from archive.errors import QueryError, QueryTooExpensive

# Bounds on what one query may ask: far above what anyone types, far below what keeps a core busy
# for minutes (3,000 ORs of one word took 14 s on 2,000 articles) or overflows FTS5's parser stack.
MAX_QUERY_CHARS = 2_000
MAX_QUERY_WORDS = 100
MAX_QUERY_DEPTH = 10  # parentheses inside parentheses
# Seconds a search runs before it is stopped as too expensive: 20× the median search of a
# million-article archive (0.75 s).
DEFAULT_TIME_LIMIT = 15.0

_CLOSING = {'"': '"', "“": "”", "„": "“", "«": "»"}
_OPERATORS = {"AND", "OR", "NOT"}
_WORD = re.compile(r"\w+", re.UNICODE)
_TOKEN = re.compile(r'NEAR\((?P<near>[^()]*)\)|(?P<paren>[()])|(?P<quote>["“”„«»])|(?P<word>[^\s()"“”„«»]+)')


@dataclass(frozen=True)
class Phrase:
    """Words that must appear in this order; ``prefix`` makes the last word a prefix (``kaz*``)."""

    words: tuple[str, ...]
    prefix: bool = False


@dataclass(frozen=True)
class Near:
    """Phrases within ``distance`` tokens of each other."""

    phrases: tuple[Phrase, ...]
    distance: int = 10


@dataclass(frozen=True)
class Operator:
    name: str  # AND | OR | NOT | ( | )


@dataclass(frozen=True)
class AnyOf:
    """Any of these alternatives (a phrase's readings under different stemmers)."""

    options: tuple["Phrase | Near", ...]


Node = Phrase | Near | Operator | AnyOf


def _phrase(text: str, prefix: bool = False) -> Phrase | None:
    words = tuple(_WORD.findall(text))
    return Phrase(words, prefix and bool(words)) if words else None


def _lex(text: str) -> list[Node]:
    nodes: list[Node] = []
    position = 0
    while position < len(text):
        match = _TOKEN.search(text, position)
        if not match:
            break
        position = match.end()
        if match.group("near") is not None:
            nodes.extend(_near(match.group("near")))
        elif match.group("paren"):
            nodes.append(Operator(match.group("paren")))
        elif match.group("quote"):
            mark = match.group("quote")
            close = _CLOSING.get(mark)
            end = text.find(close, position) if close else -1
            if close and end != -1:  # a balanced phrase; an unbalanced mark is just a separator
                phrase = _phrase(text[position:end])
                position = end + 1
                if phrase:
                    nodes.append(phrase)
        else:
            word = match.group("word")
            if word in _OPERATORS:
                nodes.append(Operator(word))
            else:
                phrase = _phrase(word, prefix=word.endswith("*"))
                if phrase:
                    nodes.append(phrase)
    return nodes


def _near(body: str) -> list[Node]:
    """``NEAR(a b, 5)``; a malformed NEAR degrades to its words."""
    terms, _, distance = body.rpartition(",")
    if not terms or not distance.strip().isdigit():
        terms, distance = body, "10"
    phrases = tuple(p for p in (_phrase(w, w.endswith("*")) for w in terms.split()) if p)
    if len(phrases) < 2:
        return list(phrases)
    return [Near(phrases, int(distance))]


def _is_operand(node: Node | None) -> bool:
    return isinstance(node, (Phrase, Near, AnyOf))


def _balance(nodes: list[Node]) -> list[Node]:
    """Drop operators that have no operand on one side and parentheses that do not pair up."""
    depth = 0
    for node in nodes:
        if isinstance(node, Operator) and node.name in "()":
            depth += 1 if node.name == "(" else -1
            if depth < 0:
                break
    if depth != 0:
        nodes = [n for n in nodes if not (isinstance(n, Operator) and n.name in "()")]
    cleaned: list[Node] = []
    for index, node in enumerate(nodes):
        if isinstance(node, Operator) and node.name in _OPERATORS:
            before = cleaned[-1] if cleaned else None
            after = nodes[index + 1] if index + 1 < len(nodes) else None
            left_ok = _is_operand(before) or (isinstance(before, Operator) and before.name == ")")
            right_ok = _is_operand(after) or (isinstance(after, Operator) and after.name == "(")
            if not (left_ok and right_ok):
                # "AND" alone or dangling: the searcher meant the word
                if not cleaned or not right_ok:
                    literal = _phrase(node.name.lower())
                    if literal and not cleaned and not after:
                        cleaned.append(literal)
                continue
        if isinstance(node, Operator) and node.name == ")" and cleaned and cleaned[-1] == Operator("("):
            cleaned.pop()  # "()" holds nothing
            continue
        cleaned.append(node)
    return cleaned


def parse_query(text: str) -> list[Node]:
    """Parse user text into query nodes; raise ``QueryError`` when it holds no searchable word,
    ``QueryTooExpensive`` when it is longer, has more words or nests deeper than the bounds."""
    _check_length(text)
    nodes = _balance(_lex(text))
    if not any(_is_operand(n) for n in nodes):
        raise QueryError(f"nothing to search for in {text!r}: give at least one word")
    words = sum(len(p.words) for n in nodes for p in (n.phrases if isinstance(n, Near) else (n,)) if isinstance(p, Phrase))
    _check_size(words, _depth(n.name for n in nodes if isinstance(n, Operator)))
    return nodes


def check_raw(text: str) -> None:
    """The same bounds for a query handed to FTS5 as typed (``--raw``): length, words, nesting."""
    _check_length(text)
    outside = re.sub(r'"[^"]*"?', " ", text)  # parentheses inside a quoted string are text
    words = len([w for w in _WORD.findall(text) if w not in _OPERATORS and w != "NEAR"])
    _check_size(words, _depth(c for c in outside if c in "()"))


def _check_length(text: str) -> None:
    if len(text) > MAX_QUERY_CHARS:
        raise QueryTooExpensive(f"query too long: {len(text):,} characters (at most {MAX_QUERY_CHARS:,})")


def _check_size(words: int, depth: int) -> None:
    if words > MAX_QUERY_WORDS:
        raise QueryTooExpensive(f"query too large: {words:,} words (at most {MAX_QUERY_WORDS})")
    if depth > MAX_QUERY_DEPTH:
        raise QueryTooExpensive(f"query nested too deeply: {depth} levels of parentheses (at most {MAX_QUERY_DEPTH})")


def _depth(parentheses) -> int:
    deepest = depth = 0
    for mark in parentheses:
        depth += 1 if mark == "(" else -1 if mark == ")" else 0
        deepest = max(deepest, depth)
    return deepest


def stem_query(nodes: list[Node], stemmers: Sequence[Callable[[str], str]]) -> list[Node]:
    """The query for the stemmed index: each phrase becomes any of its stemmed readings.

    A query word's language is unknown, so each language's stemmer gives one reading ("bela"
    also matches what "membela" was indexed as); prefix terms stay as typed.
    """

    def readings(phrase: Phrase) -> list[Phrase]:
        if phrase.prefix:
            return [phrase]
        lowered = tuple(w.lower() for w in phrase.words)
        variants = {lowered} | {tuple(stem(w) for w in lowered) for stem in stemmers}
        return [Phrase(v) for v in sorted(variants)]

    out: list[Node] = []
    for node in nodes:
        if isinstance(node, Phrase):
            options = readings(node)
            out.append(options[0] if len(options) == 1 else AnyOf(tuple(options)))
        elif isinstance(node, Near):
            nears = {Near(tuple(readings(p)[min(i, len(readings(p)) - 1)] for p in node.phrases), node.distance)
                     for i in range(len(stemmers) + 1)}
            out.append(next(iter(nears)) if len(nears) == 1 else AnyOf(tuple(sorted(nears, key=repr))))
        else:
            out.append(node)
    return out
