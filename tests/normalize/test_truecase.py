"""Names in caseless text (archive/normalize/entities/truecase.py): detection, each named rule, and
the extractor reading the restored copy while mentions keep the article's own letters."""

import pytest

from archive.normalize.entities import extract_entities, truecase

LOWER = ["presiden joko widodo mengunjungi kabupaten sragen dan kota malang, jawa barat, pada senin.",
         "mahkamah konstitusi (mk) menolak gugatan itu; juru bicara mk mengatakan dpr sudah diberi tahu."]


def test_an_article_without_capitals_is_caseless_and_ordinary_news_is_not():
    assert truecase.caseless(LOWER)
    assert not truecase.caseless(["Presiden Joko Widodo mengunjungi Kabupaten Sragen dan Kota Malang pada "
                                  "Senin, kata juru bicara Istana kepada wartawan di Jakarta."])
    assert not truecase.caseless(["terlalu pendek untuk dinilai"])  # too few words to judge


@pytest.mark.parametrize("text, expected", [
    ("dia tinggal di jawa barat sejak kecil", "dia tinggal di Jawa Barat sejak kecil"),  # gazetteer-place
    ("ekspor indonesia naik", "ekspor Indonesia naik"),  # a country, though it is in the word list
    ("ia pindah ke malang tahun lalu", "ia pindah ke Malang tahun lalu"),  # after a locative
    ("nasibnya sungguh malang tahun lalu", "nasibnya sungguh malang tahun lalu"),  # a word elsewhere
    ("warga kabupaten sragen dan kota lain", "warga Kabupaten Sragen dan kota lain"),  # place-head
    ("kuliah di universitas diponegoro", "kuliah di Universitas Diponegoro"),  # org-head
    ("sutradara mark herman datang", "sutradara Mark Herman datang"),  # given-name
    ("anggota dpr dari csto", "anggota DPR dari CSTO"),  # acronym
    ("menurut widodo kemarin", "menurut Widodo kemarin"),  # unknown-word
])
def test_each_rule_capitalizes_only_the_name(text, expected):
    assert truecase.restore(text, "id") == expected


def test_defined_acronyms_are_written_in_capitals_everywhere_with_their_names():
    acronyms = truecase.defined_acronyms(LOWER)
    assert acronyms == {"mk": 2}
    assert truecase.restore(LOWER[1], "id", acronyms).startswith("Mahkamah Konstitusi (MK) menolak")
    assert "juru bicara MK mengatakan DPR" in truecase.restore(LOWER[1], "id", acronyms)


def test_restoring_never_moves_an_offset():
    text = "straße di ﬁrma weiß, di jawa barat ǆemal"  # letters whose upper case is longer stay as they are
    assert len(truecase.restore(text, "id")) == len(text)


def test_caseless_article_gets_the_entities_of_its_cased_twin_with_its_own_letters():
    cased = [p.replace("presiden joko widodo", "Presiden Joko Widodo") for p in LOWER]
    entities, mentions = extract_entities(LOWER, "id")
    keys = {e.key for e in entities}
    assert {"person:joko widodo", "organization:mahkamah konstitusi", "place:jawa barat"} <= keys
    assert {e.name for e in entities} >= {"Joko Widodo", "Jawa Barat"}
    for m in mentions:  # surfaces are the article's own (lower-case) letters at the same offsets
        assert LOWER[m.paragraph][m.start:m.end] == m.surface and m.surface == m.surface.lower()
    # the same person links to the cased article's key, so the archive counts one entity
    assert "person:joko widodo" in {e.key for e in extract_entities(cased, "id")[0]}


def test_cased_text_is_read_as_written():
    text = ["Warga kota malang di Jawa Timur berkumpul, kata Bupati Sanusi kepada wartawan pada Senin pagi."]
    assert not truecase.caseless(text)
    entities, _ = extract_entities(text, "id")
    assert "Malang" not in {e.name for e in entities}  # lower-case "malang" stays a word in cased text
