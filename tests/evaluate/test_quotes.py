"""Evaluation gate: the quote extractor must keep its scores on the dev set."""

from pathlib import Path

from archive.evaluate.quotes import evaluate, main

DEV = Path(__file__).parents[1] / "data" / "quotes_dev.jsonl"
# Reached when the gate was set (rounded down): F1 1.00, speaker accuracy 1.00 on 106 passages.
MIN_F1 = 1.00
MIN_SPEAKER = 1.00


def test_dev_set_is_big_enough():
    langs = [line.split('"language": "')[1][:2] for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    assert langs.count("id") >= 40 and langs.count("en") >= 40


def test_gate():
    scores = evaluate(DEV)["scores"]
    for key in ("id", "en", "overall"):
        assert scores[key]["f1"] >= MIN_F1, (key, scores[key])
        assert scores[key]["speaker_accuracy"] >= MIN_SPEAKER, (key, scores[key])


def test_main_prints_scores(capsys):
    assert main([str(DEV)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "F1" in out


REAL = Path(__file__).parents[1] / "data" / "quotes_real.jsonl"
# Real article bodies (tests/data/corpora, annotated by hand before scoring); reached when the
# gate was set, rounded down: overall F1 0.925 / speaker 0.924, en 0.902 / 0.922, id 0.974 / 0.929.
# Raised after organisation antecedents, acronym subjects and name completion: overall 0.950 / 0.956,
# en 0.939 / 0.968, id 0.974 / 0.929.
# Issue 13 (partial quotes, clause subjects, gendered pronouns; speakers without "Jr."): overall
# 0.959 / 0.941, en 0.952 / 0.946 (exact names: "Tottenham" for Tottenham Hotspur now counts wrong).
MIN_REAL = {"overall": (0.95, 0.94), "en": (0.95, 0.94), "id": (0.97, 0.92)}


def test_real_set_gate():
    scores = evaluate(REAL)["scores"]
    for key, (min_f1, min_speaker) in MIN_REAL.items():
        assert scores[key]["f1"] >= min_f1, (key, scores[key])
        assert scores[key]["speaker_accuracy"] >= min_speaker, (key, scores[key])


FRESH = Path(__file__).parents[1] / "data" / "quotes_fresh.jsonl"
# 20 English bodies from tests/data/corpora/en-html not in the real set, plus 15 passages written
# in the style of Indonesian online news, all annotated by hand before the extractor was run on
# them. First honest score: overall F1 0.850 / speaker 0.838 (en 0.816 / 0.856, id 0.985 / 0.781).
# Reached after the fixes, rounded down: overall 0.904 / 0.940, en 0.881 / 0.924, id 1.00 / 1.00.
# Raised after name completion (surname-occupations, bracketed given names, initials): overall
# 0.904 / 0.974, en 0.881 / 0.966.
# Issue 13: overall 0.924 / 0.969, en 0.906 / 0.960.
MIN_FRESH = {"overall": (0.92, 0.96), "en": (0.90, 0.96), "id": (1.00, 1.00)}


def test_fresh_set_gate():
    scores = evaluate(FRESH)["scores"]
    for key, (min_f1, min_speaker) in MIN_FRESH.items():
        assert scores[key]["f1"] >= min_f1, (key, scores[key])
        assert scores[key]["speaker_accuracy"] >= min_speaker, (key, scores[key])
