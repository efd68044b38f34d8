"""The words of a text as the stemmed index and the near-duplicate fingerprint see them.

One definition, read once per paragraph by the pipeline and shared by both stages: lower-cased ``\\w+`` runs
(a word never spans the space that joins two paragraphs, so the words of the joined text are the
paragraphs' words one after the other).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``.

    A word never spans whitespace, so the text is split there first: a piece of letters and digits
    only is one word (most are), and only the other pieces are read by the pattern (cheaper than
    running it over every character).
    """
    out: list[str] = []
    append, extend, findall = out.append, out.extend, _WORD.findall
    for piece in text.lower().split():
        if piece.isalnum():
            append(piece)
        else:
            extend(findall(piece))
    return out
