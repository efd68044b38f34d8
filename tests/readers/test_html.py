"""HTML reader: real Indonesian and English news pages against their gold, plus hand-made bad inputs."""

import datetime as dt
import json
import re
from pathlib import Path

import pytest

from archive.errors import InputError
from archive.normalize.pipeline import normalize
from archive.readers import read_file
from archive.readers.base import Meta
from archive.readers.html import decode_html, extract_html
from archive.readers.html_cleanup import clean_paragraphs

DATA = Path(__file__).parent.parent / "data"
ID_HTML = DATA / "corpora" / "id-html"
EN_HTML = DATA / "corpora" / "en-html"
FORMATS = DATA / "formats"


def _gold(corpus: Path) -> list[dict]:
    rows = [json.loads(line) for line in (corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines()]
    return [row for row in rows if (corpus / row["file"]).is_file()]


def _words(text: str) -> str:
    return " ".join(re.findall(r"\w+", text.lower()))


def _read_one(path: Path):
    (document,) = list(read_file(path))
    return document


TODAY = dt.date(2026, 11, 26)


def _article(path: Path):
    """The page as ingest stores it: the normalizer decides title, date and language from the reader's candidates."""
    return normalize(_read_one(path), today=TODAY)


ID_GOLD = _gold(ID_HTML)


@pytest.mark.parametrize("gold", ID_GOLD, ids=lambda g: g["file"])
def test_indonesian_page_metadata(gold):
    document = _read_one(ID_HTML / gold["file"])
    assert document.format == "html"
    assert document.text == "\n".join(document.paragraphs)
    article = normalize(document, today=TODAY)
    assert article.published == gold["published"][:10]  # gold is an ISO datetime in UTC+7
    # kompas and kapanlagi declare lang="en" over Indonesian text: the text wins.
    assert article.language == ("en" if gold["file"] == "tempoen-singlepage.html" else "id")
    # Section labels and site names go ("Musik - ", "| Republika Online"); a kicker printed with the headline stays.
    assert _words(article.title) == _words(gold["title"])


@pytest.mark.parametrize("gold", ID_GOLD, ids=lambda g: g["file"])
def test_indonesian_page_body_is_clean(gold):
    document = _read_one(ID_HTML / gold["file"])
    for paragraph in document.paragraphs:
        assert paragraph == paragraph.strip() and paragraph
        assert not re.match(r"(?i)baca juga|share|bagikan|copyright|©", paragraph)
        # no timestamps of related-article lists ("Kamis, 05/11/2015 09:25 WIB")
        assert not re.fullmatch(r"\w+ ?, \d\d/\d\d/\d{4} \d\d:\d\d WIB", paragraph)


BODY_PARAGRAPHS = [
    ("antara-singlepage.html", "Menurut dia, akibat penutupan operasional bandara, sebanyak 27 penerbangan domestik"),
    ("kompas-singlepage5.html", "Tahun depan, dua produsen otomotif asal China, SAIC-GM-Wuling dan Sokonindo Indonesia"),
    ("antara-singlepage4.html", "Untuk memproduksi ban yang diklaim berkualitas premium itu, Astra Otoparts bekerja sama"),
    ("kapanlagi-singlepage.html", "putra sulung aktor Fery Salim, rupanya semakin mantap menekuni dunia hiburan"),
    ("detik-singlepage.html", "Samsung menyatakan bahwa tiga celah keamanan yang masih ada akan diperbaiki"),
]


@pytest.mark.parametrize(("file", "start"), BODY_PARAGRAPHS)
def test_indonesian_lead_and_body_paragraphs_are_kept(file, start):
    """Lead paragraphs in loose <div> text (kompas, kapanlagi, antara) used to be lost."""
    document = _read_one(ID_HTML / file)
    assert any(_words(start) in _words(p) for p in document.paragraphs)


def test_detik_related_list_and_pager_are_dropped():
    document = _read_one(ID_HTML / "detik-singlepage.html")
    # the lone "Jakarta -" dateline paragraph is joined to the lead; the "Berita Utama" label above it is gone
    assert document.paragraphs[0].startswith("Jakarta - Galaxy S6 Edge, dengan material premium")
    assert any(p.endswith("tambah raksasa elektronik asal Korea Selatan ini.") for p in document.paragraphs)
    assert not any(re.fullmatch(r"\d+", p) for p in document.paragraphs)
    # the "Pro Kontra" sidebar teaser (loose text under a linked <h4>) is not wrapped into a paragraph
    assert document.paragraphs[-1].startswith("Samsung menyarankan agar pengguna")


def test_every_gold_paragraph_of_antara_is_extracted_in_order():
    gold = next(g for g in ID_GOLD if g["file"] == "antara-singlepage.html")
    document = _read_one(ID_HTML / gold["file"])
    assert [_words(p) for p in document.paragraphs] == [_words(p) for p in gold["content"].split("\n")]
    assert document.url is None or document.url.startswith("http")
    assert document.source  # site name from metadata


@pytest.mark.parametrize("gold", _gold(EN_HTML)[:10], ids=lambda g: g["file"][:12])
def test_english_page_body_overlaps_gold(gold):
    document = _read_one(EN_HTML / gold["file"])
    gold_words = set(re.findall(r"\w+", gold["body"].lower()))
    got_words = set(re.findall(r"\w+", document.text.lower()))
    assert len(gold_words & got_words) / len(gold_words) > 0.8
    assert document.values("title")


def test_english_canonical_url():
    gold = next(g for g in _gold(EN_HTML) if g["file"].startswith("042bb7b5"))
    document = _read_one(EN_HTML / gold["file"])
    assert document.url == gold["url"]
    assert document.source == "Wall Street Journal"
    assert normalize(document, today=TODAY).language == "en"


def test_cp1252_page_with_meta_charset():
    raw = (FORMATS / "cp1252.html").read_bytes()
    with pytest.raises(UnicodeDecodeError):
        raw.decode("utf-8")
    document = _read_one(FORMATS / "cp1252.html")
    assert "le gérant du café a déclaré « tout va bien » – et" in document.text
    article = normalize(document, today=TODAY)
    assert article.title == "Le café naïve"  # " – Journal" site suffix removed
    assert (article.language, article.language_from) == ("fr", "metadata")
    assert (article.published, article.published_from) == ("2019-03-04", "metadata")
    assert "Accueil" not in document.text and "© 2019" not in document.text
    assert len(document.paragraphs) == 4


def test_declared_latin1_is_read_as_cp1252():
    assert decode_html("<meta charset='iso-8859-1'><p>\u201cquoted\u201d caf\u00e9</p>".encode("cp1252")).endswith(
        "<p>\u201cquoted\u201d caf\u00e9</p>")


def test_future_date_is_rejected_and_site_parts_are_read():
    document = _read_one(FORMATS / "future_date.html")
    assert Meta("published", "2999-01-01", "page metadata") in document.metadata  # reported as the page says
    article = normalize(document, today=TODAY)
    assert article.published is None  # ... and rejected by the normalizer
    assert article.title == "Harbour reopens after storm"
    assert document.url == "https://www.coastnews.example/2021/harbour-reopens"
    assert document.source == "Coast News"
    assert article.language == "en"
    assert len(document.paragraphs) == 5
    assert not any("Share" in p or "Tweet" in p or p == "Home" for p in document.paragraphs)


def test_truncated_page_keeps_what_arrived():
    document = _read_one(FORMATS / "truncated.html")
    assert [p[:17] for p in document.paragraphs] == ["Sentence number 1", "Sentence number 2"]
    assert normalize(document, today=TODAY).published == "2021-06-02"


@pytest.mark.parametrize(
    ("file", "reason"),
    [("empty.html", "empty"), ("binary.html", "binary"), ("not_html.html", "not an HTML page")],
)
def test_bad_files_raise_input_error(file, reason):
    with pytest.raises(InputError, match=reason):
        list(read_file(FORMATS / file))


def test_page_without_article_text_raises_input_error():
    with pytest.raises(InputError, match="no article text"):
        extract_html("<html><body><nav><a href='/'>Home</a></nav></body></html>", "x.html")


def test_extract_html_url_overrides_canonical_and_sets_record():
    html = (FORMATS / "future_date.html").read_text()
    document = extract_html(html, "archive.warc", record=7, url="https://mirror.example/x")
    assert (document.url, document.record, document.source_path) == ("https://mirror.example/x", 7, "archive.warc")


LEAD = "Polisi menyerahkan tersangka bersama senjata api ke kejaksaan negeri pada hari Rabu kemarin."


@pytest.mark.parametrize("caption", [
    "Penyidik menyerahkan senjata AK 56 ke Kejaksaan Negeri Lhoksukon, Rabu (4/11/2015)",  # no full stop
    "Menteri berkunjung ke pabrik di Qingdao, Jumat (4/12).",  # a sentence, still above the dateline
])
def test_caption_above_the_dateline_is_dropped(caption):
    lines = ["Berita Utama", caption, f"LHOKSEUMAWE, KOMPAS.com - {LEAD}", "Kalimat kedua berita ini."]
    assert clean_paragraphs(lines) == lines[2:]
    lines = [caption, f"Jakarta, KompasOtomotif – {LEAD}"]
    assert clean_paragraphs(lines) == lines[1:]


def test_long_paragraph_before_a_dateline_stays():
    standfirst = " ".join(["word"] * 70) + "."
    lines = [standfirst, f"WASHINGTON (Reuters) - {LEAD}"]
    assert clean_paragraphs(lines) == lines


def test_lone_dateline_is_joined_to_the_lead_and_labels_above_go():
    assert clean_paragraphs(["FotoBisnis", "Jakarta -", LEAD]) == [f"Jakarta - {LEAD}"]


def test_label_above_the_repeated_headline_is_dropped():
    lines = ["Berita", "Jamaah Haji Ikuti Pemeriksaan", LEAD]
    assert clean_paragraphs(lines, ["Jamaah Haji Ikuti Pemeriksaan | Republika"]) == [LEAD]


@pytest.mark.parametrize("widget", [
    "telah dilihat 15085 kali", "1,234 views", "Like (0)", "Credits (2)", "Rate artikel ini", "Popular Videos",
    "hubungi : sales[at]detik.com", "Informasi pemasangan iklan",
])
def test_widgets_and_contact_footers_are_dropped(widget):
    assert clean_paragraphs([LEAD, widget]) == [LEAD]


@pytest.mark.parametrize("kept", ["KONTAK: info@example.org", "Kristine Phillips contributed (2)."])
def test_plain_contact_lines_and_sentences_stay(kept):
    assert clean_paragraphs([LEAD, kept]) == [LEAD, kept]


@pytest.mark.parametrize("signature", ["DINI TEJA", "ANTARA", "(Cas/Isk)"])
def test_signature_after_the_last_sentence_is_dropped(signature):
    assert clean_paragraphs([LEAD, signature]) == [LEAD]
    assert clean_paragraphs([LEAD, "BOYS SOCCER", "Viera d. Rockledge 3-1"])[-1] == "Viera d. Rockledge 3-1"


def test_gallery_page_without_running_text_takes_its_description():
    document = _read_one(ID_HTML / "liputan6-singlepage3.html")
    assert document.paragraphs == (
        "Penyanyi Taylor Swift (kanan) memeluk Selena Gomez saat berpose di karpet merah Grammy Awards ke-58 di "
        "Staples Center, Los Angeles, Senin (15/2). (REUTERS / Danny Moloshok)",
    )


def test_label_runs_are_not_wrapped_into_paragraphs():
    """detik's "<strong>MustRead</strong> <a>close</a>" box and section label are no paragraphs of the story."""
    document = _read_one(ID_HTML / "detik-singlepage2.html")
    assert document.paragraphs[0].startswith("PT PLN hari ini resmi mengoperasikan Gardu Induk")
    assert not any("close" in p or "iklan" in p or "[at]" in p for p in document.paragraphs)


def test_html_comments_inside_a_paragraph_do_not_cut_it():
    # Server-side renderers leave empty comments between text nodes ("Once again, <!-- -->I’m not..."); trafilatura
    # kept only the text before the first one ("Once again,").
    document = _read_one(EN_HTML / "5fa5679de56c43edf70685762c2d1f2de296432ae53aa46e075b552fee17cab8.html")
    lead = next(p for p in document.paragraphs if p.startswith("Once again,"))
    assert lead.startswith("Once again, I’m not complaining. As one of the many thousands of people")


def test_hover_card_link_lists_inside_a_paragraph_are_dropped():
    card = ('<span class="card"><a href="/p/jane">Jane Doe</a><a href="/1">Senate passes the budget after a long night</a>'
            ' <a href="/2">Governor signs the water bill into law</a></span>')
    sentence = f'Rep. <a href="/p/jane">Jane Doe</a>{card} said on Tuesday the vote would be held next week in the capital.'
    html = f"<html><body><article>{''.join(f'<p>{sentence} ({n})</p>' for n in range(5))}</article></body></html>"
    document = extract_html(html, "x.html")
    assert document.paragraphs[0] == "Rep. Jane Doe said on Tuesday the vote would be held next week in the capital. (0)"


def test_a_phrase_linked_in_a_sentence_stays():
    sentence = ('The minister <span><a href="/a">defended the plan</a> and <a href="/b">the budget</a></span> before '
                'parliament on Tuesday, saying it would pass.')
    html = f"<html><body><article>{''.join(f'<p>{sentence} ({n})</p>' for n in range(5))}</article></body></html>"
    assert extract_html(html, "x.html").paragraphs[0] == sentence.replace('<span><a href="/a">', "").replace(
        '</a> and <a href="/b">', " and ").replace("</a></span>", "") + " (0)"
