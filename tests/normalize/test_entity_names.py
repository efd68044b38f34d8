"""Name keys and forms the resolver compares (archive/normalize/entities/names.py)."""

from archive.normalize.entities.names import core, is_acronym, name_set, person_key


def test_an_organizations_core_name_drops_its_legal_forms():
    assert core("PT Astra Otoparts Tbk") == core("Astra Otoparts") == "astra otoparts"


def test_keys_and_word_sets():
    assert person_key("Joko  Widodo") == "person:joko widodo"
    assert name_set("Kassym-Jomart Tokayev") == {"kassym", "jomart", "tokayev"}
    assert is_acronym("KPK") and is_acronym("S.E.C.") and not is_acronym("Bank Mandiri") and not is_acronym("Kpk")
