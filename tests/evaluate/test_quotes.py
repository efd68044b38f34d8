"""The quote evaluation commands (their floors are gated in test_baseline.py)."""

import json
from pathlib import Path

import pytest

from archive.evaluate import polnear
from archive.evaluate.quotes import main
from archive.evaluate.scoring import speaker_matches

DEV = Path(__file__).parents[1] / "data" / "quotes_dev.jsonl"


def test_dev_set_is_big_enough():
    langs = [json.loads(line)["language"] for line in DEV.read_text(encoding="utf-8").splitlines() if line]
    assert langs.count("id") >= 40 and langs.count("en") >= 40


def test_main_prints_scores(capsys):
    assert main([str(DEV)]) == 0
    out = capsys.readouterr().out
    assert "overall" in out and "F1" in out


@pytest.mark.parametrize(
    "ours, gold, ok",
    [
        ("Donald Trump", "Mr. Trump", True),
        ("Jim Clyburn", "Rep. Jim Clyburn (D-S.C.), the assistant leader", True),
        ("Trump Tower", "Trump", False),
        ("Xi Jinping", "Mr. Xi", False),
        (None, "Trump", False),
    ],
)
def test_speaker_match_is_the_last_word_of_ours_among_the_gold_words(ours, gold, ok):
    assert speaker_matches(ours, gold) is ok


def _article(paragraphs, quotes, unattributed=()):
    return {"id": "t", "language": "en", "paragraphs": paragraphs, "quotes": quotes, "unattributed": list(unattributed)}


def test_polnear_scores_segments_tokens_and_named_speakers(tmp_path):
    path = tmp_path / "mini.jsonl"
    records = [
        _article(['"We will win," Mr. Trump said.', 'Critics called it "a fantasy."'],
                 [{"paragraph": 0, "text": "We will win,", "speaker": "Mr. Trump", "cue": "said"},
                  {"paragraph": 1, "text": "a fantasy.", "speaker": "Critics", "cue": "called"}]),
        _article(['The "Art of the Deal" sold well.'], [], [{"paragraph": 0, "text": "Art of the Deal"}]),
    ]
    path.write_text("\n".join(json.dumps(r) for r in records) + "\n", encoding="utf-8")
    s = polnear.evaluate([path])["scores"]
    assert s["gold"] == 2 and s["matched"] >= 1
    assert s["named_speaker_accuracy"] == 1.0  # "Trump" for "Mr. Trump"
    assert 0 < s["token_recall"] <= 1 and s["precision"] == 1.0  # the title is given no speaker


def test_polnear_main_refuses_a_missing_file(tmp_path, capsys):
    assert polnear.main([str(tmp_path / "nope.jsonl")]) == 2
    assert "no such PolNeAR file" in capsys.readouterr().err
