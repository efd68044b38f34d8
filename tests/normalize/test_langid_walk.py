"""The vectorized feature walk counts exactly what py3langid's byte loop counts, in the same order."""

import json

from hypothesis import given, settings, strategies as st
from py3langid.langid import visit_counts

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


def test_walk_matches_py3langid_on_real_text():
    texts = [SEED_FILE.read_text(encoding="utf-8")]
    with open(DATA / "entities_real.jsonl", encoding="utf-8") as lines:
        texts += [" ".join(json.loads(line)["paragraphs"]) for line in lines]
    # the automaton's deepest features are pairs of CJK characters (6 bytes): the whole walk depth is needed
    texts += ["東京で会議がありました。大統領はいいと言った。", "北京举行会议。总统说这很好。"]
    for text in texts:
        assert _same(*_both(text[:800]))


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=40) | st.text(alphabet="aeiouAEIOU ,.'\"éß你ا-", max_size=30))
def test_walk_matches_py3langid_on_any_text(text):
    # short texts too: the first bytes (fewer than the automaton's depth) are walked from the start
    assert _same(*_both(text))


def test_the_automaton_depth_is_found():
    assert 1 <= _identifier()._walker.depth <= 8
