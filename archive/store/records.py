"""What the writer takes: one normalized article as plain tuples, shaped like the rows it becomes.

The ingest workers turn each ``Article`` into a record (``from_article``) before it crosses to the
parent: plain tuples of ``str``/``int``/``None`` pickle and unpickle several times faster than a
graph of dataclasses, and every value the rows need that does not depend on the database (the
folded speaker, the folded alias, the JSON of the author list) is computed there, in parallel,
rather than in the single writer. Only ids are left for the writer to fill in. No database code
here: the workers import this module without SQLAlchemy.
"""

from __future__ import annotations

import json

from archive.normalize.cleanup import fold_name
from archive.normalize.model import Article

# A record: (source_path, record, content_hash, url, simhash, article_row, paragraphs, stems,
#            entities, aliases, quotes, mentions), indexed by these names.
SOURCE_PATH, RECORD, CONTENT_HASH, URL, SIMHASH, ROW, PARAGRAPHS, STEMS, ENTITIES, ALIASES, QUOTES, MENTIONS = range(12)

# ``article_row``: the articles columns but ``id`` (reserved by the writer) and ``ingested_at`` (its clock).
ARTICLE_COLUMNS = ("source_path", "record", "format", "content_hash", "title", "published", "published_from",
                   "dateline", "language", "language_from", "editor", "url", "source", "authors", "related", "simhash")
# ``entities``: (key, name, type); ``aliases``: (entity key, alias, folded alias), sorted, no repeats.
# ``quotes``: a paragraph position, the speaker's entity key, then the quotes columns that follow.
QUOTE_COLUMNS = ("speaker", "role", "cue", "text", "start", "end", "speaker_folded", "rule")
# ``mentions``: the entity key, a paragraph position (None outside the body), then these columns.
MENTION_COLUMNS = ("field", "surface", "start", "end")


def from_article(article: Article) -> tuple:
    """The record of a normalized article (what the ingest workers send, and the writer stores)."""
    a = article
    row = (a.source_path, a.record, a.format, a.content_hash, a.title, a.published, a.published_from, a.dateline,
           a.language, a.language_from, a.editor, a.url, a.source,
           json.dumps(a.authors, ensure_ascii=False) if a.authors else None,
           json.dumps(a.related, ensure_ascii=False) if a.related else None,
           a.simhash)
    entities = tuple((e.key, e.name, e.type) for e in a.entities)
    aliases = tuple(sorted({(e.key, alias, alias.casefold()) for e in a.entities for alias in (e.name, *e.aliases)}))
    quotes = tuple(
        (q.paragraph, q.speaker_key, q.speaker, q.role, q.cue, q.text, q.start, q.end,
         fold_name(q.speaker) if q.speaker else None, q.rule)
        for q in a.quotes
    )
    mentions = tuple((m.entity_key, m.paragraph, m.field, m.surface, m.start, m.end) for m in a.mentions)
    stems = tuple(a.stemmed) if a.stemmed else ("",) * len(a.paragraphs)
    return (a.source_path, a.record, a.content_hash, a.url, a.simhash, row, tuple(a.paragraphs), stems,
            entities, aliases, quotes, mentions)
