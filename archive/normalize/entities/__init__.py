"""Entity extraction: people, organizations and places in one article, linked within it.

Rules first: gazetteers (CLDR countries, geonames cities, extra regions, Indonesian exonyms) and head
words for places, titles, roles, speech verbs and known first names for people, head words and acronyms
for organizations. In Indonesian text a small CRF tagger types the capitalized runs the rules leave
unsure (:mod:`.tagger`, :mod:`.refine`).
"""

from __future__ import annotations

from dataclasses import replace
from typing import Sequence

from archive.normalize.entities import gazetteer, lexicon, tagger, truecase
from archive.normalize.entities.resolve import Located, Resolver
from archive.normalize.entities.segment import segment
from archive.normalize.model import Entity, Mention

__all__ = ["extract_entities", "entity_key", "warm_up"]


def warm_up() -> None:
    """Load the gazetteers, word lists and the tagger's model now rather than on the first article."""
    gazetteer.get()
    lexicon.calendar_words()
    lexicon.indonesian_roots()
    tagger.model()


def extract_entities(paragraphs: Sequence[str], language: str | None, *, title: str | None = None,
                     dateline: str | None = None, speakers: Sequence[str] = ()) -> tuple[list[Entity], list[Mention]]:
    """Entities of one article (each once) and all their mentions, with exact offsets.

    Body paragraphs decide what is an entity; the title and dateline only add places, known
    organizations and further mentions of body entities (headline capitals prove nothing).
    """
    speaker_set = frozenset(" ".join(str(s).casefold().split()) for s in speakers if s)
    texts = [str(text) if text else "" for text in paragraphs]
    fields = {"title": str(title) if title else "", "dateline": str(dateline) if dateline else ""}
    caseless = truecase.caseless(texts)
    if caseless:  # an article without capitals: read a copy with its names capitalized (same offsets)
        own = texts, fields
        *texts, title_read, dateline_read = truecase.restore_all([*texts, *fields.values()], language)
        fields = {"title": title_read, "dateline": dateline_read}
    body: list[Located] = []
    for p, text in enumerate(texts):
        if not text:
            continue
        body.extend(Located(item, "paragraph", p) for item in segment(text, language, speaker_set))
    extra: list[Located] = []
    for field, text in fields.items():
        if text:
            extra.extend(Located(item, field, None) for item in segment(text, language, speaker_set, True))
    entities, mentions = Resolver(language).resolve(body, extra)
    if caseless:  # each mention is the article's own letters; the entity keeps the capitalized name
        mentions = [replace(m, surface=_text_of(m, *own)[m.start:m.end]) for m in mentions]
    return entities, mentions


def _text_of(mention: Mention, paragraphs: Sequence[str], fields: dict[str, str]) -> str:
    """The string a mention's offsets point into."""
    return paragraphs[mention.paragraph] if mention.field == "paragraph" else fields[mention.field]


def entity_key(name: str, type: str) -> str:
    """Canonical key of a name: ``place:<ISO>``/``place:<geonames id>`` or ``<type>:<casefolded name>``.

    Leading titles are dropped for people so a quote speaker "Presiden Joko Widodo" keys like
    "Joko Widodo".
    """
    words = " ".join(str(name).split())
    if type == "place":
        hit = gazetteer.get().abbreviations.get(words.replace(".", ""))
        return hit.key if hit else gazetteer.place_for(words).key
    if type == "person":
        parts = words.split()
        while len(parts) > 1:
            for n in (3, 2, 1):
                if len(parts) > n and tuple(gazetteer.norm(" ".join(parts[:n])).split()) in lexicon.TITLES:
                    parts = parts[n:]
                    break
            else:
                break
        words = " ".join(parts)
    return f"{type}:{words.casefold()}"
