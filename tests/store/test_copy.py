"""``archive copy``: an archive moves from SQLite to PostgreSQL and back with every row, and answers alike."""

import json

import sqlalchemy as sa
from typer.testing import CliRunner

from archive.cli.app import app
from archive.store.database import open_database
from archive.store.schema import metadata


def _run(db, *args):
    return CliRunner().invoke(app, ["--db", str(db), *args])


def _rows(db) -> dict[str, list[tuple]]:
    """Every row of every table, in key order (the archive's columns, not an engine's index columns)."""
    engine = open_database(str(db), create=False)
    try:
        with engine.connect() as connection:
            return {
                table.name: [tuple(r) for r in connection.execute(sa.select(*table.columns).order_by(*table.primary_key.columns))]
                for table in metadata.sorted_tables
            }
    finally:
        engine.dispose()


def _answers(db) -> list:
    return [json.loads(_run(db, *args, "--json").stdout) for args in (
        ("search", "Tokayev"), ("search", "bela", "--stem"), ("quotes", "--speaker", "putin"), ("speakers",),
        ("entities",), ("show", "1"),
    )]


def test_an_archive_moves_to_postgresql_and_back_whole(tmp_path, pg_url, seed_dir):
    seed = next(seed_dir.iterdir())
    (seed_dir / "zz_copy.txt").write_bytes(seed.read_bytes())  # a duplicate source
    (seed_dir / "zz_edited.txt").write_text(seed.read_text(encoding="utf-8").replace("terburuk", "paling buruk"), encoding="utf-8")
    first = tmp_path / "first.db"
    assert _run(first, "ingest", str(seed_dir)).exit_code == 0

    there = _run(first, "copy", "--to", pg_url, "--json")
    assert there.exit_code == 0, there.output
    assert json.loads(there.stdout)["tables"]["articles"] == 2
    back = tmp_path / "back.db"
    assert _run(pg_url, "copy", "--to", str(back)).exit_code == 0

    rows = _rows(first)
    assert rows["article_links"] and rows["duplicate_sources"] and rows["paragraph_stems"]
    assert _rows(pg_url) == rows and _rows(back) == rows
    assert _answers(back) == _answers(first)
    for db in (pg_url, back):
        assert _run(db, "check").exit_code == 0
    on_server = _answers(pg_url)
    assert [h["article_id"] for h in on_server[0]] == [h["article_id"] for h in _answers(first)[0]]

    # the server's sequences moved past the copied ids: it takes new articles
    (seed_dir / "new.txt").write_text("Berita baru\n\nSebuah paragraf baru tentang Almaty.\n", encoding="utf-8")
    added = _run(pg_url, "ingest", str(seed_dir / "new.txt"), "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["added"] == 1

    refused = _run(first, "copy", "--to", pg_url)
    assert refused.exit_code == 2 and "already holds" in refused.stderr
