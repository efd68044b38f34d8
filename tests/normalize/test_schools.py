"""School names as one organization (archive/normalize/entities/schools.py), and the head words that
make a known place part of another name (a lake, an airport)."""

import pytest

from archive.normalize.entities import extract_entities


def spans(text, language="id"):
    _, mentions = extract_entities([text], language)
    return {(m.surface, m.entity_key.split(":")[0]) for m in mentions}


@pytest.mark.parametrize("text, school", [
    ("Ia bersekolah di SMA Negeri 6 Jakarta sebelum kuliah.", "SMA Negeri 6 Jakarta"),
    ("Ia lulus dari SMPN 5 Padang tahun lalu.", "SMPN 5 Padang"),
    ("Ia lulus dari SDN Ketabang Surabaya tahun lalu.", "SDN Ketabang Surabaya"),
    ("Ia mengajar di MTs Negeri 2 Kudus sejak 2010.", "MTs Negeri 2 Kudus"),
    ("Siswa Sekolah Menengah Atas Negeri 48 Jakarta ikut lomba.", "Sekolah Menengah Atas Negeri 48 Jakarta"),
    ("Warga Jakarta dan SMA Santa Maria ikut lomba.", "SMA Santa Maria"),
])
def test_a_school_is_one_organization_with_its_town(text, school):
    found = spans(text)
    assert (school, "organization") in found
    assert not any(kind == "place" and surface in school for surface, kind in found)  # the town is in the name


def test_a_kind_of_school_alone_or_written_as_a_word_is_no_school():
    assert not any("SMA" in s for s, _ in spans("Ia lulus SMA pada 2010 di Bandung."))
    assert ("Man Utd", "organization") not in spans("Fans Man Utd bersorak di Bandung.")


def test_a_feature_head_before_a_known_place_names_another_place():
    assert ("Danau Poso", "place") in spans("Mereka berlibur ke Danau Poso bersama keluarga.")
    _, mentions = extract_entities(["Mereka berlibur ke Danau Poso lalu pulang ke Poso."], "id")
    assert len({m.entity_key for m in mentions}) == 2  # the lake and the town are two places
    # an island keeps the key of the place it is named after ("Pulau Bali" is Bali)
    assert {m.entity_key for m in extract_entities(["Ia terbang ke Pulau Bali."], "id")[1]} == \
        {m.entity_key for m in extract_entities(["Ia terbang ke Bali."], "id")[1]}


def test_bandar_udara_is_an_airport_and_bandar_lampung_a_city():
    assert ("Bandar Udara Sentani Jayapura", "organization") in spans("Pesawat mendarat di Bandar Udara Sentani Jayapura.")
    assert ("Bandar Lampung", "place") in spans("Ia tinggal di Bandar Lampung sejak kecil.")
