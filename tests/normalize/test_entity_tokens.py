"""The entity tokenizer: whitespace pieces read like the whole text, possessives, sentence starts."""

from hypothesis import given, settings, strategies as st

from archive.normalize.entities.tokens import _TOKEN, tokenize

# Letters, digits, spaces of several kinds, sentence and word punctuation, dotted initials, possessives.
_PIECES = st.sampled_from(list("aZé日² \t\n\u00a0.,;:!?…'’\"-_()") + ["U.S.", "'s", "Mr", "W.", "Putin", "2019"])


def _reference(text):
    """The words of ``text`` read by the token pattern over the whole text, as (start, end, word)."""
    out, pos = [], 0
    for gap, match in _TOKEN.findall(text):
        if not match:
            break
        start = pos + len(gap)
        pos = start + len(match)
        cut = 2 if len(match) > 2 and match[-2] in "'’" and match[-1] in "sS" else 0
        out.append((start, pos - cut, match[:len(match) - cut]))
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
def test_pieces_split_at_whitespace_read_like_the_whole_text(text):
    assert [(t.start, t.end, t.text) for t in tokenize(text)] == _reference(text)


def test_possessive_cut_and_sentence_starts():
    toks = tokenize("Mr. Putin's plan. George W. Bush's aide; he said. 'Yes!'")
    assert [t.text for t in toks] == ["Mr", "Putin", "plan", "George", "W", "Bush", "aide", "he", "said", "Yes"]
    starts = [t.text for t in toks if t.sentence_start]
    assert starts == ["Mr", "George", "he", "Yes"]  # not after "Mr." or "W.", but after "'s." or ";"
