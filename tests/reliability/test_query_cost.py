"""No search burns a core (issue 14, case 7): oversized queries are usage errors, slow ones are stopped.

Each command runs as a real process with a timeout, on the archive of a few thousand seed-like
articles: before the bounds, 3,000 ORs took 14 s there, a 100 KB query minutes, and 40 KB of
parentheses printed FTS5's "parser stack overflow".
"""

from __future__ import annotations

import json

import pytest

from tests.reliability.conftest import assert_one_line_error, run_process

WORDS = ["Putin", "Tokayev", "Kazakhstan", "Almaty", "Rusia", "CSTO", "pemberontakan", "teroris", "kudeta", "Moskow"]


@pytest.mark.parametrize(
    ("query", "raw", "reason"),
    [
        (" OR ".join(["Putin"] * 3000), False, "query too long"),
        (" ".join(WORDS * 2000)[:100_000], False, "query too long"),  # 100 KB of words
        ("(" * 20_000 + "Putin" + ")" * 20_000, False, "query too long"),
        ("(" * 20_000 + "Putin" + ")" * 20_000, True, "query too long"),
        ("(" * 30 + "Putin" + ")" * 30, True, "nested too deeply"),
        (" OR ".join(f"Almaty{i}" for i in range(150)), False, "query too large"),
    ],
)
def test_oversized_queries_are_one_line_usage_errors(clean_run, query, raw, reason):
    result = run_process(clean_run["db"], "search", query, *(["--raw"] if raw else []), timeout=60)
    assert result.returncode == 2, result.stdout[:500]
    assert_one_line_error(result.stderr, reason)


def test_a_search_past_its_time_limit_is_stopped(clean_run):
    query = " OR ".join(f"{word}*" for word in WORDS * 5)  # 50 prefix terms over every article
    whole = run_process(clean_run["db"], "search", query, "--json", "--per-article", "3", timeout=300)
    assert whole.returncode == 0 and json.loads(whole.stdout), whole.stderr
    stopped = run_process(clean_run["db"], "search", query, "--time-limit", "0.001", "--per-article", "3", timeout=60)
    assert stopped.returncode == 2, stopped.stdout[:500]
    assert_one_line_error(stopped.stderr, "query too expensive", "--time-limit")
    quotes = run_process(clean_run["db"], "quotes", query, "--time-limit", "0.001", timeout=60)
    assert quotes.returncode == 2
    assert_one_line_error(quotes.stderr, "query too expensive")
