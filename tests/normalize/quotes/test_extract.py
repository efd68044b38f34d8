"""Unit tests of the quote extractor: each attribution pattern, marks, offsets, and the seed."""

import json
import logging
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from archive.normalize.quotes import extract_quotes
from archive.normalize.quotes.extract import extract

SEED = json.loads((Path(__file__).parents[2] / "data" / "seed_gold.json").read_text(encoding="utf-8"))


def attributed(paragraphs, language):
    return [(q.paragraph, q.text, q.speaker, q.cue) for q in extract(paragraphs, language) if q.speaker]


def test_seed_exactly_the_gold_quotes():
    got = attributed(SEED["paragraphs"], "id")
    want = [(q["paragraph"], q["text"], q["speaker"], q["cue"]) for q in SEED["quotes"]]
    assert got == want


def test_seed_scare_quote_has_no_speaker():
    quotes = extract(SEED["paragraphs"], "id")
    assert all(q.speaker is None for q in quotes if q.text in SEED["not_quotes_with_speaker"])


@pytest.mark.parametrize("language", ["id", None])
def test_seed_offsets_hold(language):
    for q in extract(SEED["paragraphs"], language):
        assert SEED["paragraphs"][q.paragraph][q.start : q.end] == q.text


@pytest.mark.parametrize(
    "paragraphs, language, want",
    [
        (['"Harga naik,"  kata Budi Santoso.'], "id", [(0, "Harga naik", "Budi Santoso", "kata")]),
        (["“Kami siap,” ujar Kapolres Bogor AKBP Iman Imanuddin."], "id", [(0, "Kami siap", "Iman Imanuddin", "ujar")]),
        (["Gubernur Jawa Barat Ridwan Kamil hadir.", '"Kita mulai," lanjutnya.'], "id",
         [(1, "Kita mulai", "Ridwan Kamil", "lanjutnya")]),
        (['Menteri Keuangan Sri Mulyani mengatakan: "Defisit terkendali."'], "id",
         [(0, "Defisit terkendali.", "Sri Mulyani", "mengatakan")]),
        (['Menurut Budi Gunadi Sadikin, "vaksin aman".'], "id", [(0, "vaksin aman", "Budi Gunadi Sadikin", "menurut")]),
        (['Tokayev mengatakan negaranya melewati "upaya kudeta".'], "id", [(0, "upaya kudeta", "Tokayev", "mengatakan")]),
        (['"We are ready," said Prime Minister Keir Starmer.'], "en", [(0, "We are ready", "Keir Starmer", "said")]),
        (['"We are ready," the spokesman said.'], "en", [(0, "We are ready", "the spokesman", "said")]),
        (['Angela Merkel told Reuters: "We will manage."'], "en", [(0, "We will manage.", "Angela Merkel", "told")]),
        (['According to Greta Thunberg, "the house is on fire".'], "en",
         [(0, "the house is on fire", "Greta Thunberg", "according to")]),
        (["‘It is over,’ said Boris Johnson."], "en", [(0, "It is over", "Boris Johnson", "said")]),
        (["«Non,» a déclaré Macron. «Jamais,» said Emmanuel Macron."], None, [(0, "Jamais", "Emmanuel Macron", "said")]),
    ],
)
def test_patterns(paragraphs, language, want):
    assert attributed(paragraphs, language) == want


def test_pronoun_resolves_to_previous_speaker_and_fullest_name():
    paras = [
        "Russian President Vladimir Putin spoke on Monday.",
        '"The threat came from outside," Mr Putin said.',
        '"We acted quickly," he added.',
    ]
    assert attributed(paras, "en") == [
        (1, "The threat came from outside", "Vladimir Putin", "said"),
        (2, "We acted quickly", "Vladimir Putin", "added"),
    ]


def test_continued_quote_is_one_quote_per_paragraph_piece():
    paras = ['"Kami sudah bekerja keras.', '"Hasilnya akan terlihat tahun depan," kata Retno Marsudi.']
    assert attributed(paras, "id") == [
        (0, "Kami sudah bekerja keras.", "Retno Marsudi", "kata"),
        (1, "Hasilnya akan terlihat tahun depan", "Retno Marsudi", "kata"),
    ]


def test_split_quote_shares_the_speaker():
    paras = ['"Load shedding is a crisis," said Cyril Ramaphosa, "and we will treat it as such."']
    assert [q[2] for q in attributed(paras, "en")] == ["Cyril Ramaphosa", "Cyril Ramaphosa"]


@pytest.mark.parametrize(
    "text",
    [
        "Putin's critics say it's unlikely the students' union won't object.",
        "Salat Jum'at digelar; McDonald’s buka sampai pukul 22.00.",
        "Rock 'n' roll never dies.",
    ],
)
def test_apostrophes_never_open_quotes(text):
    assert extract([text], None) == []


@pytest.mark.parametrize(
    "text, language",
    [
        ('Rusia menyalahkan Barat karena mengobarkan apa yang disebut "revolusi warna".', "id"),
        ('Joko "Jokowi" Widodo meresmikan program "Kartu Prakerja".', "id"),
        ('The author said her novel, "The Silent River", took six years.', "en"),
        ('Officials blamed so-called "foreign agents" for the unrest.', "en"),
        ('"The bridge will reopen in March," he said.', "en"),
        ('"Sudah tiga hari air mati," kata mereka.', "id"),
    ],
)
def test_no_speaker_for_terms_titles_nicknames_and_unresolved(text, language):
    assert attributed([text], language) == []


def test_marks_are_excluded_and_trailing_comma_dropped():
    [q] = extract(['"Tentu saja, dari luar," kata Putin.'], "id")
    assert q.text == "Tentu saja, dari luar" and (q.start, q.end) == (1, 22)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=st.sampled_from(list('ab Cd"“”‘’\'«»,.:!?\n kata said Xy-é')), max_size=80), max_size=5),
       st.sampled_from(["id", "en", None, "fr"]))
def test_never_raises_and_offsets_hold(paragraphs, language):
    quotes = extract(paragraphs, language)
    for q in quotes:
        assert paragraphs[q.paragraph][q.start : q.end] == q.text
    assert quotes == sorted(quotes, key=lambda q: (q.paragraph, q.start))


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=60), max_size=4), st.sampled_from(["id", "en", None]))
def test_arbitrary_unicode(paragraphs, language):
    for q in extract_quotes(paragraphs, language):
        assert paragraphs[q.paragraph][q.start : q.end] == q.text
    extract(paragraphs, language)


# Failure modes seen on real article bodies (tests/data/quotes_real.jsonl).


def _speakers(paragraphs, language="en"):
    return [(q.text, q.speaker) for q in extract(paragraphs, language) if q.speaker]


def test_blank_lines_do_not_break_a_continued_quote():
    paras = ['Ms Persson said: "I would like to emphasise this.', "", '"Her statements have been coherent."']
    assert [s for _, s in _speakers(paras)] == ["Persson", "Persson"]


def test_appositive_and_descriptors_between_quote_and_verb():
    assert _speakers(['"We had issues," Mayer, the chairman of streaming, said Tuesday.']) == [("We had issues", "Mayer")]
    got = _speakers(['"We found water," lead researcher and NASA planetary scientist Lucas Paganini said.'])
    assert got == [("We found water", "Lucas Paganini")]


def test_sentence_initial_gerund_and_function_words_are_not_names():
    paras = [
        "Apple chief executive Tim Cook spoke on Tuesday.",
        'Hosting Cook at the conference "is our dream," Benioff said.',
        '"I can feel him here," Cook said.',
    ]
    assert _speakers(paras)[-1] == ("I can feel him here", "Tim Cook")


def test_title_inside_a_sentence_is_not_the_cue_subjects_words():
    paras = ['After hitting “Takin’ It To the Streets,” the singer told the audience, “that’s really good.”']
    assert _speakers(paras) == [("that’s really good.", "the singer")]


def test_determiner_phrase_speakers():
    assert _speakers(['"We’d be North Dakota," one user quipped.']) == [("We’d be North Dakota", "one user")]
    # a group speaks: the noun phrase as written (a bare "they" names nobody)
    assert _speakers(['"Flu season has begun," the doctors wrote.']) == [("Flu season has begun", "the doctors")]


def test_mashed_sentences_do_not_glue_names():
    text = '"Urbano aman di medan basah," jelas PT Evoluzione Alessandro Monzani.Sementara Sportivo adalah ban touring.'
    assert _speakers([text], "id") == [("Urbano aman di medan basah", "Alessandro Monzani")]


@pytest.mark.parametrize(
    "paragraphs, language, want",
    [
        # the sentence before the quote is reported speech: its subject said it
        (['Zulkifli Hasan mengatakan bahwa stok aman. "Masyarakat tidak perlu panik memborong beras."'], "id",
         [("Masyarakat tidak perlu panik memborong beras.", "Zulkifli Hasan")]),
        (["Kepala Dinas Anhar Hadian mengatakan kasus naik tajam.", '"Sebagian besar pasien adalah anak-anak."'], "id",
         [("Sebagian besar pasien adalah anak-anak.", "Anhar Hadian")]),
        # "X di Padang, Sabtu, mengatakan": the place after "di" is not the speaker
        (['Kepala BPBD Rudy Rinaldy di Padang, Sabtu, mengatakan banjir meluas.', '"Tim sudah di lokasi," ujar dia.'], "id",
         [("Tim sudah di lokasi", "Rudy Rinaldy")]),
        # nickname and shortened given name stand for the full name
        (["Muhammad Ramadhani, yang akrab disapa Dani, memulai usaha.", '"Awalnya iseng saja," kata Dani.'], "id",
         [("Awalnya iseng saja", "Muhammad Ramadhani")]),
        (["Dokter anak Rinawati Rohsiswatmo hadir.", '"Campak itu berbahaya," kata dr Rina.'], "id",
         [("Campak itu berbahaya", "Rinawati Rohsiswatmo")]),
        # an abbreviated title points back to the person introduced with that role
        (["Menteri Kesehatan Budi Gunadi Sadikin mengatakan dokter kurang.", '"Kita butuh waktu," kata Menkes.'], "id",
         [("Kita butuh waktu", "Budi Gunadi Sadikin")]),
        # a nested quote that ends the quote still carries the comma of the attribution
        (["“My first reaction was, ‘Oh no,’ ” Hege said."], "en", [("My first reaction was, ‘Oh no,’", "Hege")]),
        # a bare name opening the clause wins over the appositive that describes it
        (['Robertson, the U.S. commander, said: "We do not support forced relocations."'], "en",
         [("We do not support forced relocations.", "Robertson")]),
        # a month abbreviation does not end the sentence of the attribution
        (['"We are taking in billions," Mr. Trump said on Nov. 8. "I like our situation."'], "en",
         [("We are taking in billions", "Trump"), ("I like our situation.", "Trump")]),
    ],
)
def test_context_rules(paragraphs, language, want):
    assert _speakers(paragraphs, language) == want


def test_name_inside_a_modifier_is_not_the_subject():
    text = 'The authors of the study published in the journal JAMA Psychiatry argued it is "a potential public health concern."'
    assert _speakers([text], "en") == []


def test_two_subjects_joined_by_and_are_a_group():
    paras = ["As both NBC News and Bloomberg have reported, it is a risk.", '"I am so ahead of other parents," she said.']
    assert _speakers(paras, "en") == []


@pytest.mark.parametrize(
    "paragraphs, want",
    [
        # "it added" after a body named as the source of the previous quote; the article is dropped
        (['The decision was final, the Swedish Prosecution Authority said.', '"The evidence has weakened," it added.'],
         [("The evidence has weakened", "Swedish Prosecution Authority")]),
        # "they said in a statement": the body that last denied, known as a body by its apposition
        (["The group that owns her music, Big Machine, says she may play.", "Big Machine have twice denied it.",
          '"We never blocked her," they said in a statement.'],
         [("We never blocked her", "Big Machine")]),
        # a person as the nearest source makes "they" ambiguous: no speaker rather than a wrong one
        (["Kym Lino, a spokesperson for Instagram, confirmed the change.", '"We use a model," they said in an email.'], []),
    ],
)
def test_bodies_referred_to_as_it_or_they(paragraphs, want):
    assert _speakers(paragraphs, "en") == want


def test_acronym_speaker_only_as_the_subject():
    assert _speakers(['Untreated plague is "always fatal", says WHO.'], "en") == [("always fatal", "WHO")]
    assert _speakers(['"It is bad," NASA said.'], "en") == [("It is bad", "NASA")]
    assert _speakers(['Officials at NASA said: "We will go."'], "en") == []


def test_names_completed_from_the_article():
    paras = ['"Costs fall," says veteran industry analyst Ken Doctor.', '"They see the way down," says Doctor.']
    assert _speakers(paras, "en") == [("Costs fall", "Ken Doctor"), ("They see the way down", "Ken Doctor")]
    paras = ['"Coach (Frank) Vogel came in," James said.', '"He is terrific," Vogel said.']
    assert _speakers(paras, "en")[-1] == ("He is terrific", "Frank Vogel")
    paras = ["Sonya A. Zoghlin, his attorney, told The Hill he meant no harm.", '"He is sorry," she said in an email.']
    assert _speakers(paras, "en") == [("He is sorry", "Sonya A. Zoghlin")]


def test_pronoun_in_a_sentence_about_a_named_person():
    paras = ["Patrick Carlineo Jr., 55, pleaded guilty.", 'James Kennedy said the case "matters."',
             'Carlineo was arrested after a call in which he said he would put a "bullet in her skull."']
    # (generational suffixes are not part of the stored name: "Mr. Carlineo" in the next paragraph)
    assert _speakers(paras, "en")[-1] == ("bullet in her skull.", "Patrick Carlineo")


def test_an_article_whose_quotes_defeat_the_rules_is_logged(caplog):
    paragraphs = ['The "first" and the "second" and the "third" words.']
    with caplog.at_level(logging.DEBUG, logger="archive.normalize.quotes.extract"):
        quotes = extract_quotes(paragraphs, "en")
    assert len(quotes) == 3 and not any(q.speaker for q in quotes)
    assert "no speaker for any of 3 quotes" in caplog.text
