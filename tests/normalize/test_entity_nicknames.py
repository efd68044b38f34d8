"""Another name of the same person given in the text (archive/normalize/entities/nicknames.py)."""

from archive.normalize.entities import extract_entities
from archive.normalize.entities.items import Item
from archive.normalize.entities.nicknames import with_nicknames


def people(paragraphs, language="id"):
    entities, mentions = extract_entities(paragraphs, language)
    return ({e.name: e.aliases for e in entities if e.type == "person"},
            [(m.surface, m.entity_key) for m in mentions if m.entity_key.startswith("person:")])


def test_a_name_after_alias_is_the_same_person_and_so_are_its_later_uses():
    found, mentions = people([
        "Angie bersaksi untuk Andi Zulkarnaen Mallarangeng alias Choel Mallarangeng, adik Andi Alifian Mallarangeng.",
        "Sidang kasus Choel digelar hari ini."])
    assert set(found) == {"Andi Zulkarnaen Mallarangeng", "Andi Alifian Mallarangeng"}
    assert "Choel Mallarangeng" in found["Andi Zulkarnaen Mallarangeng"]
    choel = [key for surface, key in mentions if surface.startswith("Choel")]
    assert choel == ["person:andi zulkarnaen mallarangeng"] * 2


def test_the_cues_of_both_languages_and_an_untyped_first_name():
    found, _ = people(["Polisi menangkap Ahmad Sutrisno alias Mamat di rumahnya.", "Mamat mengaku menyesal."])
    assert list(found) == ["Ahmad Sutrisno"] and "Mamat" in found["Ahmad Sutrisno"]
    found, _ = people(["Siti, yang akrab disapa Ucok, tiba di Medan."])
    assert list(found) == ["Siti"]
    found, _ = people(["Marshall Mathers, also known as Eminem, said he was tired."], "en")
    assert list(found) == ["Marshall Mathers"] and "Eminem" in found["Marshall Mathers"]


def test_only_two_adjacent_names_joined_by_a_cue_are_marked():
    text = "Budi dan Ali alias Ucok datang."
    items = [Item("run", 0, 4, "Budi"), Item("run", 9, 12, "Ali"), Item("run", 19, 23, "Ucok")]
    marked = with_nicknames(text, items)
    assert [(it.kind, it.refers) for it in marked] == [("run", None), ("person", None), ("person", "Ali")]
    plain = [Item("place", 0, 4, "Bali"), Item("run", 11, 15, "Ucok")]
    assert with_nicknames("Bali alias Ucok", plain) == plain  # a place has no alias of a person
