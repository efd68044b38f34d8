"""Every language decision: declared codes read, text identified offline (py3langid ships its model).

A declared language stands unless the text plainly is another one (kompas and kapanlagi pages declare ``en`` over
Indonesian text); Indonesian text scored as Malay is corrected the same way wherever the language comes from.
"""

from __future__ import annotations

import re
from functools import lru_cache

import numpy as np

from archive.readers.base import Meta

# Below this many letters a guess is noise; the article keeps language NULL instead.
_MIN_LETTERS = 20
# The first 800 characters decide: identification cost grows with length, accuracy stops growing
# long before (a news lead is plenty). On the 3,277 articles of the bench sample, the test corpora
# and the gold pages, 800 and 1,500 characters give the same language for every one; 400 do not.
_SAMPLE_CHARS = 800
# Indonesian and Malay share most of their vocabulary, and short Indonesian news text is often
# scored as Malay. Malay is kept only when the model is sure of it; otherwise the closer of the
# pair for a news archive of Indonesia, Indonesian, wins.
_MALAY_CERTAINTY = 0.9
# A declared language is checked against the text only when there is this much text to go by.
_CHECK_CHARS = 400


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    from archive.normalize.langid_walk import FeatureWalker, RowCache

    class _Identifier(LanguageIdentifier):
        """py3langid's identifier with its byte-by-byte feature walk done for all bytes at once (same counts)
        and the model rows of frequent features kept in float32 (the same numbers the score computes with)."""

        __slots__ = ("_walker", "_rows")

        def _raw_score(self, text):
            visits = self._walker.counts(text)
            if visits is None:  # no features: py3langid's own answer for that case
                return super()._raw_score(text)
            return self._sparse_score(visits, self.nb_ptc)

        def _sparse_score(self, visits, table):
            if table is not self.nb_ptc:  # a restricted language set: py3langid's own way
                return super()._sparse_score(visits, table)
            idx = np.fromiter(visits.keys(), dtype=np.intp, count=len(visits))
            counts = np.fromiter(visits.values(), dtype=np.float32, count=len(visits))
            return np.log1p(counts) @ self._rows.rows(idx) + self.nb_pc

    identifier = _Identifier.from_model_file(MODEL_FILE, norm_probs=True)
    identifier._walker = FeatureWalker(identifier.tk_nextmove, identifier.tk_row, identifier.tk_output)
    identifier._rows = RowCache(identifier.nb_ptc)
    return identifier


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language, or ``None`` when there is too little text to tell."""
    sample = text[:_SAMPLE_CHARS]
    if not _has_letters(sample, _MIN_LETTERS):
        return None
    code, probability = _identifier().classify(sample)
    if code == "ms" and probability < _MALAY_CERTAINTY:
        return "id"
    return code if probability >= 0.5 else None


def _has_letters(text: str, wanted: int) -> bool:
    """At least ``wanted`` letters in ``text`` (stops counting as soon as there are)."""
    for ch in text:
        if ch.isalpha():
            wanted -= 1
            if wanted <= 0:
                return True
    return wanted <= 0


def language_code(value: str | None) -> str | None:
    """ISO 639-1 code of a declared language tag (``en-GB``, ``id_ID``, ``in``), or ``None`` if it is not one."""
    code = re.split(r"[-_,;\s]", (value or "").strip().lower())[0]
    if code == "in":  # the withdrawn code Java and old CMSs still write for Indonesian
        code = "id"
    return code if len(code) == 2 and code.isalpha() else None


def decide_language(candidates: list[Meta], text: str) -> tuple[str | None, str | None]:
    """The article's language and where it came from: ``metadata`` or ``detected`` (``(None, None)`` if unknown).

    The first readable declared code wins unless at least ``_CHECK_CHARS`` of text are identified as another
    language; then (and when nothing is declared) the identified language is used.
    """
    declared = next((code for code in (language_code(m.value) for m in candidates) if code), None)
    if declared and len(text) < _CHECK_CHARS:
        return declared, "metadata"
    detected = detect_language(text)
    if declared and (detected is None or detected == declared):
        return declared, "metadata"
    return (detected, "detected") if detected else (None, None)
