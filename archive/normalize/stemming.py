"""Word stems for the stemmed search index: Sastrawi for Indonesian, Snowball for English.

A searcher typing ``bela`` should find ``membela`` and ``dibela``: Indonesian builds words with
prefixes and suffixes (me-, di-, pe-…-an, ke-…-an) around a root, which Sastrawi strips using its
root-word dictionary. English inflections (``rallies``/``rallied``) reduce with the Snowball
(Porter 2) stemmer. The index and the queries must use the same stemmers, so their names are
stored in the database (``settings.stemmers``) when the index is built.
"""

from __future__ import annotations

import re
from functools import lru_cache

STEMMERS = "sastrawi:id snowball-english:en"  # recorded in the database with the index

_WORD = re.compile(r"\w+", re.UNICODE)


@lru_cache(maxsize=1)
def _sastrawi():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The factory's stemmer keeps every word it has ever stemmed (an unbounded dict): over a
    # million articles a worker grew by tens of MB. The plain stemmer with our bounded
    # ``stem_word`` cache gives the same stems.
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=1)
def _snowball():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


@lru_cache(maxsize=1 << 15)  # bounded: a worker's memory stays flat over millions of articles
def stem_word(word: str, language: str | None) -> str:
    """The stem of one lower-cased word in ``language`` (unchanged for other languages)."""
    if word.isdigit() or len(word) < 3:
        return word
    if language == "id":
        # Sastrawi knows Indonesian roots, all ASCII, and drops every other letter ("émile" ->
        # "mile"): a word with one is a foreign name, kept whole.
        return (_sastrawi().stem(word) or word) if word.isascii() else word
    if language == "en":
        return _snowball().stemWord(word)
    return word


def stem_text(text: str, language: str | None) -> str:
    """The text as space-separated stems (what the stemmed index stores)."""
    return " ".join(stem_word(w, language) for w in _WORD.findall(text.lower()))


# The languages the index stems: a query word's language is unknown, so it is read in each.
STEMMED_LANGUAGES = ("id", "en")


def query_stems(word: str) -> set[str]:
    """Every stem a query word may have been indexed under (its language is unknown)."""
    lower = word.lower()
    return {lower, *(stem_word(lower, language) for language in STEMMED_LANGUAGES)}
