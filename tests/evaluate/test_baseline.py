"""The quality gates: every evaluation keeps the floors recorded in baseline.json (see
``archive/evaluate/baseline.py``); a gate whose gold is not on this machine is skipped."""

import json

import pytest

from archive.evaluate import baseline

BASELINE = baseline.load()


def test_every_gate_has_floors():
    assert set(baseline.GATES) <= set(BASELINE), set(baseline.GATES) - set(BASELINE)


@pytest.mark.parametrize("name", sorted(baseline.GATES))
def test_gate(name):
    if not baseline.available(name):
        pytest.skip(f"gold for {name} is not on this machine: {baseline.GATES[name].gold}")
    problems = baseline.check(name, baseline.measure(name), BASELINE)
    assert not problems, "\n".join(problems)


def test_update_refuses_to_lower_a_floor_without_the_flag(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{}\n")
    baseline.GATES["scratch"] = baseline.Gate((str(gold),), lambda paths: {})
    try:
        saved = {"scratch": {"gold": {}, "floors": {"f1": 0.9}}}
        refused = baseline.update("scratch", {"f1": 0.85}, saved, allow_lower=False, root=tmp_path)
        assert refused and saved["scratch"]["floors"]["f1"] == 0.9
        assert baseline.update("scratch", {"f1": 0.85}, saved, allow_lower=True, root=tmp_path) == []
        assert saved["scratch"]["floors"]["f1"] == 0.85
        baseline.update("scratch", {"f1": 0.9567}, saved, allow_lower=False, root=tmp_path)
        assert saved["scratch"]["floors"]["f1"] == 0.956  # rounded down, never up
        assert saved["scratch"]["gold"] == {str(gold): baseline.sha256(gold)}
    finally:
        del baseline.GATES["scratch"]


def test_a_changed_gold_file_fails_the_gate(tmp_path):
    gold = tmp_path / "gold.jsonl"
    gold.write_text("{}\n")
    baseline.GATES["scratch"] = baseline.Gate((str(gold),), lambda paths: {"f1": 1.0})
    try:
        saved = {}
        baseline.update("scratch", {"f1": 1.0}, saved, allow_lower=False, root=tmp_path)
        assert baseline.check("scratch", {"f1": 1.0}, saved, root=tmp_path) == []
        gold.write_text('{"changed": true}\n')
        assert "changed" in baseline.check("scratch", {"f1": 1.0}, saved, root=tmp_path)[0]
        assert "below" in baseline.check("scratch", {"f1": 0.5}, json.loads(json.dumps(saved)), root=tmp_path)[-1]
    finally:
        del baseline.GATES["scratch"]
