"""Each attribution rule on its own: an example per rule, with the rule that fires and the speaker.

A new rule needs an example here (``test_every_rule_has_an_example`` fails otherwise), so every rule
stays testable and scorable on its own (``python -m archive.evaluate polnear --rules``)."""

import pytest

from archive.normalize.quotes.extract import _extract, extract
from archive.normalize.quotes.rules import RULES

EXAMPLES = [
    # (rule, paragraphs, language, quote text, speaker: None for a rule that decides "nobody")
    ("outer-source", ['"We are ready," the minister said, according to Reuters.'], "en", "We are ready", "Reuters"),
    ("transcript", ['"PENCE: Well, look, we will win this debate."'], "en", "PENCE: Well, look, we will win this debate.", "Pence"),
    ("credit-line", ['"He is not fit to lead the nation." ― Beck Pimentel'], "en", "He is not fit to lead the nation.", "Beck Pimentel"),
    ("tail", ['"Harga naik," kata Budi Santoso.'], "id", "Harga naik", "Budi Santoso"),
    ("tail", ['"We are ready," said Prime Minister Keir Starmer.'], "en", "We are ready", "Keir Starmer"),
    ("term", ['Officials blamed so-called "foreign agents" for the unrest.'], "en", "foreign agents", None),
    ("introduced", ['Angela Merkel told Reuters: "We will manage."'], "en", "We will manage.", "Angela Merkel"),
    ("indonesian-term", ['Tokoh itu menyebut warna "peach" cocok.'], "id", "peach", None),
    ("late", ['Officials fear the outbreak is "very serious" and urgent, Dr. Maria Neira said.'], "en", "very serious",
     "Maria Neira"),
    ("governing-verb", ['Trump called the deal "a disaster" on Monday.'], "en", "a disaster", "Trump"),
    ("reported", ['Tokayev mengatakan negaranya melewati "upaya kudeta".'], "id", "upaya kudeta", "Tokayev"),
    ("colon-paragraph", ["Menteri Keuangan Sri Mulyani mengatakan:", '"Defisit terkendali."'], "id", "Defisit terkendali.", "Sri Mulyani"),
    ("same-cue", ['"Harga naik," kata Budi Santoso. "Stok masih aman."'], "id", "Stok masih aman.", "Budi Santoso"),
    ("sentence-before", ['Zulkifli Hasan mengatakan bahwa stok aman. "Masyarakat tidak perlu panik."'], "id",
     "Masyarakat tidak perlu panik.", "Zulkifli Hasan"),
    ("paragraph-speaker", ['"We have had problems with Russia before," Obama said after the meeting. He did not '
                           'threaten anyone. "Our goal is to set norms that everybody follows."'], "en",
     "Our goal is to set norms that everybody follows.", "Obama"),
    ("fronted-participle", ['Bemoaning the "phony system," Trump accused the moderator of bias.'], "en", "phony system", "Trump"),
    ("chain", ['"Kami sudah bekerja keras.', '"Hasilnya akan terlihat tahun depan," kata Retno Marsudi.'], "id",
     "Kami sudah bekerja keras.", "Retno Marsudi"),
    ("next-paragraph", ['"The bridge is safe," the engineer Maria Lopez said.', '"Traffic can return on Monday."'], "en",
     "Traffic can return on Monday.", "Maria Lopez"),
]


def fired(paragraphs, language):
    """(quote text, rule) for every quote, the deciding rule of those given nobody included."""
    decided = {}
    _extract(list(paragraphs), language, observe=lambda site, item: decided.__setitem__(item.span.start, item.rule))
    return decided


@pytest.mark.parametrize("rule, paragraphs, language, text, speaker", EXAMPLES)
def test_rule(rule, paragraphs, language, text, speaker):
    quotes = {q.text: q for q in extract(paragraphs, language)}
    assert text in quotes, quotes
    quote = quotes[text]
    assert quote.speaker == speaker
    if speaker is not None:
        assert quote.rule == rule
    elif rule in ("term", "indonesian-term"):
        assert fired(paragraphs, language)[quote.start] == rule  # the rule said "nobody"


def test_every_rule_has_an_example():
    named = {rule.name for rules in RULES.values() for rule in rules} | {"chain", "next-paragraph"}
    covered = {example[0] for example in EXAMPLES}
    assert named - covered <= {"learned"}, named - covered  # the learned rule: see test_residual.py

