"""Typing one name run after a title, a role or a noun (archive/normalize/entities/runs.py)."""

from archive.normalize.entities.segment import segment


def _items(text):
    return [(i.kind, i.surface) for i in segment(text, "id", learned=False)]


def test_one_word_after_a_village_head_title_is_the_village():
    assert _items("Kepala Desa Kombutokan ditemui kemarin.") == [("place", "Desa Kombutokan")]
    # the office holder in apposition keeps the title
    assert _items("Kepala Desa Suren, Sutarno, mengatakan warga panik.") == [
        ("place", "Desa Suren"), ("person", "Sutarno")]


def test_an_ordinary_word_after_the_title_is_a_village_only_before_an_apposition():
    assert _items("Kepala Desa Setempat mengatakan warga panik.") == []


def test_a_longer_name_or_a_first_name_after_the_title_is_the_office_holder():
    assert _items("Kepala Desa Slamet Riyadi meresmikan jembatan.") == [("person", "Slamet Riyadi")]
    assert _items("Kepala Desa Budi meresmikan jembatan.") == [("person", "Budi")]
    # towns are in the gazetteer: "Wali Kota" before an unknown word is the mayor
    assert _items("Wali Kota Risma meninjau lokasi.") == [("person", "Risma")]


def test_warga_names_where_people_live_not_who_they_are():
    assert ("place", "Desa Kedungbulus") in _items("Pelaku, Wardi (25), warga Desa Kedungbulus, ditangkap.")
    assert ("person", "Kedungbulus") not in _items("Pelaku adalah warga Kedungbulus.")


def test_a_two_word_organization_noun_names_an_organization():
    # org_nouns.txt writes two-word nouns with "_" ("grup_musik", "label_rekaman")
    assert _items("Ia vokalis grup musik Kotak asal Jakarta.")[0] == ("org", "Kotak")
    assert _items("Dirilis oleh label rekaman Aquarius Musikindo.") == [("org", "Aquarius Musikindo")]
