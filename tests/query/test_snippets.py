"""Python-side snippets: the words a parsed query matched, marked the way FTS5 tokenizes them."""

from archive.query.parse import parse_query
from archive.query.snippets import fold, mark, mark_where, patterns


def _mark(text: str, query: str, width: int = 16) -> str:
    return mark(text, patterns(parse_query(query)), "[", "]", width)


def test_a_phrase_is_one_span_and_case_is_ignored():
    assert _mark("Harga kebutuhan pokok tetap stabil.", '"harga kebutuhan pokok"') == "[Harga kebutuhan pokok] tetap stabil."


def test_phrase_words_elsewhere_are_not_marked():
    assert _mark("Harga naik, kebutuhan pokok turun.", '"harga pokok"') == "Harga naik, kebutuhan pokok turun."


def test_prefix_marks_every_word_it_starts():
    assert _mark("Infrastruktur dan infrastrukturnya", "infrastruk*") == "[Infrastruktur] dan [infrastrukturnya]"


def test_diacritics_and_hyphenated_words_compare_like_the_index():
    assert fold("Pétain") == "petain"
    assert _mark("Marshal Pétain spoke of COVID-19 rules.", "petain covid-19") == \
        "Marshal [Pétain] spoke of [COVID-19] rules."


def test_words_after_not_are_not_marked():
    assert _mark("kata presiden kata menteri", "kata NOT (presiden OR wakil)") == "[kata] presiden [kata] menteri"


def test_the_window_goes_where_the_hits_are_and_cuts_with_ellipses():
    text = " ".join(f"w{i}" for i in range(40)) + " target w40 target."
    snippet = _mark(text, "target", width=8)
    assert snippet.startswith("…") and snippet.endswith("[target].")
    assert snippet.count("[target]") == 2


def test_no_hit_keeps_the_start_of_the_text():
    assert _mark("one two three", "zeppelin", width=2) == "one two…"


def test_mark_where_tests_single_words():
    assert mark_where("Dia membela rakyat", lambda w: w.lower() == "membela", "<", ">") == "Dia <membela> rakyat"
