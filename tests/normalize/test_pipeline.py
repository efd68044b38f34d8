"""The seed article normalizes to exactly its gold fields; layouts beyond the seed too."""

import datetime as dt

import pytest

from archive.errors import InputError
from archive.normalize.pipeline import normalize
from archive.readers import read_file
from archive.readers.base import Meta, RawDocument
from tests.conftest import SEED_FILE


def _ws(text: str) -> str:
    return " ".join(text.split())


@pytest.fixture(scope="module")
def seed_article():
    return normalize(next(read_file(SEED_FILE)))


def test_seed_metadata_matches_gold(seed_article, seed_gold):
    assert seed_article.title == seed_gold["title"]
    assert seed_article.dateline == seed_gold["dateline"]
    assert seed_article.published == seed_gold["date"]
    assert seed_article.published_from == "text"
    assert seed_article.language == seed_gold["language"]
    assert seed_article.language_from == "detected"
    assert seed_article.editor == seed_gold["editor"]
    assert seed_article.related == seed_gold["related"]


def test_seed_paragraphs_match_gold_once_each_in_order(seed_article, seed_gold):
    assert [_ws(p) for p in seed_article.paragraphs] == [_ws(p) for p in seed_gold["paragraphs"]]


def test_seed_furniture_is_gone(seed_article, seed_gold):
    body = "\n".join(seed_article.paragraphs)
    for line in seed_gold["removed_lines"]:
        if len(line) > 1:
            assert line not in body


def _doc(text: str, **kw) -> RawDocument:
    return RawDocument(source_path="x.txt", text=text, format="txt", **kw)


def test_genuinely_repeated_sentence_in_different_paragraphs_is_kept():
    sentence = "Harga beras naik lagi minggu ini di seluruh pasar."
    text = f"Judul\n{sentence} Pedagang mengeluh.\nPara ibu rumah tangga cemas. {sentence}\n"
    article = normalize(_doc(text))
    assert len(article.paragraphs) == 2


def test_english_layout_with_byline_and_reuters_dateline():
    text = (
        "Markets rally as inflation cools\n\nBy Jane Doe and John Roe\n\n"
        "LONDON (Reuters) - Stocks rose on Monday (10/1/2022) after data showed prices easing.\n\n"
        "ADVERTISEMENT\n\nAnalysts expect the central bank to hold rates steady this month.\n"
    )
    article = normalize(_doc(text), today=dt.date(2026, 1, 1))
    assert article.title == "Markets rally as inflation cools"
    assert article.authors == ["Jane Doe", "John Roe"]
    assert article.dateline == "LONDON"
    assert article.paragraphs[0].startswith("Stocks rose")
    assert article.published == "2022-01-10"  # the weekday settles the day/month order
    assert article.language == "en"
    assert len(article.paragraphs) == 2


TODAY = dt.date(2026, 11, 26)
TEXT = "Judul\nPada 5 Maret 2021 terjadi banjir besar di kota itu kemarin sore."


def test_metadata_date_wins_and_future_metadata_date_is_rejected():
    doc = _doc(TEXT, metadata=(Meta("published", "2020-02-02", "json date"),))
    assert (normalize(doc, today=TODAY).published, normalize(doc, today=TODAY).published_from) == (
        "2020-02-02", "metadata")
    future = _doc(TEXT, metadata=(Meta("published", "2026-11-27", "json date"),))  # the day after TODAY
    article = normalize(future, today=TODAY)
    assert (article.published, article.published_from) == ("2021-03-05", "text")
    assert normalize(future, today=dt.date(2026, 11, 27)).published == "2026-11-27"  # today pins the bound


def test_declared_language_stands_unless_the_text_is_plainly_another():
    body = " ".join(["Pemerintah daerah menyatakan bahwa banjir besar melanda kota itu pada hari Senin kemarin."] * 6)
    declared_en = _doc(f"Judul\n{body}", metadata=(Meta("language", "en-US", "<html lang>"),))
    assert (normalize(declared_en).language, normalize(declared_en).language_from) == ("id", "detected")
    declared_in = _doc(f"Judul\n{body}", metadata=(Meta("language", "in", "content-language"),))
    assert (normalize(declared_in).language, normalize(declared_in).language_from) == ("id", "metadata")
    short = _doc("Judul\nBanjir besar.", metadata=(Meta("language", "en", "json language"),))
    assert (normalize(short).language, normalize(short).language_from) == ("en", "metadata")


@pytest.mark.parametrize("text", ["", "   \n\n ", "loading...\nA\nA\nA\n", "Just a title\n"])
def test_no_body_is_an_input_error(text):
    with pytest.raises(InputError):
        normalize(_doc(text))


def test_same_text_hashes_the_same_whatever_the_furniture():
    a = normalize(_doc("Judul\nloading...\nIsi berita yang cukup panjang untuk diuji di sini.\n(esn)"))
    b = normalize(_doc("Judul\nIsi berita yang cukup panjang untuk diuji di sini.\n"))
    assert a.content_hash == b.content_hash


def test_repeated_short_lines_of_a_list_are_kept():
    day = ["Meal 1", "Eat every 2–3 hours", "1 scoop protein, 1 cup strawberries", "Meal 2", "Eat every 2–3 hours"]
    text = "Meal plan\n" + "\n".join(day + ["Day two follows the same rhythm with other food."] + day) + "\n"
    article = normalize(_doc(text))
    assert len(article.paragraphs) == 2 * len(day) + 1


def test_related_link_inside_an_html_body_becomes_related():
    from archive.readers.html import extract_html

    body = "".join(
        f"<p>Paragraf {i} berita ini cukup panjang untuk dianggap sebagai teks utama oleh pengekstrak halaman.</p>"
        for i in range(4)
    )
    html = (
        "<html><head><title>Banjir di Jakarta</title></head><body><article><h1>Banjir di Jakarta</h1>"
        f"{body}<p>Baca juga: Harga Cabai Naik Lagi</p>{body.replace('Paragraf', 'Bagian')}</article></body></html>"
    )
    article = normalize(extract_html(html, "x.html"))
    assert article.related == ["Harga Cabai Naik Lagi"]
    assert not any("Baca juga" in p for p in article.paragraphs)
