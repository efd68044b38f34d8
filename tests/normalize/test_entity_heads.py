"""Place names opened by a head word (archive/normalize/entities/heads.py, lexicon/data/id/place_heads.txt)."""

from archive.normalize.entities import extract_entities
from archive.normalize.entities.segment import segment


def _items(text):
    return [(i.kind, i.surface) for i in segment(text, "id", learned=False)]


def test_the_head_outweighs_an_apposition_after_one_word():
    # ", Kepala Dusun ..." after "Kleben" reads like an apposition naming a person; "Dusun" says a hamlet
    text = "Balai desa terletak di Dusun Kleben, Kepala Dusun Kleben adalah Ibu Ratminingsih."
    assert _items(text)[:2] == [("place", "Dusun Kleben"), ("place", "Dusun Kleben")]


def test_a_name_after_a_head_ends_at_a_function_word():
    # title case, as some sites write whole sentences
    assert _items("Kerajaan Banggai Pada Saat itu dipimpin raja.")[0] == ("place", "Kerajaan Banggai")
    assert _items("Warga Desa Suka Maju Jaya panik.") == [("place", "Desa Suka Maju Jaya")]


def test_caves_districts_and_kingdoms_are_places():
    assert _items("Di sana ada Gua Panggung dan Goa Lawa.") == [("place", "Gua Panggung"), ("place", "Goa Lawa")]
    places = {(e.name, e.aliases) for e in extract_entities(
        ["Ibu kota Kerajaan Banggai dipindahkan ke Luwuk.", "Distrik Wamena diguyur hujan."], "id")[0]
        if e.type == "place"}
    # an administrative head keys the place by the unit's name ("Kerajaan Banggai" is Banggai)
    assert ("Banggai", ("Kerajaan Banggai",)) in places and ("Wamena", ("Distrik Wamena",)) in places


def test_a_polity_head_opens_a_name_only_when_capitalized():
    assert _items("Gong itu bercerita tentang kerajaan Bolano.")[-1][1] == "Bolano"


def test_ibu_kota_is_the_capital_not_a_title():
    assert ("person", "Kerajaan Banggai") not in _items("Ibu Kota Kerajaan Banggai dipindahkan ke Luwuk.")
    assert _items("Ibu Iriana hadir.") == [("person", "Iriana")]
