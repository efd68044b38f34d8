"""Duplicates and near-duplicates: remember every file a story came from, and link close copies.

Exact duplicates (same normalized text) are stored once; the other files that held the story go
to ``duplicate_sources``. Near-duplicates are stored as articles of their own and linked in
``article_links``: ``same_url`` when two articles share a URL, ``near_duplicate`` when their SimHash
fingerprints are within ``NEAR_BITS`` bits (candidates are found through the band index).
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa

from archive.normalize.fingerprint import NEAR_BITS, bands, distance, similarity
from archive.store import backend
from archive.store.records import SIMHASH, URL
from archive.store.schema import article_fingerprints, article_links, articles, duplicate_sources


def record_duplicate_sources(connection: sa.Connection, rows: Sequence[tuple[int, str, int]]) -> None:
    """Remember that ``(source_path, record)`` held the story stored as ``article_id``."""
    if rows:
        connection.execute(
            backend.of(connection).insert(duplicate_sources).on_conflict_do_nothing(),
            [{"article_id": a, "source_path": p, "record": r} for a, p, r in rows],
        )


def link_near_duplicates(connection: sa.Connection, fresh: Sequence[tuple[int, tuple]]) -> dict[int, list[int]]:
    """Store fingerprints of new articles (``archive.store.records``) and link them to earlier same-URL or
    near-identical ones.

    Returns, for each new article that got links, the ids of the articles it is linked to.
    """
    fingerprints = [
        (article_id, band, value)
        for article_id, record in fresh
        if record[SIMHASH] is not None
        for band, value in enumerate(bands(record[SIMHASH]))
    ]
    links: dict[tuple[int, int, str], float | None] = {}
    urls = {record[URL] for _, record in fresh if record[URL]}
    if urls:
        by_url: dict[str, list[int]] = {}
        for row in connection.execute(sa.select(articles.c.id, articles.c.url).where(articles.c.url.in_(urls))):
            by_url.setdefault(row.url, []).append(row.id)
        for article_id, record in fresh:
            for other in by_url.get(record[URL], []) if record[URL] else []:
                if other < article_id:
                    links[(article_id, other, "same_url")] = None
    if fingerprints:
        # Inserted first, so articles of this same batch find each other through the index too.
        backend.of(connection).bulk_insert(connection, article_fingerprints, ("article_id", "band", "value"), fingerprints)
        candidates = _candidates(connection, fingerprints)
        for article_id, record in fresh:
            simhash = record[SIMHASH]
            if simhash is None:
                continue
            for other, other_hash in candidates.get(article_id, ()):
                if other < article_id and distance(simhash, other_hash) <= NEAR_BITS:
                    links[(article_id, other, "near_duplicate")] = round(similarity(simhash, other_hash), 4)
    if links:
        connection.execute(
            backend.of(connection).insert(article_links).on_conflict_do_nothing(),
            [{"article_id": a, "linked_article_id": b, "kind": kind, "similarity": sim} for (a, b, kind), sim in links.items()],
        )
    linked: dict[int, list[int]] = {}
    for article_id, other, _ in links:
        if other not in linked.setdefault(article_id, []):
            linked[article_id].append(other)
    return linked


def _candidates(connection: sa.Connection, fingerprints: list[tuple[int, int, int]]) -> dict[int, list[tuple[int, int]]]:
    """Earlier articles sharing a band with each new one, with their full fingerprints."""
    wanted: dict[tuple[int, int], list[int]] = {}
    for article_id, band, value in fingerprints:
        wanted.setdefault((band, value), []).append(article_id)
    found: dict[int, list[tuple[int, int]]] = {}
    for band in range(4):
        values = [value for (b, value) in wanted if b == band]
        if not values:
            continue
        statement = (
            sa.select(article_fingerprints.c.value, articles.c.id, articles.c.simhash)
            .join(articles, articles.c.id == article_fingerprints.c.article_id)
            .where(article_fingerprints.c.band == band, article_fingerprints.c.value.in_(values))
        )
        for value, other_id, other_hash in connection.execute(statement).all():
            for article_id in wanted[(band, value)]:
                found.setdefault(article_id, []).append((other_id, other_hash))
    return found
