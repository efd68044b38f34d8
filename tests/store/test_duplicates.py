"""Exact duplicates are stored once and remembered; near-duplicates are stored and linked."""

import json

from archive.ingest import IngestOptions, ingest
from archive.query.search import SearchOptions, search
from archive.store.check import check


def _rows(engine, sql):
    with engine.connect() as connection:
        return connection.exec_driver_sql(sql).all()


def test_exact_duplicate_source_is_remembered(engine, seed_dir):
    seed = next(seed_dir.iterdir())
    (seed_dir / "zz_copy.txt").write_bytes(seed.read_bytes())
    ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    assert len(_rows(engine, "SELECT id FROM articles")) == 1
    sources = _rows(engine, "SELECT article_id, source_path FROM duplicate_sources")
    assert [(a, p.rsplit("/", 1)[-1]) for a, p in sources] == [(1, "zz_copy.txt")]


def test_same_story_as_text_and_json_lands_once(engine, seed_dir, seed_gold):
    record = {"title": "A different title from another site", "maintext": "\n".join(seed_gold["paragraphs"]),
              "url": "https://example.com/a", "date_publish": "2022-01-10"}
    (seed_dir / "story.json").write_text(json.dumps(record), encoding="utf-8")
    summary = ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    assert summary.counts["added"] == 1 and summary.counts["duplicate"] == 1


def test_edited_copy_is_stored_and_linked_as_near_duplicate(engine, seed_dir):
    seed = next(seed_dir.iterdir())
    text = seed.read_text(encoding="utf-8")
    (seed_dir / "zz_edited.txt").write_text(text.replace("kekerasan terburuk", "kekerasan paling buruk"), encoding="utf-8")
    summary = ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    assert summary.counts["added"] == 2 and summary.counts["near_duplicate"] == 1
    links = _rows(engine, "SELECT article_id, linked_article_id, kind, similarity FROM article_links")
    assert [(a, b, k) for a, b, k, _ in links] == [(2, 1, "near_duplicate")]
    assert links[0][3] >= 0.95


def test_same_url_is_linked(engine, tmp_path):
    folder = tmp_path / "json"
    folder.mkdir()
    records = [
        {"title": "Floods hit the capital", "text": "Heavy rain flooded the capital on Monday, officials said, as rivers burst their banks.", "url": "https://news.example/a"},
        {"title": "Floods hit the capital (updated)", "text": "The death toll from floods in the capital rose to twelve on Tuesday as rescuers searched.", "url": "https://news.example/a"},
    ]
    (folder / "a.jsonl").write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    ingest(engine, IngestOptions(paths=(str(folder),)))
    assert _rows(engine, "SELECT article_id, linked_article_id, kind FROM article_links") == [(2, 1, "same_url")]


def test_replacing_an_article_keeps_every_index_consistent(engine, seed_dir):
    ingest(engine, IngestOptions(paths=(str(seed_dir),)))
    seed = next(seed_dir.iterdir())
    seed.write_text(seed.read_text(encoding="utf-8").replace("Almaty", "Almaty Zelqova"), encoding="utf-8")
    assert ingest(engine, IngestOptions(paths=(str(seed_dir),))).counts["replaced"] == 1
    report = check(engine)
    assert report.ok, (report.problems, report.orphans)
    [(article_id,)] = _rows(engine, "SELECT id FROM articles")
    hits = search(engine, SearchOptions("zelqova", stem=True, per_article=10))
    assert [(h["article_id"], h["paragraph"]) for h in hits] == [(article_id, 1)]  # the one new paragraph, once
