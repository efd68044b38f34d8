"""The English clause reader: which verb of a sentence governs the quote it leads to."""

from archive.normalize.quotes.clauses import clauses, governing, masked
from archive.normalize.quotes.extract import extract


def _before_quote(text):
    return text, 0, text.index('"')


def test_clauses_are_the_verbs_with_their_subjects_in_order():
    found = clauses(*_before_quote('Cardin said that Republicans rejected the plan, calling it "a sham."'))
    assert [(c.subject.text, c.verb) for c in found] == [
        ("Cardin", "said"), ("Republicans", "rejected"), ("Republicans", "calling")]
    assert all(c.attributing for c in found)


def test_said_that_makes_the_whole_sentence_the_speakers_report():
    clause = governing(*_before_quote('Cardin said that Republicans rejected the plan, calling it "a sham."'))
    assert (clause.subject.name, clause.verb) == ("Cardin", "said")


def test_a_verb_that_judges_words_governs_a_partial_quote():
    clause = governing(*_before_quote('Trump called the deal "a disaster."'))
    assert (clause.subject.name, clause.verb) == ("Trump", "called")


def test_the_speech_clause_ends_where_another_persons_clause_starts():
    text = 'She said, but Kevin was drifting off, and as Trump went on about "the wall" he slept.'
    assert governing(*_before_quote(text)) is None


def test_it_is_not_a_source_but_stands_for_one():
    clause = governing(*_before_quote('It attacked Trump, saying "no."'))
    assert clause.subject.text == "It" and clause.verb == "saying"


def test_quoted_words_are_masked_to_the_same_length():
    text = 'He said "go home" now'
    out = masked(text)
    assert len(out) == len(text) and "go home" not in out and out.startswith('He said "')


def test_a_name_right_after_a_relative_pronoun_is_the_subject_of_its_clause():
    text = 'The firm will leave with a payout that veteran investor Leon Cooper blasted as "morally wrong."'
    clause = governing(*_before_quote(text))
    assert (clause.subject.name, clause.verb) == ("Leon Cooper", "blasted")
    # a complement clause is not a relative one: "that she's glad Smith appeared" is hers
    [quote] = extract(["Party chair Maria Lopez said Sunday that she’s glad Smith appeared to be feeling "
                       "better and looks forward to “seeing him back.”"], "en")
    assert quote.speaker == "Maria Lopez"
