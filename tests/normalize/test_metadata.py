"""Title and author decisions from the reader's candidates (no site is named in the rules)."""

import pytest

from archive.normalize.language import language_code
from archive.normalize.metadata import decide_authors, decide_title
from archive.readers.base import Meta


def _titles(*pairs):
    return [Meta("title", value, origin) for origin, value in pairs]


def test_printed_headline_confirmed_by_metadata_wins_over_labelled_metadata():
    candidates = _titles(("<title>", "Bikin Gaduh Kota, Rumah Penyanyi Digrebek - KapanLagi.com"),
                         ("og:title", "Kapanlagi.com: Musik - Bikin Gaduh Kota, Rumah Penyanyi Digrebek"),
                         ("<h1>", "Bikin Gaduh Kota, Rumah Penyanyi Digrebek"))
    assert decide_title(candidates, [], "https://musik.kapanlagi.com/x") == "Bikin Gaduh Kota, Rumah Penyanyi Digrebek"


def test_kicker_printed_with_the_headline_is_kept_and_a_logo_h1_is_not_the_title():
    candidates = _titles(("<title>", "KPK Periksa Pejabat yang Tertangkap OTT | Republika Online"),
                         ("<h1>", "Inpicture"),
                         ("displayed", "In Picture: KPK Periksa Pejabat yang Tertangkap OTT"))
    assert decide_title(candidates, [], "http://www.republika.co.id/x") == (
        "In Picture: KPK Periksa Pejabat yang Tertangkap OTT")


def test_exact_printed_headline_beats_a_longer_confirmed_one():
    candidates = _titles(("og:title", "Sering Depresi Berat, Hati-Hati Diabetes!"),
                         ("<h1>", "Okezone Sering Depresi Berat, Hati-Hati Diabetes! - Health :: Okezone Lifestyle"),
                         ("<h1>", "Sering Depresi Berat, Hati-Hati Diabetes!"))
    assert decide_title(candidates, [], None) == "Sering Depresi Berat, Hati-Hati Diabetes!"


@pytest.mark.parametrize(("title", "sites", "url", "expected"), [
    ("Harbour reopens after storm | Coast News", ["Coast News"], None, "Harbour reopens after storm"),
    ("BBC News - Harbour reopens after storm", ["BBC News"], "https://www.bbc.co.uk/news/1", "Harbour reopens after storm"),
    ("Harbour reopens - Republika Online", [], "http://republika.co.id/x", "Harbour reopens"),  # domain's own name
    ("LinkNaija | Popular news: Harbour reopens", ["LinkNaija | Popular news"], None, "Harbour reopens"),
    ("Putin: 'We will not give up'", [], None, "Putin: 'We will not give up'"),  # a colon in the headline stays
    ("Kompas.com raih penghargaan", [], "https://kompas.com/x", "Kompas.com raih penghargaan"),
])
def test_metadata_title_without_site_parts(title, sites, url, expected):
    assert decide_title(_titles(("og:title", title)), sites, url) == expected


def test_no_candidates_no_title():
    assert decide_title([], ["Site"], None) is None


def test_authors_from_the_first_origin_split_and_once_each():
    candidates = [Meta("author", "Jane Roe; John Doe", "page metadata"), Meta("author", "jane roe", "page metadata"),
                  Meta("author", "Someone Else", "json byline")]
    assert decide_authors(candidates) == ["Jane Roe", "John Doe"]
    assert decide_authors([]) == []


@pytest.mark.parametrize(("tag", "code"), [("en-GB", "en"), ("id_ID", "id"), ("in", "id"), ("english", None),
                                           ("", None), (None, None)])
def test_language_codes(tag, code):
    assert language_code(tag) == code
