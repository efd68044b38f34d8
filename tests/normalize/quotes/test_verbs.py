"""VerbSet: speech verbs found by word look-up, including two-word forms."""

from archive.normalize.quotes.verbs import VerbSet

VERBS = VerbSet(["said", "says", "pointed out", "weighed in"])


def test_single_forms_are_found_as_whole_words():
    text = "The minister said it, and then resaid it."
    found = [(m.start(), m.end(), m.group("cue")) for m in VERBS.finditer(text)]
    assert found == [(13, 17, "said")]


def test_two_word_forms_need_both_words():
    assert VERBS.search("she pointed out that").group() == "pointed out"
    assert VERBS.search("she pointed at the map") is None


def test_match_reads_only_at_the_position_and_inside_the_bounds():
    text = "he says so"
    assert VERBS.match(text, 3).end() == 7
    assert VERBS.match(text, 0) is None
    assert VERBS.search(text, 0, 5) is None  # "sa" is cut off by the bound


def test_capitalised_words_are_not_verbs():
    assert VERBS.search("Said Ali arrived.") is None
