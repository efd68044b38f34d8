"""The sentence-level CRF reference (archive/evaluate/nergrit_crf.py)."""

from pathlib import Path

from archive.evaluate import nergrit_crf

DATA = Path(__file__).resolve().parents[1] / "data" / "nergrit_train.txt"


def test_every_token_gets_its_own_and_its_neighbours_features():
    feats = nergrit_crf.sentence_features(["Ia", "tinggal", "di", "Bogor", "."])
    assert "w=bogor" in feats[3] and "-1w=di" in feats[3] and "1s=p" in feats[3] and "BOS" in feats[0]


def test_cross_validation_scores_a_subset(tmp_path):
    subset = tmp_path / "subset.txt"
    subset.write_text("\n\n".join(DATA.read_text(encoding="utf-8").split("\n\n")[:240]) + "\n", encoding="utf-8")
    result = nergrit_crf.evaluate(subset, folds=2)
    # trained on 120 sentences a fold, it still finds most places: far from nothing, far from perfect
    assert 0.3 < result["loose"]["all"]["f1"] < 0.95
    assert result["exact"]["all"]["gold"] > 300


def test_a_file_that_is_no_conll_is_a_one_line_error(tmp_path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_text("# a readme\n", encoding="utf-8")
    # the CRF trainer crashes the interpreter on such input: it must never get there
    assert nergrit_crf.main([str(bad)]) == 2
    assert "line 1: not a token<TAB>tag line" in capsys.readouterr().err
