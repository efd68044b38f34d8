"""The learned last rule: candidates around a quote no rule attributed, scored by a small model."""

import pytest

from archive.normalize.quotes import residual
from archive.normalize.quotes.extract import _extract, extract

UNCUED = 'Reid has gone after Trump as a "spoiled brat."'  # no speech verb the rules know


@pytest.fixture
def use_model(monkeypatch):
    def install(weights, threshold=0.5, name_threshold=0.5):
        monkeypatch.setattr(residual, "model", lambda: residual.Model(weights, 0.0, threshold, name_threshold))
    return install


def _candidates(paragraphs):
    seen = []
    _extract(paragraphs, "en", observe=lambda site, item: seen.extend(residual.candidates(site)))
    return seen


def test_candidates_are_the_people_the_sentence_names():
    kinds = {(c.kind, c.phrase.name) for c in _candidates([UNCUED])}
    assert {("opener", "Reid"), ("cap-before", "Reid"), ("cap-before", "Trump")} <= kinds


def test_the_last_speaker_is_a_candidate():
    found = _candidates(['"We will win," Maria Lopez said.', 'The count goes on as a "formality."'])
    assert ("prev", "Maria Lopez") in {(c.kind, c.phrase.name) for c in found}


def test_the_best_candidate_wins_when_the_model_is_sure(use_model):
    use_model({"cap-before|nearest": 4.0})
    [quote] = extract([UNCUED], "en")
    assert (quote.speaker, quote.rule) == ("Trump", "learned")
    use_model({"opener": 4.0})
    assert extract([UNCUED], "en")[0].speaker == "Reid"


def test_names_and_other_candidates_have_their_own_thresholds(use_model):
    use_model({"opener": 1.0}, threshold=0.5, name_threshold=0.9)  # score 0.73: enough for a pronoun, not a name
    assert extract([UNCUED], "en")[0].speaker is None
    use_model({"opener": 1.0}, threshold=0.9, name_threshold=0.5)
    assert extract([UNCUED], "en")[0].speaker == "Reid"


def test_the_rule_is_english_only(use_model):
    use_model({"opener": 9.0})
    assert extract([UNCUED], "en")[0].speaker == "Reid"
    assert extract([UNCUED], "id")[0].speaker is None


def test_shipped_weights_load_with_thresholds_in_range():
    model = residual.model()
    assert model is not None and len(model.weights) > 50
    assert 0.0 < model.threshold < 1.0 and 0.0 < model.name_threshold < 1.0
