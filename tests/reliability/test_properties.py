"""Property tests of the normalizer: any text in, an article or an ``InputError`` out, never a crash.

Hypothesis feeds ``archive.normalize.pipeline.normalize`` arbitrary Unicode mixed with news-shaped
lines: quote marks of every kind, speech verbs, names, page furniture, datelines, editor initials.
Whatever comes in, it raises nothing but ``InputError``; every quote's offsets point at its text
(``paragraphs[q.paragraph][q.start:q.end] == q.text``) and every entity mention's at its surface, in
the paragraph, title or dateline it names. For text without page furniture, every paragraph is
a piece of the input modulo whitespace: compared after the same character clean-up the normalizer
applies (control characters, NFC) on text that carries none of the mojibake hints that would send it
through ftfy; datelines and editor initials are only ever cut from the ends, so they keep that true.
"""

from __future__ import annotations

import datetime as dt

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.errors import InputError
from archive.normalize.cleanup import _MOJIBAKE_HINT, clean_line, clean_text
from archive.normalize.furniture import classify_line
from archive.normalize.pipeline import normalize
from archive.readers.base import RawDocument

TODAY = dt.date(2024, 6, 1)
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

VOCAB = [
    "kata", "ujar", "mengatakan", "bahwa", "lanjutnya", "menurut", "said", "told", "Reuters:", "according", "to",
    "he", "added", "the", "spokesman", "Presiden", "Joko", "Widodo", "Vladimir", "Putin", "Kassym-Jomart",
    "Tokayev", "Jakarta", "Kazakhstan", "Rusia", "CSTO", "PBB", "Menteri", "Dr.", "Sri", "Mulyani", "-nya",
    "katanya", "ekonomi", "tumbuh", "Senin", "(10/1/2022)", "10", "Januari", "2022", "January", ",", ".", ":",
]
QUOTE_MARKS = ['"', "“", "”", "«", "»", "'", "‘", "’", "„", "‹", "›", "「", "」"]
FURNITURE = [
    "loading...", "A", "ADVERTISEMENT", "SCROLL TO CONTINUE WITH CONTENT", "Lihat Juga: Judul berita lain",
    "Baca juga: Berita terkait", "By John Smith and Jane Doe", "(esn)", "Video: Putin di Moskow",
]
DATELINES = ["NUR SULTAN - ", "JAKARTA, KOMPAS.com - ", "LONDON (Reuters) - ", "Jakarta (ANTARA) - "]

any_text = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40)
word = st.one_of(st.sampled_from(VOCAB), st.sampled_from(QUOTE_MARKS), any_text.filter(lambda s: s.strip()))


@st.composite
def news_line(draw, furniture: bool = True) -> str:
    words = draw(st.lists(word, max_size=25))
    if draw(st.booleans()):  # a quotation: marks around some words, often with a cue after
        opening, closing = draw(st.sampled_from([('"', '"'), ("“", "”"), ("«", "»"), ("‘", "’"), ("'", "'")]))
        inner = draw(st.lists(st.sampled_from(VOCAB), min_size=1, max_size=8))
        words += [opening + " ".join(inner) + closing + draw(st.sampled_from([",", ".", ""])), *draw(st.lists(st.sampled_from(VOCAB), max_size=4))]
    line = " ".join(words)
    if draw(st.booleans()):
        line = draw(st.sampled_from(DATELINES)) + line
    if furniture and draw(st.integers(0, 4)) == 0:
        return draw(st.sampled_from(FURNITURE))
    return line


@st.composite
def document(draw, furniture: bool = True) -> str:
    lines = draw(st.lists(st.one_of(news_line(furniture), st.just(""), any_text), max_size=14))
    separator = draw(st.sampled_from(["\n", "\r\n", "\n\n"]))
    return separator.join(lines)


def _check_offsets(article) -> None:
    paragraphs = article.paragraphs
    assert paragraphs and all(p and p == p.strip() for p in paragraphs)
    for quote in article.quotes:
        assert 0 <= quote.paragraph < len(paragraphs)
        assert 0 <= quote.start <= quote.end <= len(paragraphs[quote.paragraph])
        assert paragraphs[quote.paragraph][quote.start:quote.end] == quote.text
    keys = {entity.key for entity in article.entities}
    for mention in article.mentions:
        assert mention.entity_key in keys
        if mention.field == "paragraph":
            where = paragraphs[mention.paragraph]
        elif mention.field == "title":
            where = article.title
        else:
            assert mention.field == "dateline"
            where = article.dateline
        assert where is not None and where[mention.start:mention.end] == mention.surface


def _normalize(text: str):
    try:
        return normalize(RawDocument(source_path="/fuzz/a.txt", text=text, format="txt"), today=TODAY)
    except InputError:
        return None


@SETTINGS
@given(document())
def test_news_shaped_text_never_crashes_and_offsets_hold(text):
    article = _normalize(text)
    if article is not None:
        _check_offsets(article)


@SETTINGS
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_crashes(text):
    article = _normalize(text)  # lone surrogates, controls, RTL marks, combining marks...
    if article is not None:
        _check_offsets(article)


@SETTINGS
@given(st.lists(st.text(st.sampled_from("\"“”«»'‘’ abc.,:\n-"), max_size=30), max_size=8).map("\n".join))
def test_quote_mark_soup_never_crashes(text):
    article = _normalize("Judul\n" + text)
    if article is not None:
        _check_offsets(article)


def _collapsed(text: str) -> str:
    return " ".join(text.split())


@SETTINGS
@given(document(furniture=False))
def test_paragraphs_are_pieces_of_the_input(text):
    if _MOJIBAKE_HINT.search(text):
        return  # ftfy may rewrite such text on purpose; tested by the mojibake file in test_bad_input
    cleaned = clean_text(text)
    lines = [clean_line(line) for line in cleaned.split("\n")]
    if any(line and classify_line(line).kind != "text" for line in lines[1:]):
        return  # random text that happens to read as furniture (a lone "A", "Baca juga:")
    article = _normalize(text)
    if article is None:
        return
    source = _collapsed(cleaned)
    assert _collapsed(article.title or "") in source
    for paragraph in article.paragraphs:
        assert _collapsed(paragraph) in source, paragraph
