"""The real ``archive`` command through CliRunner, on each engine (a SQLite file in tmp_path, a
PostgreSQL database on the session's server)."""

import csv
import io
import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from archive.cli.app import app
from tests.query.test_parse import NASTY

README = Path(__file__).resolve().parents[2] / "README.md"


@pytest.fixture
def run(db):
    runner = CliRunner()

    def invoke(*args: str):
        return runner.invoke(app, ["--db", db, *args])

    return invoke


@pytest.fixture
def ingested(run, seed_dir):
    result = run("ingest", str(seed_dir))
    assert result.exit_code == 0, result.output
    return run


def test_ingest_reports_counts_and_is_idempotent(run, seed_dir):
    first = run("ingest", str(seed_dir), "--json")
    assert first.exit_code == 0
    assert json.loads(first.stdout)["added"] == 1
    second = run("ingest", str(seed_dir), "--json")
    assert json.loads(second.stdout)["added"] == 0 and json.loads(second.stdout)["unchanged"] == 1


def test_search_json_has_snippets(ingested):
    result = ingested("search", "Tokayev", "--json")
    assert result.exit_code == 0
    hits = json.loads(result.stdout)
    assert hits and {"article_id", "title", "published", "paragraph", "snippet", "score"} <= set(hits[0])
    assert "**Tokayev**" in hits[0]["snippet"]


def test_search_formats_share_field_names(ingested):
    as_json = json.loads(ingested("search", "Kazakhstan", "--json").stdout)
    as_nl = [json.loads(line) for line in ingested("search", "Kazakhstan", "--nl").stdout.splitlines()]
    as_csv = list(csv.DictReader(io.StringIO(ingested("search", "Kazakhstan", "--csv").stdout)))
    assert as_json == as_nl
    assert list(as_csv[0]) == list(as_json[0])
    assert [r["title"] for r in as_csv] == [r["title"] for r in as_json]


def test_search_table_in_terminal(ingested):
    result = ingested("search", "Tokayev")
    assert result.exit_code == 0 and "Tokayev" in result.stdout


@pytest.mark.parametrize("query", NASTY)
def test_nasty_queries_never_print_a_traceback(ingested, query):
    result = ingested("search", query, "--json")
    assert "Traceback" not in result.output
    if result.exit_code == 0:
        json.loads(result.stdout)
    else:  # nothing searchable in it: a one-line usage error
        assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1


def test_bad_query_is_one_line_usage_error(ingested):
    for args in (("search", "!!!"), ("search", "(x", "--raw")):
        result = ingested(*args)
        assert result.exit_code == 2
        assert "Traceback" not in result.output
        assert len(result.stderr.strip().splitlines()) == 1


def test_bad_path_is_reported_and_exit_code_is_1(run, seed_dir, tmp_path):
    result = run("ingest", str(seed_dir), str(tmp_path / "nope"))
    assert result.exit_code == 1
    assert "nope" in result.stderr and "no such file" in result.stderr  # failures are diagnostics
    assert "1 added" in result.stdout


def test_missing_database_is_a_clear_error(tmp_path):
    result = CliRunner().invoke(app, ["--db", str(tmp_path / "none.db"), "search", "x"])
    assert result.exit_code == 1
    assert "no archive" in result.stderr and "Traceback" not in result.output


def test_two_output_formats_is_a_usage_error(ingested):
    assert ingested("search", "x", "--json", "--csv").exit_code == 2


def test_show_and_stats(ingested):
    shown = json.loads(ingested("show", "1", "--json").stdout)
    assert shown["dateline"] == "NUR SULTAN" and len(shown["paragraphs"]) == 11
    assert ingested("show", "999").exit_code == 2
    shown_text = ingested("show", "1").stdout
    assert 'dari luar," [Vladimir Putin] kata Putin' in shown_text  # speaker after the closing mark
    assert "Kassym-Jomart Tokayev (1)" in shown_text and "places:" in shown_text
    stats = json.loads(ingested("stats", "--json").stdout)
    assert stats["tables"]["articles"] == 1 and stats["tables"]["paragraphs"] == 11


def test_archive_db_environment_variable(tmp_path, seed_dir, monkeypatch):
    monkeypatch.setenv("ARCHIVE_DB", str(tmp_path / "env.db"))
    result = CliRunner().invoke(app, ["ingest", str(seed_dir)])
    assert result.exit_code == 0
    assert (tmp_path / "env.db").exists()


def _commands() -> list[str]:
    return [c.name for c in app.registered_commands]


@pytest.mark.parametrize("command", _commands())
def test_every_command_has_help_and_is_in_the_readme(command):
    result = CliRunner().invoke(app, [command, "--help"])
    assert result.exit_code == 0
    assert len(result.stdout.strip()) > 80
    assert re.search(rf"archive (?:--db \S+ )?{command}\b", README.read_text(encoding="utf-8")), f"{command} missing from README"
    # the docstring's paragraphs are reflowed to the terminal: no line cut where the source was wrapped
    wide = CliRunner().invoke(app, [command, "--help"], env={"COLUMNS": "1000"}).stdout
    description = wide.split("Usage:")[1].split("╭")[0]
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", description) if p.strip()]
    assert len(paragraphs) >= 1 and all(len(p.splitlines()) == 1 for p in paragraphs), description


@pytest.mark.parametrize("name", ["putin", "Putin", "Vladimir Putin", "PUTIN"])
def test_quotes_by_speaker_is_alias_aware(ingested, name):
    quotes = json.loads(ingested("quotes", "--speaker", name, "--json").stdout)
    assert len(quotes) == 3 and {q["speaker"] for q in quotes} == {"Vladimir Putin"}
    assert {"speaker", "text", "cue", "article_id", "paragraph", "published"} <= set(quotes[0])


@pytest.mark.parametrize("name", ["Tokayev", "kassym-jomart tokayev", "Kassym Jomart Tokayev"])
def test_quotes_by_tokayev(ingested, name):
    quotes = json.loads(ingested("quotes", "--speaker", name, "--json").stdout)
    assert [q["cue"] for q in quotes] == ["mengatakan", "katanya", "tambahnya"]


def test_quotes_text_search_and_unattributed(ingested):
    assert [q["text"] for q in json.loads(ingested("quotes", "kudeta", "--json").stdout)] == ["upaya kudeta"]
    assert json.loads(ingested("quotes", "revolusi", "--json").stdout) == []
    unattributed = json.loads(ingested("quotes", "revolusi", "--all", "--json").stdout)
    assert [(q["text"], q["speaker"]) for q in unattributed] == [("revolusi warna", None)]


def test_speakers_and_entities(ingested):
    speakers = json.loads(ingested("speakers", "--json").stdout)
    assert {(s["speaker"], s["quotes"], s["articles"]) for s in speakers} == {("Vladimir Putin", 3, 1), ("Kassym-Jomart Tokayev", 3, 1)}
    people = json.loads(ingested("entities", "--type", "person", "--json").stdout)
    by_name = {p["name"]: p for p in people}
    assert set(by_name) == {"Vladimir Putin", "Kassym-Jomart Tokayev"}
    assert "Putin" in by_name["Vladimir Putin"]["aliases"] and "Tokayev" in by_name["Kassym-Jomart Tokayev"]["aliases"]
    assert {"name", "type", "mentions", "articles", "aliases"} <= set(people[0])
    places = json.loads(ingested("entities", "--type", "place", "--min-mentions", "5", "--json").stdout)
    assert {p["name"] for p in places} == {"Kazakhstan", "Rusia"}
    assert ingested("entities", "--type", "planet").exit_code == 2


def test_export_and_check(ingested, tmp_path):
    result = ingested("export", "quotes", "--speaker", "putin", "--out", str(tmp_path / "out"))
    assert result.exit_code == 0
    with open(tmp_path / "out" / "quotes.csv", encoding="utf-8", newline="") as handle:
        assert len(list(csv.DictReader(handle))) == 3
    assert ingested("export", "nope", "--out", str(tmp_path)).exit_code == 2
    checked = ingested("check", "--json")
    assert checked.exit_code == 0 and json.loads(checked.stdout)["ok"] is True


@pytest.mark.parametrize(
    "args",
    [("quotes", "--speaker", ""), ("speakers", "--name", " "), ("search", "x", "--speaker", ""), ("search", "x", "--entity", ""), ("entities", "--name", "")],
)
def test_empty_names_are_usage_errors_not_everything(ingested, args):
    result = ingested(*args)
    assert result.exit_code == 2 and "Traceback" not in result.output


@pytest.mark.parametrize(
    "args", [("show", "99999999999999999999999"), ("quotes", "--article", "99999999999999999999"), ("search", "x", "--limit", "9" * 20)]
)
def test_numbers_sqlite_cannot_hold_are_usage_errors(ingested, args):
    result = ingested(*args)
    assert result.exit_code == 2 and "internal error" not in result.output


# -- what a user sees (issue 14, "small things") -------------------------------------------------


@pytest.mark.parametrize("command", [[], *([c] for c in _commands())])
def test_help_shows_flags_bare_and_usage_lines_readable(command):
    result = CliRunner().invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0
    assert "<bool>" not in result.stdout
    usage = next(line for line in result.stdout.splitlines() if "Usage:" in line)
    assert "{" not in usage and "[[" not in usage and "]...]" not in usage, usage
    if command:
        assert "--db" in result.stdout  # accepted after the command name too
    if command and command[0] in ("ingest", "show", "stats", "check"):
        assert "Print one JSON object." in result.stdout


def test_usage_lines_name_the_arguments():
    usages = {c: CliRunner().invoke(app, [c, "--help"], prog_name="archive").stdout for c in ("ingest", "search", "export", "quotes")}
    assert "archive ingest [OPTIONS] PATH..." in usages["ingest"]
    assert "archive search [OPTIONS] QUERY" in usages["search"]
    assert "archive export [OPTIONS] [TABLE...]" in usages["export"]
    assert "archive quotes [OPTIONS] [TEXT]" in usages["quotes"]


@pytest.mark.parametrize(
    "args",
    [["search"], ["search", "x", "--limit", "0"], ["search", "x", "--nope"], ["nope"], ["entities", "--type", "planet"], ["show", "x"]],
)
def test_usage_errors_are_one_line_on_stderr(ingested, args):
    result = ingested(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: ") and "--help" in lines[0], result.stderr


def test_db_is_accepted_after_the_command_name(tmp_path, seed_dir):
    runner = CliRunner()
    db = tmp_path / "after.db"
    assert runner.invoke(app, ["ingest", str(seed_dir), "--db", str(db)]).exit_code == 0
    assert db.exists() and not (tmp_path / "archive.db").exists()
    found = runner.invoke(app, ["search", "Tokayev", "--db", str(db), "--json"])
    assert found.exit_code == 0 and json.loads(found.stdout)[0]["article_id"] == 1
    # after the command it wins over the global option and the environment
    other = runner.invoke(app, ["--db", str(tmp_path / "none.db"), "stats", "--db", str(db), "--json"], env={"ARCHIVE_DB": str(tmp_path / "x.db")})
    assert other.exit_code == 0 and json.loads(other.stdout)["tables"]["articles"] == 1
    missing = runner.invoke(app, ["stats", "--db", str(tmp_path / "none.db")])
    assert missing.exit_code == 1 and "none.db" in missing.stderr


def test_piped_tables_keep_each_row_on_one_line(ingested, db):
    import os
    import subprocess

    from tests.reliability.conftest import archive_command

    env = {k: v for k, v in os.environ.items() if k != "COLUMNS"}
    done = subprocess.run([*archive_command(), "--db", db, "search", "Tokayev"], capture_output=True, text=True, env=env, timeout=120)
    assert done.returncode == 0
    rows = [line for line in done.stdout.splitlines() if line.startswith("│")]
    assert len(rows) == 1 and "Tokayev" in rows[0] and "upaya kudeta" in rows[0], done.stdout


def test_both_engines_give_the_same_answers(tmp_path, pg_url, seed_dir):
    """The README's tour on SQLite and on PostgreSQL: the same rows and fields, bar the rank's scale
    (bm25 / ts_rank) and when each was ingested."""
    runner = CliRunner()
    commands = [
        ("search", "kudeta"), ("search", "bela", "--stem"), ("search", "Kazakhstan", "--per-article", "3"),
        ("search", "kudeta", "--speaker", "Tokayev"), ("quotes", "--speaker", "putin"), ("quotes", "kudeta"),
        ("quotes", "--all"), ("speakers",), ("entities",), ("entities", "--type", "person"), ("show", "1"), ("stats",),
    ]
    answers = []
    for db in (str(tmp_path / "tour.db"), pg_url):
        assert runner.invoke(app, ["--db", db, "ingest", str(seed_dir)]).exit_code == 0
        answers.append([_without_score(json.loads(runner.invoke(app, ["--db", db, *c, "--json"]).stdout)) for c in commands])
    for command, on_sqlite, on_postgresql in zip(commands, *answers):
        assert on_sqlite == on_postgresql, command


def _without_score(answer):
    if isinstance(answer, dict):
        return {k: v for k, v in answer.items() if k not in ("score", "ingested_at")}
    return [_without_score(a) for a in answer]


def test_shell_completion_is_typers_own():
    help_text = CliRunner().invoke(app, ["--help"], env={"COLUMNS": "200"}).stdout
    assert "--install-completion" in help_text and "--show-completion" in help_text
    script = CliRunner().invoke(app, ["--show-completion", "bash"], prog_name="archive")
    assert script.exit_code == 0 and "_ARCHIVE_COMPLETE=complete_bash" in script.stdout
    env = {**os.environ, "_ARCHIVE_COMPLETE": "complete_bash", "COMP_WORDS": "archive se", "COMP_CWORD": "1"}
    env.pop("ARCHIVE_DEBUG", None)
    archive = os.path.join(os.path.dirname(sys.executable), "archive")
    completed = subprocess.run([archive], env=env, capture_output=True, text=True, timeout=60)
    assert completed.stdout.split() == ["search", "serve"]


def test_a_ctrl_c_swallowed_by_a_finalizer_is_raised_again():
    """Python can only print a KeyboardInterrupt raised in a garbage-collector callback; the CLI's
    hook hands it back to the main thread, so the command stops as on any Ctrl-C."""
    import time
    import types

    from archive.cli.app import _interrupt_again

    _interrupt_again(types.SimpleNamespace(exc_type=KeyboardInterrupt))
    deadline = time.monotonic() + 10
    with pytest.raises(KeyboardInterrupt):
        while time.monotonic() < deadline:  # Python steps: where a pending interrupt is raised
            pass
