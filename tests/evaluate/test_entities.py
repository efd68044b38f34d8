"""Evaluation gate for the entity extractor on the hand-annotated dev set and the seed."""

from pathlib import Path

from archive.evaluate import entities as ev

DATA = Path(__file__).parents[1] / "data"
DEV_F1_GATE = 0.94  # reached 0.942 overall when this gate was set (id 0.926, en 0.961); was 0.919
# Real articles of tests/data/corpora (12 en, 12 id), annotated by hand before the extractor ran on
# them: first honest score 0.700 (en 0.695, id 0.709); 0.865 when this gate was set (en 0.883, id 0.828).
# With the head-word rule and the NERGrit tagger (issue 17): 0.870 (en 0.883, id 0.845), dev 0.944 (id 0.931).
# With aliases given in the text and the per-kind confidence: 0.872 (id 0.852, P 0.932), dev 0.946 (P 0.961).
REAL_F1_GATE = 0.865


def test_dev_set_shape():
    passages = ev.load_dev(DATA / "entities_dev.jsonl")
    langs = [p["language"] for p in passages]
    assert len(passages) >= 60 and langs.count("id") >= 25 and langs.count("en") >= 25


def test_dev_f1_gate():
    result = ev.evaluate(DATA / "entities_dev.jsonl")
    assert result["overall"]["f1"] >= DEV_F1_GATE, result["overall"]
    assert result["scores"]["id"]["f1"] >= 0.93 and result["scores"]["en"]["f1"] >= 0.95
    assert result["overall"]["precision"] >= 0.96, result["overall"]


def test_real_set_shape():
    passages = ev.load_dev(DATA / "entities_real.jsonl")
    langs = [p["language"] for p in passages]
    assert langs.count("id") >= 12 and langs.count("en") >= 12


def test_real_f1_gate():
    result = ev.evaluate(DATA / "entities_real.jsonl")
    assert result["overall"]["f1"] >= REAL_F1_GATE, result["overall"]
    assert result["scores"]["en"]["f1"] >= 0.88 and result["scores"]["id"]["f1"] >= 0.84, result["scores"]
    assert result["overall"]["precision"] >= 0.93, result["overall"]


def test_seed_scores_perfectly():
    result = ev.evaluate_passages(ev.load_seed(DATA / "seed_gold.json"))
    assert result["overall"]["f1"] >= 0.99
    assert not result["passages"][0]["not_entities"]


def test_command_runs(capsys):
    assert ev.main([str(DATA / "entities_dev.jsonl"), "--quiet"]) == 0
    out = capsys.readouterr().out
    assert "dev" in out and "seed" in out and "F1=" in out


# The same sets written all in lower case (issue 17: "on all-lowercase text the extractor finds nothing
# at all": 0.0 everywhere before archive/normalize/entities/truecase.py). When these gates were set:
# dev 0.779 (P 0.888), real 0.645 (P 0.768), seed 17/17; with the per-kind confidence (refine.MIN_CONFIDENCE)
# dev 0.777 (P 0.884), real 0.648 (P 0.769); with the next round's rules dev 0.779 (P 0.888), real 0.648.
LOWERCASE_GATES = {"entities_dev.jsonl": (0.77, 0.88), "entities_real.jsonl": (0.64, 0.76)}


def test_lowercased_sets_gate():
    for name, (f1, precision) in LOWERCASE_GATES.items():
        result = ev.evaluate_passages(ev.lowercased(ev.load_dev(DATA / name)))
        assert result["overall"]["f1"] >= f1 and result["overall"]["precision"] >= precision, (name, result["overall"])
    seed = ev.evaluate_passages(ev.lowercased(ev.load_seed(DATA / "seed_gold.json")))
    assert seed["overall"]["f1"] >= 0.99, seed["overall"]


def test_a_missing_set_is_a_one_line_error(tmp_path, capsys):
    assert ev.main([str(tmp_path / "missing.jsonl")]) == 2
    assert capsys.readouterr().err.strip() == f"no such dev set: {tmp_path / 'missing.jsonl'}"
