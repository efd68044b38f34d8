"""Training the learned quote rule: the model learns separable features, thresholds respect the floor."""

from archive.evaluate import residual as training
from archive.evaluate.residual import Quote, _best, _choose, _figures, _train


def _quotes(n=40):
    """Quotes whose right candidate is always the "opener", the wrong one a later capitalised word."""
    out = []
    for i in range(n):
        q = Quote(article=i, gold=True, named=True)
        q.rows = [(["opener", "opener|name"], 1), (["cap-after", "cap-after|name"], 0)]
        out.append(q)
    return out


def test_the_model_learns_which_candidate_kind_is_right():
    model = _train(_quotes())
    assert model.weights["opener"] > 0 > model.weights["cap-after"]
    score, label, named = _best(_quotes(1)[0], model)
    assert label == 1 and named and score > 0.5


def test_figures_add_only_the_picks_over_their_threshold():
    base = {"matched": 8, "predicted": 10, "gold": 20, "named": 5, "named_ok": 5}
    right, wrong = Quote(0, True, True), Quote(1, True, True)
    picks = [(0.9, right, 1, True), (0.6, wrong, 0, True)]
    high = _figures(base, picks, name_threshold=0.8, threshold=0.5)
    assert high["added"] == 1 and high["named_speaker_accuracy"] == 1.0 and high["recall"] == 9 / 20
    low = _figures(base, picks, name_threshold=0.5, threshold=0.5)
    assert low["added"] == 2 and low["named_speaker_accuracy"] == 6 / 7


def test_chosen_thresholds_keep_named_accuracy_at_the_floor(monkeypatch):
    monkeypatch.setattr(training, "MIN_NAMED", 0.99)
    base = {"matched": 8, "predicted": 10, "gold": 20, "named": 5, "named_ok": 5}
    picks = [(0.9, Quote(0, True, True), 1, True), (0.6, Quote(1, True, True), 0, True)]
    chosen = _choose(base, picks)
    assert chosen["named_speaker_accuracy"] >= 0.99 and 0.6 < chosen["name_threshold"] <= 0.9
