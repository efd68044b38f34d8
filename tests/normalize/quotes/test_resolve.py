"""From attributed phrases to speakers: documents speak for their authors, pronouns for people."""

import pytest

from archive.normalize.quotes.extract import extract


@pytest.mark.parametrize(
    "paragraph, language, speaker",
    [
        ('"Rates will fall," said a note from Morgan Stanley.', "en", "Morgan Stanley"),
        ('According to a 2019 study by Maria Gonzalez of Yale, patients are "sleeping less."', "en", "Maria Gonzalez"),
        ('"Inflation is easing," said a report by the Congressional Budget Office.', "en", "Congressional Budget Office"),
        ('"Rates will fall," said a new report.', "en", "a new report"),  # no author: as written
    ],
)
def test_a_document_speaks_for_its_author(paragraph, language, speaker):
    [quote] = extract([paragraph], language)
    assert quote.speaker == speaker


def test_a_pronoun_takes_the_person_of_its_gender():
    paragraphs = ["Hillary Clinton met Donald Trump in Ohio.", '"It went well," she said.']
    assert extract(paragraphs, "en")[0].speaker == "Hillary Clinton"
