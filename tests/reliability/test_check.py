"""``archive check``: clean on a sound archive; finds a damaged FTS index and orphans; ``--repair``.

The damage is done with raw SQL on a real archive: a row in the full-text index that its content
table lacks, rows of the index's shadow table deleted, and (with foreign keys off) a paragraph whose
article is gone. ``check`` must say so with exit code 1, ``--repair`` must rebuild the indexes, and
orphans must be counted (they are data, so they are reported, not deleted).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3

from tests.reliability.conftest import run_cli


def _sql(db, *statements, foreign_keys: bool = True):
    with contextlib.closing(sqlite3.connect(db, isolation_level=None)) as connection:
        connection.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        for statement in statements:
            connection.execute(statement)


def _check(db, *args):
    result = run_cli(db, "check", "--json", *args)
    assert "Traceback" not in result.output
    return result.exit_code, json.loads(result.stdout)


def test_clean_archive_passes(seeded):
    result = run_cli(seeded, "check")
    assert result.exit_code == 0, result.output
    assert "ok" in result.stdout
    code, report = _check(seeded)
    assert code == 0 and report["ok"] and report["problems"] == [] and not any(report["orphans"].values())


def test_fts_row_missing_from_the_content_table_is_found_and_repaired(seeded):
    _sql(seeded, "INSERT INTO paragraphs_fts(rowid, text) VALUES (999999, 'hantu yang tidak ada di tabel')")
    code, report = _check(seeded)
    assert code == 1 and not report["ok"]
    assert any("paragraphs_fts" in p for p in report["problems"])
    assert run_cli(seeded, "check").exit_code == 1
    code, report = _check(seeded, "--repair")
    assert code == 0 and report["ok"] and report["repaired"]
    # the phantom is gone from search
    found = run_cli(seeded, "search", "hantu", "--json")
    assert found.exit_code == 0 and json.loads(found.stdout) == []


def test_damaged_fts_shadow_table_is_found_and_repaired(seeded):
    _sql(seeded, "DELETE FROM paragraphs_fts_data WHERE id > 10")
    code, report = _check(seeded)
    assert code == 1 and any("paragraphs_fts" in p for p in report["problems"])
    code, report = _check(seeded, "--repair")
    assert code == 0 and report["ok"]
    found = run_cli(seeded, "search", "Tokayev", "--json")
    assert found.exit_code == 0 and json.loads(found.stdout)


def test_orphans_are_counted(seeded):
    _sql(seeded, "INSERT INTO paragraphs(article_id, position, text) VALUES (424242, 0, 'yatim piatu')", foreign_keys=False)
    code, report = _check(seeded)
    # written by hand, the paragraph is not in the stemmed index either (the writer stems)
    assert code == 1 and report["problems"] == []
    assert report["orphans"]["paragraphs without article"] == 1
    assert report["orphans"]["paragraphs missing from the stemmed index"] == 1
    text = run_cli(seeded, "check")
    assert text.exit_code == 1 and "1 paragraphs without article" in text.stdout
    code, report = _check(seeded, "--repair")  # repair rebuilds indexes; orphans stay counted
    assert code == 1 and report["problems"] == [] and report["orphans"]["paragraphs without article"] == 1


def _clobber(db, pages: range) -> None:
    """Overwrite whole pages of the file with garbage, as a failing disk or a bad copy would."""
    _sql(db, "PRAGMA wal_checkpoint(TRUNCATE)")  # every page in the file itself, none in the log
    with open(db, "r+b") as handle:
        size = 4096
        for page in pages:
            handle.seek(page * size)
            handle.write(b"\x55" * size)


def test_a_damaged_file_is_reported_as_damaged_in_one_line(seeded):
    """Corruption is corruption (issue 14, case 10): one line, exit 1, the way out; no SQL, no traceback."""
    from tests.reliability.conftest import assert_one_line_error

    _clobber(seeded, range(3, 12))
    for args in (("check",), ("check", "--json"), ("search", "Tokayev"), ("stats",), ("quotes",), ("show", "1")):
        result = run_cli(seeded, *args)
        assert result.exit_code == 1, (args, result.output)
        assert_one_line_error(result.stderr, "damaged", "check --repair", "backup")
        assert "SELECT" not in result.stderr and "internal error" not in result.stderr


def _pg_sql(url: str, *statements: str) -> None:
    import sqlalchemy as sa

    engine = sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))
    try:
        with engine.begin() as connection:
            for statement in statements:
                connection.exec_driver_sql(statement)
    finally:
        engine.dispose()


def test_postgresql_damage_is_found_and_repaired(pg_url):
    """A dropped full-text index, a paragraph missing from the stemmed index and an orphan (foreign
    keys bypassed) are problems; --repair rebuilds the indexes and the stems, and orphans stay counted."""
    from tests.reliability.conftest import SEED_FILE

    assert run_cli(pg_url, "ingest", str(SEED_FILE)).exit_code == 0
    assert _check(pg_url) == (0, {**_check(pg_url)[1], "ok": True})
    _pg_sql(
        pg_url,
        "DROP INDEX ix_paragraphs_text_tsv",
        "DELETE FROM paragraph_stems WHERE paragraph_id = (SELECT min(paragraph_id) FROM paragraph_stems)",
        "SET session_replication_role = replica",  # foreign keys off for this transaction's session
        "INSERT INTO paragraphs(article_id, position, text) VALUES (424242, 0, 'yatim piatu')",
    )
    code, report = _check(pg_url)
    assert code == 1 and not report["ok"]
    assert any("ix_paragraphs_text_tsv" in p for p in report["problems"]), report
    assert report["orphans"]["paragraphs without article"] == 1
    assert report["orphans"]["paragraphs missing from the stemmed index"] == 2  # the damaged one, the orphan
    code, report = _check(pg_url, "--repair")
    assert report["repaired"] and report["problems"] == []
    assert report["orphans"]["paragraphs missing from the stemmed index"] == 1  # the orphan: no article, no language
    assert code == 1 and report["orphans"]["paragraphs without article"] == 1  # data: reported, not deleted
    found = run_cli(pg_url, "search", "membela", "--stem", "--json")
    assert found.exit_code == 0 and json.loads(found.stdout)[0]["paragraph"] == 0


def test_rows_written_by_another_program_are_noticed_and_repaired(seeded):
    """sqlite-utils inserts fire the FTS triggers, but the stemmed index and the folded speaker
    names are the writer's to fill (issue 15): check must not call that archive ok."""
    import sqlite_utils

    db = sqlite_utils.Database(seeded)
    db["paragraphs"].insert({"article_id": 1, "position": 11, "text": "Rakyat membela konstitusi dari kudeta."})
    paragraph = db.execute("SELECT max(id) FROM paragraphs").fetchone()[0]
    db["quotes"].insert({"article_id": 1, "paragraph_id": paragraph, "speaker": "ÉMILE Zola", "text": "kudeta",
                         "start": 31, "end": 37})
    db.close()
    assert json.loads(run_cli(seeded, "quotes", "--speaker", "émile zola", "--json").stdout) == []
    code, report = _check(seeded)
    assert code == 1 and not report["ok"]
    assert report["orphans"]["paragraphs missing from the stemmed index"] == 1, report
    assert any("quotes: 1 speakers without their folded" in p for p in report["problems"]), report
    assert run_cli(seeded, "check").exit_code == 1
    code, report = _check(seeded, "--repair")
    assert code == 0 and report["ok"], report
    assert [q["text"] for q in json.loads(run_cli(seeded, "quotes", "--speaker", "émile zola", "--json").stdout)] == ["kudeta"]
    stemmed = json.loads(run_cli(seeded, "search", "konstitusi", "--stem", "--json").stdout)
    assert [h["paragraph"] for h in stemmed] == [11]
