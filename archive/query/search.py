"""Full-text search: paragraphs grouped by article, title matches first, filters, highlighted snippets.

Ranking a reader can predict: articles whose title matches come first, then body-only matches;
within each group articles are ordered by their best paragraph's bm25 (plus the title's bm25
when it matches too). Each article shows its best paragraph, and ``per_article - 1`` more.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import partial

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import QueryError, UsageError
from archive.normalize.stemming import STEMMED_LANGUAGES, stem_text, stem_word
from archive.query.entities import entity_ids_for
from archive.query.parse import parse_query, stem_query
from archive.query.quotes import speaker_condition
from archive.store import sqlite
from archive.store.schema import articles, entity_mentions, paragraphs, quotes

HIT_OPEN, HIT_CLOSE = sqlite.HIT_OPEN, sqlite.HIT_CLOSE
FIELDS = ("article_id", "title", "published", "language", "source", "paragraph", "snippet", "score", "speaker", "text")
TITLE_WEIGHT = 2.0
_MIN_CANDIDATES = 200
_STEMMERS = tuple(partial(stem_word, language=language) for language in STEMMED_LANGUAGES)


@dataclass(frozen=True)
class SearchOptions:
    """A search as the user asked for it (built once at the CLI edge)."""

    query: str
    limit: int = 20  # articles
    offset: int = 0
    per_article: int = 1  # paragraphs shown per article
    raw: bool = False  # pass FTS5 syntax through unchanged
    stem: bool = False  # search the stemmed index (bela finds membela)
    since: str | None = None  # ISO dates, inclusive
    until: str | None = None
    language: str | None = None
    source: str | None = None
    entity: str | None = None  # only articles mentioning this entity (any alias)
    speaker: str | None = None  # search only this speaker's quotes


def _iso(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} takes an ISO date like 2022-01-31, got {value!r}") from None


def match_string(options: SearchOptions) -> str:
    """The FTS MATCH string for the user's text: literal-safe unless ``raw``; stemmed with ``stem``."""
    if options.raw:
        if not options.query.strip():
            raise QueryError("empty query")
        return options.query
    nodes = parse_query(options.query)
    return sqlite.render_match(stem_query(nodes, _STEMMERS) if options.stem else nodes)


def _article_filters(options: SearchOptions) -> list[sa.ColumnElement[bool]]:
    since, until = _iso(options.since, "--since"), _iso(options.until, "--until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    conditions = []
    if since:
        conditions.append(articles.c.published >= since)
    if until:
        conditions.append(articles.c.published <= until)
    if options.language:
        conditions.append(sa.func.lower(articles.c.language) == options.language.lower())
    if options.source:
        conditions.append(sa.func.lower(articles.c.source) == options.source.lower())
    if options.entity is not None:
        mentioned = sa.select(entity_mentions.c.article_id).where(entity_mentions.c.entity_id.in_(entity_ids_for(options.entity)))
        conditions.append(articles.c.id.in_(mentioned))
    return conditions


def _hits(options: SearchOptions, match: str, top: int | None) -> sa.Subquery:
    """Every matching (article, paragraph) with its tier and rank, filters applied."""
    filters = _article_filters(options)
    if options.speaker is not None:
        found = sqlite.quote_matches(match).subquery("found")
        body = (
            sa.select(quotes.c.article_id, quotes.c.paragraph_id, found.c.quote_id, sa.literal(0).label("in_title"), found.c.rank)
            .join(found, found.c.quote_id == quotes.c.id)
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(speaker_condition(options.speaker), *filters)
        )
        return body.subquery("hits")
    if options.stem:
        found = sqlite.stem_matches(match).subquery("found")
    elif top is None:
        found = sqlite.paragraph_matches(match).subquery("found")
    else:
        # Only the best paragraphs can make the page, so FTS5's top-N does the ranking and just
        # those are joined and grouped (an article matching in its title is still found through
        # the title index, even when none of its paragraphs is among them).
        found = sqlite.top_paragraph_matches(match, top).subquery("found")
    if options.stem:  # titles are not stemmed: no title tier
        body = (
            sa.select(paragraphs.c.article_id, found.c.paragraph_id, sa.null().label("quote_id"), sa.literal(0).label("in_title"), found.c.rank)
            .join(paragraphs, paragraphs.c.id == found.c.paragraph_id)
            .join(articles, articles.c.id == paragraphs.c.article_id)
            .where(*filters)
        )
        return body.subquery("hits")
    titles = sqlite.title_matches(match).subquery("titles")
    body = (
        sa.select(
            paragraphs.c.article_id, found.c.paragraph_id, sa.null().label("quote_id"),
            sa.case((titles.c.article_id.is_not(None), 1), else_=0).label("in_title"),
            (found.c.rank + TITLE_WEIGHT * sa.func.coalesce(titles.c.rank, 0)).label("rank"),
        )
        .join(paragraphs, paragraphs.c.id == found.c.paragraph_id)
        .join(articles, articles.c.id == paragraphs.c.article_id)
        .outerjoin(titles, titles.c.article_id == paragraphs.c.article_id)
        .where(*filters)
    )
    # Articles matching only in their title are shown with their first paragraph.
    body_articles = sa.select(paragraphs.c.article_id).join(found, found.c.paragraph_id == paragraphs.c.id)
    title_only = (
        sa.select(titles.c.article_id, paragraphs.c.id, sa.null(), sa.literal(1), TITLE_WEIGHT * titles.c.rank)
        .join(paragraphs, sa.and_(paragraphs.c.article_id == titles.c.article_id, paragraphs.c.position == 0))
        .join(articles, articles.c.id == titles.c.article_id)
        .where(titles.c.article_id.not_in(body_articles), *filters)
    )
    return sa.union_all(body, title_only).subquery("hits")


def _candidates(options: SearchOptions) -> int:
    """How many best paragraphs to consider: enough to fill the page many times over."""
    return max(_MIN_CANDIDATES, 10 * (options.offset + options.limit) * options.per_article)


def _page(connection: sa.Connection, options: SearchOptions, match: str) -> list[sa.Row]:
    """The page of hits: from FTS5's best paragraphs when they fill it, else from every match.

    Exact for the body tier: when the best paragraphs fill the page, every article on it has a
    paragraph ranked above any article left out. When they do not (few matches, a deep page, or
    filters that leave out most of them), every match is ranked.
    """
    if options.stem or options.speaker:
        return connection.execute(_ranked(options, match)).all()
    rows = connection.execute(_ranked(options, match, _candidates(options))).all()
    if len({row.article_id for row in rows}) < options.limit:
        rows = connection.execute(_ranked(options, match)).all()  # few matches: ranking them all is cheap
    return rows


def _ranked(options: SearchOptions, match: str, top: int | None = None) -> sa.Select:
    hits = _hits(options, match, top)
    per_article = sa.func.row_number().over(partition_by=hits.c.article_id, order_by=(hits.c.rank, hits.c.paragraph_id))
    best = sa.func.min(hits.c.rank).over(partition_by=hits.c.article_id)
    tier = sa.func.max(hits.c.in_title).over(partition_by=hits.c.article_id)
    numbered = sa.select(hits, per_article.label("n"), best.label("best"), tier.label("tier")).subquery("numbered")
    order = sa.func.dense_rank().over(order_by=(numbered.c.tier.desc(), numbered.c.best, numbered.c.article_id))
    grouped = sa.select(numbered, order.label("article_rank")).where(numbered.c.n <= options.per_article).subquery("grouped")
    return (
        sa.select(
            grouped.c.article_id, articles.c.title, articles.c.published, articles.c.language, articles.c.source,
            paragraphs.c.position.label("paragraph"), paragraphs.c.text, grouped.c.paragraph_id, grouped.c.quote_id,
            (-grouped.c.rank).label("score"), quotes.c.speaker, quotes.c.text.label("quote_text"),
        )
        .join(articles, articles.c.id == grouped.c.article_id)
        .join(paragraphs, paragraphs.c.id == grouped.c.paragraph_id)
        .outerjoin(quotes, quotes.c.id == grouped.c.quote_id)
        .where(grouped.c.article_rank > options.offset, grouped.c.article_rank <= options.offset + options.limit)
        .order_by(grouped.c.article_rank, grouped.c.n)
    )


def stem_snippet(text: str, language: str | None, match: str, width: int = 16) -> str:
    """A snippet for the stemmed index (which keeps no text): words whose stem was searched, marked."""
    wanted = set(re.findall(r"\w+", match.lower())) - {"and", "or", "not", "near"}
    words = list(re.finditer(r"\w+", text))
    hits = [i for i, w in enumerate(words) if stem_text(w.group(), language) in wanted or w.group().lower() in wanted]
    if not words:
        return text
    first = hits[0] if hits else 0
    start = max(0, min(first - width // 4, len(words) - width))
    end = min(len(words), start + width)
    out, position = [], words[start].start()
    for i in range(start, end):
        word = words[i]
        out.append(text[position:word.start()])
        out.append(f"{HIT_OPEN}{word.group()}{HIT_CLOSE}" if i in hits else word.group())
        position = word.end()
    tail = text[position:words[end - 1].end()] if end else ""
    prefix = "…" if start > 0 else ""
    suffix = "…" if end < len(words) else text[words[-1].end():]
    return prefix + "".join(out) + tail + suffix


def search(engine: Engine, options: SearchOptions) -> list[dict]:
    """Hits as dicts with ``FIELDS``; ``snippet`` marks matches with HIT_OPEN/HIT_CLOSE."""
    if options.stem and options.speaker:
        raise UsageError("--stem and --speaker cannot be combined (quotes have no stemmed index)")
    match = match_string(options)
    with engine.connect() as connection:
        try:
            rows = _page(connection, options, match)
        except sa.exc.OperationalError as exc:
            if not sqlite.is_fts_syntax_error(exc):
                raise
            if options.raw:
                raise QueryError(f"invalid search syntax: {exc.orig} (drop --raw to search the words literally)") from None
            # Operators that still do not combine (e.g. "a OR (NOT b)"): search the words.
            match = sqlite.render_literal(parse_query(options.query))
            rows = _page(connection, options, match)
        if options.speaker:
            marked = sqlite.snippets(connection, "quotes_fts", match, [r.quote_id for r in rows])
        elif options.stem:
            marked = {}
        else:
            marked = sqlite.snippets(connection, "paragraphs_fts", match, [r.paragraph_id for r in rows])
            missing = [r.article_id for r in rows if r.paragraph_id not in marked]
            titles = sqlite.snippets(connection, "articles_fts", match, missing)
    results = []
    for row in rows:
        if options.speaker:
            snippet = marked.get(row.quote_id, row.quote_text)
        elif options.stem:
            snippet = stem_snippet(row.text, row.language, match)
        else:
            snippet = marked.get(row.paragraph_id) or titles.get(row.article_id) or row.text
        results.append(
            {
                "article_id": row.article_id,
                "title": row.title,
                "published": row.published,
                "language": row.language,
                "source": row.source,
                "paragraph": row.paragraph,
                "snippet": snippet,
                "score": round(row.score, 4),
                "speaker": row.speaker,
                "text": row.quote_text if options.speaker else row.text,
            }
        )
    return results
