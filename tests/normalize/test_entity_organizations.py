"""Organization rules of archive/normalize/entities/organizations.py."""

from archive.normalize.entities.segment import segment


def _items(text):
    return [(i.kind, i.surface) for i in segment(text, "id", learned=False)]


def test_an_acronym_before_a_town_is_a_local_body():
    assert _items("Ia kuliah di STMIK Serang.") == [("org", "STMIK Serang")]
    assert ("org", "STKS Bandung") in _items("Keberadaan STKS Bandung mendukung program itu.")


def test_a_comma_a_country_or_english_text_keep_the_place_apart():
    assert _items("Ia kuliah di STMIK, Serang.")[-1] == ("place", "Serang")
    assert _items("Pada masa pemerintahan Hindia Belanda.")[-1] == ("place", "Belanda")
    assert [(i.kind, i.surface) for i in segment("He studied at STMIK Serang.", "en", learned=False)][-1] \
        == ("place", "Serang")


def test_an_indonesian_club_is_pers_and_its_town():
    # "Persibat", "Persikoba": Persatuan Sepak Bola and the town's letters, written before the town
    assert _items("Ia bergabung dengan Persibat Batang.") == [("org", "Persibat Batang")]
    assert _items("Harga naik 5 Persen Jakarta.")[-1] == ("place", "Jakarta")  # a word of the language


def test_radio_and_pemda_head_organizations():
    assert _items("Ia penyiar di Radio Prambors.") == [("org", "Radio Prambors")]
    assert _items("Bantuan dari Pemda Tasikmalaya tiba.") == [("org", "Pemda Tasikmalaya")]
