"""NameBook: a short speaker name completed from the names the article gives."""

from archive.normalize.quotes.names import NameBook, drop_suffix


def test_english_short_name_is_the_end_of_the_full_name():
    book = NameBook(["Donald Trump visited Trump Tower.", "Trump spoke."], "en")
    assert book.fullest("Trump", 1, 0) == "Donald Trump"


def test_between_two_people_the_nearest_earlier_wins():
    paras = ["Hillary Clinton spoke.", "Bill Clinton answered.", "Clinton said more."]
    assert NameBook(paras, "en").fullest("Clinton", 2, 0) == "Bill Clinton"


def test_indonesians_are_called_by_any_of_their_names():
    book = NameBook(["Menteri Pertanian Andi Amran Sulaiman hadir.", "Amran menambahkan."], "id")
    assert book.fullest("Amran", 1, 0) == "Andi Amran Sulaiman"
    assert NameBook(["Andi Amran Sulaiman hadir.", "Amran datang."], "en").fullest("Amran", 1, 0) == "Amran"


def test_nickname_stands_for_the_full_name():
    paras = ["Muhammad Ramadhani, yang akrab disapa Dani, datang.", "Dani berkata."]
    assert NameBook(paras, "id").fullest("Dani", 1, 0) == "Muhammad Ramadhani"


def test_epithets_and_sentence_opening_verbs_are_not_part_of_the_name():
    assert NameBook(["Crooked Hillary Clinton lost.", "Clinton spoke."], "en").fullest("Clinton", 1, 0) == "Hillary Clinton"
    paras = ["Dijelaskan Veronica Heryanti, stok aman.", "Heryanti menambahkan."]
    assert NameBook(paras, "id").fullest("Heryanti", 1, 0) == "Veronica Heryanti"


def test_title_case_headlines_give_no_names():
    # read as text, "Obama Slams Trump" would be one name ending in "Trump"
    assert NameBook(["Obama Slams Trump", "Trump spoke."], "en").fullest("Trump", 1, 0) == "Trump"


def test_generational_suffix_is_dropped():
    assert drop_suffix("Patrick Carlineo Jr.") == "Patrick Carlineo"
    assert drop_suffix("Jr.") == "Jr."
