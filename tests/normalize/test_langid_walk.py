"""The faster language scoring gives py3langid's numbers exactly: the vectorized feature walk counts what
its byte loop counts, in the same order, and the float32 row cache gives the same scores."""

import json
from functools import lru_cache

import numpy as np

from hypothesis import given, settings, strategies as st
from py3langid.langid import MODEL_FILE, LanguageIdentifier, visit_counts

from archive.normalize.langid_walk import RowCache
from archive.normalize.language import _identifier
from tests.conftest import DATA, SEED_FILE


def _both(text: str):
    identifier = _identifier()
    data = identifier._encode(text)
    return (visit_counts(identifier.tk_nextmove, identifier._rowbase, identifier.tk_output, data),
            identifier._walker.counts(data))


def _same(expected, got) -> bool:
    if expected is None or got is None:
        return expected is None and got is None
    return list(expected.items()) == list(got.items())  # order too: the score sums in it


def _texts() -> list[str]:
    texts = [SEED_FILE.read_text(encoding="utf-8")]
    with open(DATA / "entities_real.jsonl", encoding="utf-8") as lines:
        texts += [" ".join(json.loads(line)["paragraphs"]) for line in lines]
    # the automaton's deepest features are pairs of CJK characters (6 bytes): the whole walk depth is needed
    texts += ["東京で会議がありました。大統領はいいと言った。", "北京举行会议。总统说这很好。"]
    return texts


def test_walk_matches_py3langid_on_real_text():
    for text in _texts():
        assert _same(*_both(text[:800]))


@lru_cache(maxsize=1)
def _plain():
    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def test_scores_are_py3langids_to_the_bit_with_a_full_row_cache_too(monkeypatch):
    identifier = _identifier()
    texts = [text[:800] for text in _texts()]
    for text in texts:
        assert np.array_equal(identifier._decide(text), _plain()._decide(text))
    monkeypatch.setattr(identifier, "_rows", RowCache(identifier.nb_ptc, capacity=50))  # soon full
    for text in texts:
        assert np.array_equal(identifier._decide(text), _plain()._decide(text))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="aeiouAEIOU ,.'\"éß你ا-", max_size=30))
def test_walk_matches_py3langid_on_any_text(text):
    # short texts too: the first bytes (fewer than the automaton's depth) are walked from the start
    assert _same(*_both(text))


def test_the_automaton_depth_is_found():
    assert 1 <= _identifier()._walker.depth <= 8
