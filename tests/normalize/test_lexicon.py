"""The shared per-language word lists: readable data, one list for both extractors."""

from importlib.resources import files

import pytest

from archive.normalize import lexicon
from archive.normalize.entities import lexicon as entity_lexicon
from archive.normalize.quotes import lexicon as quote_lexicon

DATA = files("archive.normalize.lexicon").joinpath("data")


def _lists():
    return [(lang.name, f.name[:-4]) for lang in DATA.iterdir() if lang.is_dir() for f in lang.iterdir() if f.name.endswith(".txt")]


@pytest.mark.parametrize("language, name", _lists())
def test_every_list_is_lower_case_words_with_a_comment(language, name):
    text = DATA.joinpath(language, f"{name}.txt").read_text(encoding="utf-8")
    assert text.startswith("#"), "each list says what it is for in a comment"
    for entry in lexicon.entries(language, name):
        assert all(w == w.casefold() and w.strip() == w for w in entry), entry


@pytest.mark.parametrize("title", ["briptu", "dokter", "sen", "mrs", "akbp"])
def test_quote_and_entity_extractors_share_the_titles(title):
    assert title in quote_lexicon.TITLES
    assert (title,) in entity_lexicon.TITLES


def test_pronouns_carry_their_gender():
    assert lexicon.tagged("en", "pronouns") == {"he": "masculine", "she": "feminine"}
    assert set(lexicon.tagged("id", "pronouns").values()) == {"any"}


def test_multi_word_forms_are_written_with_underscores():
    assert "pointed out" in lexicon.words("speech_verbs", ("en",))
    assert "mengatakan" in lexicon.words("speech_verbs", ("id",)) and "mengatakan" not in lexicon.words("speech_verbs", ("en",))
