"""Names listed together share a type (archive/normalize/entities/lists.py)."""

from archive.normalize.entities.items import Item
from archive.normalize.entities.lists import with_lists
from archive.normalize.entities.segment import segment


def kinds(text, learned=False):
    return [(it.surface, it.kind) for it in segment(text, "id", learned=learned)]


def test_a_head_word_opening_a_list_types_every_name_of_it():
    found = kinds("Kecamatan ini terbagi atas Desa Watugajah, Plasan, Gunungcilik dan Jelok.")
    assert [s for s, k in found if k == "place"] == ["Desa Watugajah", "Plasan", "Gunungcilik", "Jelok"]


def test_two_names_typed_alike_lend_their_type_to_the_rest():
    text = "Ia belajar bersama Budi Santoso, Qixiang dan Joko Widodo."
    items = [Item("person", 19, 31, "Budi Santoso"), Item("run", 33, 40, "Qixiang"),
             Item("person", 45, 56, "Joko Widodo")]
    assert [it.kind for it in with_lists(text, items, "id")] == ["person", "person", "person"]


def test_one_typed_name_may_be_what_the_list_is_said_of():
    found = kinds("Dua produsen asal China, Wulingo dan Sokonindo, mulai meramaikan pasar.")
    assert ("Wulingo", "place") not in found and ("Sokonindo", "place") not in found


def test_mixed_types_two_names_and_ordinary_words_lend_nothing():
    text = "Ia belajar bersama Budi Santoso, Qixiang dan Jakarta."
    items = [Item("person", 19, 31, "Budi Santoso"), Item("run", 33, 40, "Qixiang"),
             Item("place", 45, 52, "Jakarta")]
    assert [it.kind for it in with_lists(text, items, "id")] == ["person", "run", "place"]
    pair = [Item("person", 0, 4, "Budi"), Item("run", 9, 16, "Qixiang")]
    assert [it.kind for it in with_lists("Budi dan Qixiang", pair, "id")] == ["person", "run"]  # two are no list
    found = kinds("Kata Badan Meteorologi, Klimatologi, dan Geofisika (BMKG) hari ini.")
    assert ("Klimatologi", "org") not in found
