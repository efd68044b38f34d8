"""Pronoun antecedents: gender from the article's titles, given names and roles."""

from archive.normalize.quotes.pronouns import Candidate, Genders, antecedent, pronoun_gender


def test_pronoun_gender():
    assert pronoun_gender("she") == "feminine"
    assert pronoun_gender("He") == "masculine"
    assert pronoun_gender("dia") is None  # Indonesian "dia" carries no gender


def test_gender_from_a_title_anywhere_in_the_article_or_the_given_name():
    genders = Genders(["Mrs. Clinton spoke first.", "Donald Trump answered."])
    assert genders.of("Clinton") == "feminine"
    assert genders.of("Donald Trump") == "masculine"
    assert genders.of("Smith") is None
    assert genders.of("Smith", role="congresswoman") == "feminine"


def _pick(pronoun, candidates, paragraphs, bodies=()):
    return antecedent(pronoun, candidates, Genders(paragraphs), lambda c: c.name, lambda c: c.name in bodies)


def test_she_skips_the_man_mentioned_last():
    people = [Candidate((0, 30), "Donald Trump", None), Candidate((0, 0), "Hillary Clinton", None)]
    chosen = _pick("she", people, ["Hillary Clinton met Donald Trump."])
    assert chosen.name == "Hillary Clinton"


def test_a_personal_pronoun_never_stands_for_an_organisation():
    found = [Candidate((0, 10), "Reuters", None, body=True), Candidate((0, 0), "Pat Lee", None)]
    assert _pick("he", found, ["Pat Lee told Reuters."]).name == "Pat Lee"
    assert _pick("they", found, ["Pat Lee told Reuters."]).name == "Reuters"  # "they" may be a body
    assert _pick("he", [Candidate((0, 0), "Acme", None)], ["Acme grew."], bodies={"Acme"}) is None


def test_unknown_gender_is_not_a_mismatch():
    assert _pick("he", [Candidate((0, 0), "Okonkwo", None)], ["Okonkwo spoke."]).name == "Okonkwo"
