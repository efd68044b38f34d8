from archive.normalize.stemming import query_stems, stem_text, stem_word


def test_indonesian_affixes_reduce_to_the_root():
    assert {stem_word(w, "id") for w in ("membela", "dibela", "pembelaan", "bela")} == {"bela"}
    assert stem_word("kemenangan", "id") == "menang"


def test_english_inflections_reduce_with_snowball():
    assert stem_word("rallies", "en") == stem_word("rallied", "en") == stem_word("rally", "en")


def test_other_languages_and_numbers_are_left_alone():
    assert stem_word("membela", "fr") == "membela"
    assert stem_text("Tahun 2022, membela", "id") == "tahun 2022 bela"


def test_query_word_gets_every_reading():
    assert {"membela", "bela"} <= query_stems("membela")


def test_indonesian_keeps_words_with_letters_sastrawi_does_not_know_whole():
    """Sastrawi drops non-ASCII letters ("émile" -> "mile"): such a word is a foreign name, kept whole."""
    assert stem_text("Émile menolak kudeta", "id") == "émile tolak kudeta"
