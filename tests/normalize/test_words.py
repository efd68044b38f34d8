"""The words the stems and the fingerprint read: every \\w+ run of the lower-cased text."""

import re

from hypothesis import given, settings, strategies as st

from archive.normalize.words import words

_CHARS = st.sampled_from(list("aZé日²İẞ_ \t\n\u00a0\x1c\u200b.,;:!?…'-"))


@settings(max_examples=300, deadline=None)
@given(st.lists(_CHARS, max_size=50).map("".join))
def test_words_are_the_word_runs_of_the_lower_cased_text(text):
    assert words(text) == re.findall(r"\w+", text.lower())


def test_words_split_at_punctuation_and_keep_digits():
    assert words("Kata Jokowi, 12 Mei: “Dana_ok” (Rp5,2 T)") == ["kata", "jokowi", "12", "mei", "dana_ok", "rp5", "2", "t"]
