"""Word stems for the stemmed search index: Sastrawi for Indonesian, Snowball for English.

A searcher typing ``bela`` should find ``membela`` and ``dibela``: Indonesian builds words with
prefixes and suffixes (me-, di-, pe-…-an, ke-…-an) around a root, which Sastrawi strips using its
root-word dictionary. English inflections (``rallies``/``rallied``) reduce with the Snowball
(Porter 2) stemmer. The index and the queries must use the same stemmers, so their names are
stored in the database (``settings.stemmers``) when the index is built.
"""

from __future__ import annotations

from functools import lru_cache

from archive.normalize.words import words

STEMMERS = "sastrawi:id snowball-english:en"  # recorded in the database with the index

# Words cached per stemmed language: bounded, so a worker's memory stays flat over millions of articles.
_CACHED_WORDS = 1 << 15


@lru_cache(maxsize=1)
def _sastrawi():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    # The factory's stemmer keeps every word it has ever stemmed (an unbounded dict): over a
    # million articles a worker grew by tens of MB. The plain stemmer with our bounded
    # per-language cache (``_stemmer``) gives the same stems.
    return Stemmer(ArrayDictionary(StemmerFactory().get_words()))


@lru_cache(maxsize=1)
def _snowball():
    import snowballstemmer

    return snowballstemmer.stemmer("english")


def stem_word(word: str, language: str | None) -> str:
    """The stem of one lower-cased word in ``language`` (unchanged for other languages)."""
    stem = _stemmer(language)
    return stem(word) if stem else word


@lru_cache(maxsize=None)  # one entry per language code seen (a handful)
def _stemmer(language: str | None):
    """The cached one-word stemmer of ``language``, or ``None`` when its words are kept as they are."""
    if language == "id":
        # Sastrawi knows Indonesian roots, all ASCII, and drops every other letter ("émile" ->
        # "mile"): a word with one is a foreign name, kept whole.
        def root(word: str) -> str:
            return (_sastrawi().stem(word) or word) if word.isascii() else word
    elif language == "en":
        def root(word: str) -> str:
            return _snowball().stemWord(word)
    else:
        return None

    def stem(word: str) -> str:
        return word if word.isdigit() or len(word) < 3 else root(word)

    return lru_cache(maxsize=_CACHED_WORDS)(stem)


def stem_text(text: str, language: str | None) -> str:
    """The text as space-separated stems (what the stemmed index stores)."""
    return stem_words(words(text), language)


def stem_words(text_words: list[str], language: str | None) -> str:
    """Lower-cased words (:func:`archive.normalize.words.words`) as space-separated stems."""
    stem = _stemmer(language)
    return " ".join(map(stem, text_words) if stem else text_words)


# The languages the index stems: a query word's language is unknown, so it is read in each.
STEMMED_LANGUAGES = ("id", "en")


def query_stems(word: str) -> set[str]:
    """Every stem a query word may have been indexed under (its language is unknown)."""
    lower = word.lower()
    return {lower, *(stem_word(lower, language) for language in STEMMED_LANGUAGES)}
