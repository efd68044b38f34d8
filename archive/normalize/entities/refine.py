"""Hand the runs the rules left unsure to the learned tagger, and take the spans it is sure of."""

from __future__ import annotations

from typing import Mapping, Sequence

from archive.normalize import lexicon as shared_lexicon
from archive.normalize.entities import gazetteer, people, tagger
from archive.normalize.entities.items import Item
from archive.normalize.entities.tokens import Token

# The least marginal probability the tagger must give every label of a span of each kind for the span
# to count. Lower finds more on NERGrit and adds entities the hand-annotated news sets do not have (see
# the README's quality table and ``python -m archive.evaluate nergrit --min-confidence``). The tagger's
# organizations are its least precise spans (a band, a company, or a title of a work?), so they need
# more than people and places: chosen on NERGrit's cross-validation with the news sets' gates held.
MIN_CONFIDENCE = {"person": 0.7, "place": 0.7, "org": 0.85}
_settings = dict(MIN_CONFIDENCE)
_UNTYPED = ("run", "acro")  # the rules' spans of a name they could not type


def set_min_confidence(value: float | Mapping[str, float] | None) -> None:
    """Change the confidence a tagged span needs: one value for every kind (the evaluation's trade-off
    curve), one per kind, or ``None`` for the shipped :data:`MIN_CONFIDENCE`."""
    if value is None:
        value = MIN_CONFIDENCE
    _settings.update(value if isinstance(value, Mapping) else dict.fromkeys(MIN_CONFIDENCE, float(value)))


def refine(text: str, tokens: Sequence[Token], items: list[Item], language: str | None) -> list[Item]:
    """``items`` with the tagger's spans for each unsure run (see :func:`tagger.unsure`).

    The rules keep the last word: a tagged span must cover a name the rules could not type (a bare
    run or a lone acronym) and may not cut a name they settled, except to take a place into an
    organization's name ("PSMS Medan", "Arema Malang"). A span naming a site (lexicon/data/id/
    site_heads.txt: "Istana Merdeka", "Jalan Tunjungan") is no entity here, and a bare first name
    is left for the resolver to link to a full name.
    """
    untyped = [it for it in items if it.kind in _UNTYPED]
    if not untyped:
        return items  # the common case: nothing for the tagger to decide (and no features computed)
    rule = tagger.rule_labels(tokens, items)
    model = None
    added: list[Item] = []
    for lo, hi in tagger.runs(text, tokens):
        start, end = tokens[lo].start, tokens[hi - 1].end
        if not any(start < it.end and it.start < end for it in untyped) or \
                not tagger.unsure(tokens, lo, hi, rule, language):
            continue
        if model is None:
            model = tagger.model()
            if model is None:
                return items  # no model installed (tagger.model logs it once): the rules' spans stand
        for a, b, kind, confidence in model.spans(text, tokens, lo, hi, rule):
            if confidence < _settings[kind]:
                continue
            if tokens[a].norm in site_heads() or (
                    kind == "person" and b - a == 1 and people.is_first_name(tokens[a].text, language)):
                continue
            start, end = tokens[a].start, tokens[b - 1].end
            surface = text[start:end]
            item = Item(kind, start, end, surface, gazetteer.place_for(surface) if kind == "place" else None,
                        sentence_start=tokens[a].sentence_start, size=b - a)
            if _allowed(item, items):
                added.append(item)
    added = [a for a in added if all(_covered(it, added) for it in untyped if _overlap(a, it))]
    if not added:
        return items
    kept = [it for it in items if not any(_overlap(a, it) for a in added)]
    return sorted(kept + added, key=lambda it: it.start)


def site_heads() -> frozenset[str]:
    """First words of the names of sites, buildings and streets (no entities in this archive)."""
    return shared_lexicon.words("site_heads", ("id",))


def _allowed(new: Item, items: list[Item]) -> bool:
    """The span covers an untyped name of the rules and cuts none of their typed ones (but may take
    a place into an organization's name)."""
    covers_untyped = False
    for it in items:
        if not _overlap(new, it):
            continue
        if it.kind in _UNTYPED:
            covers_untyped = True
        elif not (it.kind == "place" and new.kind == "org" and new.start <= it.start and it.end <= new.end):
            return False
    return covers_untyped


def _covered(item: Item, spans: list[Item]) -> bool:
    """Every word of ``item`` lies in one of ``spans``: the tagger typed the whole untyped name, not
    a piece of it ("London" of the film "London Love Story" is no place)."""
    pos = item.start
    for span in sorted(spans, key=lambda s: s.start):
        if span.start <= pos < span.end:
            pos = span.end
            while pos < item.end and not item.surface[pos - item.start].isalnum():
                pos += 1  # the space (or hyphen) before the next word
    return pos >= item.end


def _overlap(a: Item, b: Item) -> bool:
    return a.start < b.end and b.start < a.end
