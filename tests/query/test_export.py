"""Export: every table, RFC 4180 CSV that round-trips awkward values, formula guard, JSON lines."""

import csv
import json

import pytest
import sqlalchemy as sa

from archive.errors import UsageError
from archive.ingest import IngestOptions, ingest
from archive.query.export import ExportOptions, export, neutralize
from archive.store.schema import PUBLIC_TABLES, metadata

AWKWARD = [
    'She said "no", then left',
    "commas, commas, commas",
    "line one\nline two\r\nline three",
    "=HYPERLINK(\"http://evil\")",
    "+1 and -1 and @home",
    "emoji 😀 and ünïcödé",
    "Presiden Rusia mengklaim kemenangan",
    "Путин заявил о победе",
    "",
]


@pytest.fixture
def awkward(engine):
    with engine.begin() as connection:
        connection.exec_driver_sql(
            "INSERT INTO articles (id, source_path, content_hash, title, ingested_at) VALUES (1, 'x.txt', 'h', '=1+1, \"t\"', 'now')"
        )
        for position, text in enumerate(AWKWARD):
            connection.execute(
                sa.text("INSERT INTO paragraphs (article_id, position, text) VALUES (1, :p, :t)"), {"p": position, "t": text}
            )
    return engine


def _database_rows(engine, table):
    with engine.connect() as connection:
        columns = metadata.tables[table].columns  # the archive's columns (not an engine's index columns)
        statement = sa.select(*columns).order_by(columns.id)
        return [tuple("" if v is None else str(v) for v in row) for row in connection.execute(statement)]


def test_csv_round_trips_exactly_with_raw_cells(awkward, tmp_path):
    written = export(awkward, ExportOptions(out_dir=tmp_path, tables=("paragraphs", "articles"), raw_cells=True))
    assert written == {"paragraphs.csv": len(AWKWARD), "articles.csv": 1}
    for table in ("paragraphs", "articles"):
        with open(tmp_path / f"{table}.csv", encoding="utf-8", newline="") as handle:
            rows = [tuple(r) for r in csv.reader(handle)][1:]
        assert rows == _database_rows(awkward, table)


def test_formula_cells_are_neutralized_by_default(awkward, tmp_path):
    export(awkward, ExportOptions(out_dir=tmp_path, tables=("paragraphs",)))
    with open(tmp_path / "paragraphs.csv", encoding="utf-8", newline="") as handle:
        texts = [row["text"] for row in csv.DictReader(handle)]
    assert "'=HYPERLINK(\"http://evil\")" in texts and "'+1 and -1 and @home" in texts
    assert 'She said "no", then left' in texts
    assert neutralize("@x") == "'@x" and neutralize("x=1") == "x=1"


def test_bom_and_flattened_newlines(awkward, tmp_path):
    export(awkward, ExportOptions(out_dir=tmp_path, tables=("paragraphs",), bom=True, flatten_newlines=True))
    data = (tmp_path / "paragraphs.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    assert "line one line two line three" in data.decode("utf-8-sig")


def test_jsonl_keeps_types_and_nulls(awkward, tmp_path):
    export(awkward, ExportOptions(out_dir=tmp_path, tables=("articles",), format="jsonl"))
    record = json.loads((tmp_path / "articles.jsonl").read_text(encoding="utf-8"))
    assert record["id"] == 1 and record["published"] is None and record["title"] == '=1+1, "t"'


def test_every_table_by_default_and_speaker_subset(engine, seed_dir, tmp_path):
    ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    written = export(engine, ExportOptions(out_dir=tmp_path / "all"))
    assert set(written) == {f"{t}.csv" for t in PUBLIC_TABLES}
    assert written["paragraphs.csv"] == 11 and written["quotes.csv"] >= 6
    subset = export(engine, ExportOptions(out_dir=tmp_path / "putin", tables=("quotes",), speaker="putin"))
    assert subset == {"quotes.csv": 3}


def test_unknown_table_and_unwritable_target(engine, tmp_path):
    with pytest.raises(UsageError, match="unknown table"):
        export(engine, ExportOptions(out_dir=tmp_path, tables=("sqlite_master",)))
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(UsageError, match="not a directory"):
        export(engine, ExportOptions(out_dir=blocker))
    with pytest.raises(UsageError, match="quotes table only"):
        export(engine, ExportOptions(out_dir=tmp_path, tables=("articles",), speaker="x"))
