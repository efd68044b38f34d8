"""Quotation marks: spans, and a quote that a new opening mark runs on."""

from archive.normalize.quotes.extract import extract
from archive.normalize.quotes.marks import find_spans


def test_closed_quotes_are_separate_spans():
    spans = find_spans('"Harga naik." "Stok aman," kata Budi.')
    assert [(s.closed, s.continues) for s in spans] == [(True, False), (True, False)]


def test_an_opening_mark_after_a_finished_sentence_inside_an_open_quote_runs_it_on():
    paragraph = '"We are done. "The vote is over," Pat Lee said.'
    first, second = find_spans(paragraph)
    assert not first.closed and paragraph[first.start : first.end] == "We are done."
    assert second.continues and paragraph[second.start : second.end] == "The vote is over"
    assert [(q.text, q.speaker) for q in extract([paragraph], "en")] == [
        ("We are done.", "Pat Lee"), ("The vote is over", "Pat Lee")]


def test_the_plural_possessive_is_not_a_closing_mark():
    paragraph = "He said ‘the teachers’ union will strike’ today."
    [span] = find_spans(paragraph)
    assert paragraph[span.start : span.end] == "the teachers’ union will strike"
