"""Full-text search: paragraphs grouped by article, title matches first, filters, highlighted snippets.

Ranking a reader can predict: articles whose title matches come first, then body-only matches;
within each group articles are ordered by their best paragraph's rank (plus the title's rank
when it matches too): bm25 on SQLite, ts_rank on PostgreSQL. Each article shows its best
paragraph, and ``per_article - 1`` more. The engine's part (which rows match, their rank) comes
from its search module (``archive.store.backend.SearchSQL``); grouping and paging are portable.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from functools import lru_cache, partial

import sqlalchemy as sa
from sqlalchemy.engine import Engine

from archive.errors import QueryError, UsageError
from archive.normalize.stemming import STEMMED_LANGUAGES, stem_text, stem_word
from archive.query.entities import entity_ids_for, fold_entity
from archive.query import snippets
from archive.query.parse import DEFAULT_TIME_LIMIT, check_raw, parse_query, stem_query
from archive.query.quotes import fold_speaker, speaker_condition
from archive.store import backend
from archive.store.backend import HIT_CLOSE, HIT_OPEN, SearchSQL
from archive.store.schema import articles, entity_mentions, paragraphs, quotes

FIELDS = ("article_id", "title", "published", "language", "source", "paragraph", "snippet", "score", "speaker", "text")
TITLE_WEIGHT = 2.0
_MIN_CANDIDATES = 100
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
    time_limit: float | None = DEFAULT_TIME_LIMIT  # seconds before "query too expensive"; None: no limit


def _iso(value: str | None, option: str) -> str | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value).isoformat()
    except ValueError:
        raise UsageError(f"{option} takes an ISO date like 2022-01-31, got {value!r}") from None


def match_string(options: SearchOptions, sql: SearchSQL) -> str:
    """The engine's query string for the user's text: literal-safe unless ``raw``; stemmed with ``stem``."""
    if options.raw:
        if not options.query.strip():
            raise QueryError("empty query")
        check_raw(options.query)
        return sql.check_raw(options.query)
    nodes = parse_query(options.query)
    return sql.render_match(stem_query(nodes, _STEMMERS) if options.stem else nodes)


@dataclass(frozen=True)
class _Shape:
    """What decides a search statement's SQL; the values go in as bound parameters.

    A statement is built once per shape and reused: building and compiling the window-function
    query takes milliseconds, several times what SQLite needs to answer a selective query.
    """

    engine: str  # the dialect whose search module supplies the matches
    stem: bool = False
    speaker: bool = False
    top: bool = False  # FTS5's best paragraphs only (else every match)
    since: bool = False
    until: bool = False
    language: bool = False
    source: bool = False
    entity: bool = False


def _shape(engine: str, options: SearchOptions, top: int | None) -> _Shape:
    return _Shape(
        engine=engine, stem=options.stem, speaker=options.speaker is not None, top=top is not None,
        since=options.since is not None, until=options.until is not None, language=options.language is not None,
        source=options.source is not None, entity=options.entity is not None,
    )


def _parameters(options: SearchOptions, match: str, sql: SearchSQL) -> dict:
    """Values for the statement's parameters, checked (a bad date or an empty name is a usage error)."""
    since, until = _iso(options.since, "--since"), _iso(options.until, "--until")
    if since and until and since > until:
        raise UsageError(f"--since {since} is after --until {until}")
    return {
        **sql.match_parameters(match),
        "since": since, "until": until,
        "language": options.language.lower() if options.language is not None else None,
        "source": options.source.lower() if options.source is not None else None,
        "entity": fold_entity(options.entity) if options.entity is not None else None,
        "speaker": fold_speaker(options.speaker) if options.speaker is not None else None,
        "first": options.offset, "last": options.offset + options.limit, "per_article": options.per_article,
    }


def _article_filters(shape: _Shape) -> list[sa.ColumnElement[bool]]:
    conditions = []
    if shape.since:
        conditions.append(articles.c.published >= sa.bindparam("since"))
    if shape.until:
        conditions.append(articles.c.published <= sa.bindparam("until"))
    if shape.language:
        conditions.append(sa.func.lower(articles.c.language) == sa.bindparam("language"))
    if shape.source:
        conditions.append(sa.func.lower(articles.c.source) == sa.bindparam("source"))
    if shape.entity:
        mentioned = sa.select(entity_mentions.c.article_id).where(
            entity_mentions.c.entity_id.in_(entity_ids_for(sa.bindparam("entity"))))
        conditions.append(articles.c.id.in_(mentioned))
    return conditions


def _hits(shape: _Shape) -> tuple[sa.Subquery, sa.CTE | None]:
    """Every matching (article, paragraph) with its tier and rank, filters applied; and the best
    paragraphs' matches the hits came from, when only the best were taken (``shape.top``)."""
    filters = _article_filters(shape)
    sql = backend.named(shape.engine).search
    no_quote = sa.cast(sa.null(), sa.Integer).label("quote_id")
    if shape.speaker:
        found = sql.quote_matches().subquery("found")
        body = (
            sa.select(quotes.c.article_id, quotes.c.paragraph_id, found.c.quote_id, sa.literal(0).label("in_title"), found.c.rank)
            .join(found, found.c.quote_id == quotes.c.id)
            .join(articles, articles.c.id == quotes.c.article_id)
            .where(speaker_condition(sa.bindparam("speaker")), *filters)
        )
        return body.subquery("hits"), None
    if shape.stem:  # titles are not stemmed: no title tier
        found = sql.stem_matches().subquery("found")
        body = (
            sa.select(paragraphs.c.article_id, found.c.paragraph_id, no_quote, sa.literal(0).label("in_title"), found.c.rank)
            .join(paragraphs, paragraphs.c.id == found.c.paragraph_id)
            .join(articles, articles.c.id == paragraphs.c.article_id)
            .where(*filters)
        )
        return body.subquery("hits"), None
    # Only the best paragraphs can make the page, so the engine's top-N does the ranking and just
    # those are joined and grouped (an article matching in its title is still found through the
    # title index, even when none of its paragraphs is among them). Both matches are read twice
    # below: as common table expressions the engine ranks them once.
    found = (sql.top_paragraph_matches() if shape.top else sql.paragraph_matches()).cte("found")
    titles = sql.title_matches().cte("titles")
    body = (
        sa.select(
            paragraphs.c.article_id, found.c.paragraph_id, no_quote,
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
        sa.select(titles.c.article_id, paragraphs.c.id, sa.cast(sa.null(), sa.Integer), sa.literal(1), TITLE_WEIGHT * titles.c.rank)
        .join(paragraphs, sa.and_(paragraphs.c.article_id == titles.c.article_id, paragraphs.c.position == 0))
        .join(articles, articles.c.id == titles.c.article_id)
        .where(titles.c.article_id.not_in(body_articles), *filters)
    )
    return sa.union_all(body, title_only).subquery("hits"), found if shape.top else None


def _candidates(options: SearchOptions) -> int:
    """How many best paragraphs to consider: enough to fill the page many times over."""
    return max(_MIN_CANDIDATES, 5 * (options.offset + options.limit) * options.per_article)


def _page(connection: sa.Connection, options: SearchOptions, match: str, sql: SearchSQL) -> list[sa.Row]:
    """The page of hits: from FTS5's best paragraphs when they fill it, else from every match.

    Exact for the body tier: when the best paragraphs fill the page, every article on it has a
    paragraph ranked above any article left out. When they do not (few matches, a deep page, or
    filters that leave out most of them), every match is ranked.
    """
    values = _parameters(options, match, sql)
    if options.stem or options.speaker:
        return _run(connection, options, values, None)
    top = _candidates(options)
    rows = _run(connection, options, values, top)
    # Fewer best paragraphs than asked for were every match there is: the page is exact already.
    if len({row.article_id for row in rows}) < options.limit and not (rows and rows[0].candidates < top):
        rows = _run(connection, options, values, None)  # few matches: ranking them all is cheap
    return rows


def _run(connection: sa.Connection, options: SearchOptions, values: dict, top: int | None) -> list[sa.Row]:
    return connection.execute(_ranked(_shape(connection.dialect.name, options, top)), {**values, "top": top}).all()


@lru_cache(maxsize=64)
def _ranked(shape: _Shape) -> sa.Select:
    hits, found = _hits(shape)
    per_article = sa.func.row_number().over(partition_by=hits.c.article_id, order_by=(hits.c.rank, hits.c.paragraph_id))
    best = sa.func.min(hits.c.rank).over(partition_by=hits.c.article_id)
    tier = sa.func.max(hits.c.in_title).over(partition_by=hits.c.article_id)
    numbered = sa.select(hits, per_article.label("n"), best.label("best"), tier.label("tier")).subquery("numbered")
    order = sa.func.dense_rank().over(order_by=(numbered.c.tier.desc(), numbered.c.best, numbered.c.article_id))
    grouped = sa.select(numbered, order.label("article_rank")).where(numbered.c.n <= sa.bindparam("per_article")).subquery("grouped")
    return (
        sa.select(
            grouped.c.article_id, articles.c.title, articles.c.published, articles.c.language, articles.c.source,
            paragraphs.c.position.label("paragraph"), paragraphs.c.text, grouped.c.paragraph_id, grouped.c.quote_id,
            (-grouped.c.rank).label("score"), quotes.c.speaker, quotes.c.text.label("quote_text"),
            *([sa.select(sa.func.count()).select_from(found).scalar_subquery().label("candidates")] if found is not None else []),
        )
        .join(articles, articles.c.id == grouped.c.article_id)
        .join(paragraphs, paragraphs.c.id == grouped.c.paragraph_id)
        .outerjoin(quotes, quotes.c.id == grouped.c.quote_id)
        .where(grouped.c.article_rank > sa.bindparam("first"), grouped.c.article_rank <= sa.bindparam("last"))
        .order_by(grouped.c.article_rank, grouped.c.n)
    )


def stem_snippet(text: str, language: str | None, match: str, width: int = 16) -> str:
    """A snippet for the stemmed index (which keeps no text): words whose stem was searched, marked."""
    wanted = set(re.findall(r"\w+", match.lower())) - {"and", "or", "not", "near"}
    return snippets.mark_where(
        text, lambda word: stem_text(word, language) in wanted or word.lower() in wanted, HIT_OPEN, HIT_CLOSE, width)


def _marked(text: str | None, wanted: list[snippets.Pattern]) -> str | None:
    """``text``'s snippet when the query's words are in it, else None."""
    if not text:
        return None
    snippet = snippets.mark(text, wanted, HIT_OPEN, HIT_CLOSE)
    return snippet if HIT_OPEN in snippet else None


def search(engine: Engine, options: SearchOptions) -> list[dict]:
    """Hits as dicts with ``FIELDS``; ``snippet`` marks matches with HIT_OPEN/HIT_CLOSE."""
    if options.stem and options.speaker:
        raise UsageError("--stem and --speaker cannot be combined (quotes have no stemmed index)")
    engine_backend = backend.of(engine)
    sql = engine_backend.search
    match = match_string(options, sql)
    nodes = None if options.raw else parse_query(options.query)
    try:
        rows, marked, titles = _search(engine, options, match, sql)
    except sa.exc.DBAPIError as exc:
        if not sql.is_syntax_error(exc):
            raise
        if options.raw:
            reason = " ".join(str(exc.orig).split())
            raise QueryError(f"invalid search syntax: {reason} (drop --raw to search the words literally)") from None
        # Operators that still do not combine (e.g. "a OR (NOT b)"): search the words.
        rows, marked, titles = _search(engine, options, sql.render_literal(nodes), sql)
    wanted = snippets.patterns(nodes) if nodes is not None else []
    results = []
    for row in rows:
        if options.speaker:
            snippet = marked.get(row.quote_id, row.quote_text)
        elif options.stem:
            snippet = stem_snippet(row.text, row.language, match)
        elif options.raw:
            snippet = marked.get(row.paragraph_id) or titles.get(row.article_id) or row.text
        else:  # an article found by its title shows its first paragraph, and the title marked
            snippet = _marked(row.text, wanted) or _marked(row.title, wanted) or row.text
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


def _search(engine: Engine, options: SearchOptions, match: str, sql: SearchSQL) -> tuple[list[sa.Row], dict, dict]:
    """The page of hits and the engine's snippets where Python cannot mark them (speaker, raw).

    Each attempt has a connection of its own: on PostgreSQL a rejected query ends its transaction.
    """
    marked: dict[int, str] = {}
    titles: dict[int, str] = {}
    with engine.connect() as connection, backend.of(engine).time_limit(connection, options.time_limit):
        rows = _page(connection, options, match, sql)
        if options.speaker:
            marked = sql.snippets(connection, "quotes", match, [r.quote_id for r in rows])
        elif options.raw:  # the engine's own syntax: only the engine can mark its matches
            marked = sql.snippets(connection, "paragraphs", match, [r.paragraph_id for r in rows])
            missing = [r.article_id for r in rows if r.paragraph_id not in marked]
            titles = sql.snippets(connection, "titles", match, missing)
    return rows, marked, titles
