"""The words of a text as the stemmed index and the near-duplicate fingerprint see them.

One definition, read once per paragraph by the pipeline and shared by both stages: lower-cased ``\\w+`` runs
(a word never spans the space that joins two paragraphs, so the words of the joined text are the
paragraphs' words one after the other).
"""

from __future__ import annotations

import re

_WORD = re.compile(r"\w+", re.UNICODE)


def words(text: str) -> list[str]:
    """The lower-cased words of ``text``."""
    return _WORD.findall(text.lower())
