"""Antecedents outside a quote's own sentence: the reported-speech sentence before a quote, the
named subjects of speech verbs (for "he said" / "katanya") and the names that open sentences."""

from __future__ import annotations

import re
from functools import lru_cache

from .cues import _SENTENCE_END, _VERBS, Attribution, _langs, sentence_end, sentence_start
from .subjects import subject_before
from .speakers import Phrase, read_forward


def previous_sentence(text: str, lo: int, hi: int, language: str | None) -> Attribution | None:
    """The quote opens a sentence and the sentence before it, in ``text[lo:hi]``, is reported
    speech ("Zulkifli mengatakan bahwa … . "…"" / "…, he added. "…""): its subject said it."""
    if not text[lo:hi].strip() or any(c in text[lo:hi] for c in "\"“”«»"):
        return None
    end = len(text[:hi].rstrip())
    if text[end - 1 : end] not in (".", ":"):
        return None
    start = sentence_start(text, lo, end - 1)
    best: Attribution | None = None
    for lang in _langs(language):
        for m in _VERBS[lang].finditer(text, start, end):
            phrase = subject_before(text, start, m.start())
            if phrase and not phrase.plural and (best is None or m.start() > best.end):
                best = Attribution(phrase, re.sub(r"\s+", " ", m.group("cue")), m.end(), "previous")
    return best


@lru_cache(maxsize=4096)
def speech_subjects(text: str, language: str | None) -> tuple[tuple[int, Phrase], ...]:
    """Named subjects of speech verbs in a paragraph ("Eka Asmadi … mengatakan"), in order:
    the antecedents of a later "katanya" / "he said" when no quote has named a speaker yet.

    Cached by paragraph: each pronoun cue looks back over the paragraphs before it."""
    found: list[tuple[int, Phrase]] = []
    for lang in _langs(language):
        for m in _VERBS[lang].finditer(text):
            phrase = subject_before(text, sentence_start(text, 0, m.start()), m.start())
            if phrase and phrase.name:
                found.append((m.start(), phrase))
    found.sort(key=lambda f: f[0])
    return tuple(found)


@lru_cache(maxsize=4096)
def sentence_subjects(text: str) -> tuple[tuple[int, Phrase], ...]:
    """Named subjects that open a sentence ("Marathon runner Eliud Kipchoge crossed …"):
    the weakest antecedents of a pronoun cue, used when nobody has spoken yet (cached by paragraph)."""
    found: list[tuple[int, Phrase]] = []
    pos = 0
    while pos < len(text):
        end = sentence_end(text, pos, len(text))
        phrase = read_forward(text, pos + len(text[pos:end]) - len(text[pos:end].lstrip()), end, lower_ok=False)
        if phrase and phrase.name and (phrase.role or " " in phrase.name):
            found.append((phrase.start, phrase))
        m = _SENTENCE_END.match(text, end)
        pos = max(m.end() if m else end + 1, end + 1)
    return tuple(found)
