"""What a page says about its article: candidates reported as written, with where each came from."""

import lxml.html

from archive.readers.base import Meta
from archive.readers.html_meta import byline_date, displayed_headline, page_metadata

PAGE = """<html lang="id-ID"><head><title>Banjir Besar | Kabar Kota</title>
<meta property="og:title" content="Banjir Besar Melanda Kota">
<meta property="og:site_name" content="Kabar Kota"><meta http-equiv="content-language" content="id">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [{"@type": "NewsArticle",
 "headline": "Banjir Besar Melanda Kota &#8211; Warga Mengungsi", "datePublished": "2016-02-23T14:49:30+07:00"}]}
</script></head>
<body><div class="date">Selasa, 01 Maret 2016</div><div class="kicker-title">FOTO: Banjir Besar Melanda Kota</div>
<h1>Banjir Besar Melanda Kota</h1><div class="date">Selasa, 23 Februari 2016 14:49 WIB</div>
<p>Isi berita.</p></body></html>"""


def test_page_metadata_reports_every_candidate_with_its_origin():
    found = page_metadata(lxml.html.document_fromstring(PAGE))
    assert found == [
        Meta("language", "id-ID", "<html lang>"),
        Meta("title", "Banjir Besar | Kabar Kota", "<title>"),
        Meta("title", "Banjir Besar Melanda Kota", "og:title"),
        Meta("site", "Kabar Kota", "og:site_name"),
        Meta("language", "id", "content-language"),
        Meta("title", "Banjir Besar Melanda Kota – Warga Mengungsi", "json-ld headline"),
        Meta("published", "2016-02-23T14:49:30+07:00", "json-ld datePublished"),
        Meta("title", "Banjir Besar Melanda Kota", "<h1>"),
    ]


def test_displayed_headline_is_the_first_element_printing_a_title_part():
    tree = lxml.html.document_fromstring(PAGE)
    assert displayed_headline(tree, ["Banjir Besar Melanda Kota | Kabar Kota"]) == Meta(
        "title", "FOTO: Banjir Besar Melanda Kota", "displayed")
    assert displayed_headline(tree, ["Kabar Kota"]) is None  # short parts (site names) are not looked for


def test_byline_date_is_the_first_date_element_after_the_headline_unparsed():
    tree = lxml.html.document_fromstring(PAGE)
    assert byline_date(tree) == Meta("published", "Selasa, 23 Februari 2016 14:49 WIB", "byline")
