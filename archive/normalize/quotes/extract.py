"""Put the pieces together: find the spans, run the rules on each, carry speakers over to the quotes
that continue one (over paragraphs, or a paragraph after its speaker), then resolve the names."""

from __future__ import annotations

import logging
from dataclasses import replace
from typing import Callable, Sequence

from ..model import Quote
from .marks import find_spans, opens_paragraph
from .resolve import resolve
from .rules import rules_for
from .site import Found, Rule, Site, apply_rules, sentence_like

log = logging.getLogger(__name__)


def extract_quotes(paragraphs: Sequence[str], language: str | None) -> list[Quote]:
    """Quotes of an article in document order, each with its speaker, cue and rule when attributed.

    Never raises: an article that defeats the rules is logged and yields no quotes rather than a
    failed ingest.
    """
    try:
        quotes = extract(paragraphs, language)
    except Exception:  # pragma: no cover - last resort; tests call extract() directly
        log.warning("quote extraction failed on an article of %d paragraphs", len(paragraphs), exc_info=True)
        return []
    if len(quotes) >= 3 and not any(q.speaker for q in quotes):
        # an article whose many quotes no rule attributes: worth a look when tuning the rules
        log.debug("no speaker for any of %d quotes (%s, first: %.60r)", len(quotes), language, quotes[0].text)
    return quotes


def extract(paragraphs: Sequence[str], language: str | None) -> list[Quote]:
    """The rules of :func:`extract_quotes`, without the safety net.

    A line break inside a paragraph ends it as far as quotes go (a list of testimonials, a
    transcript): each line is read as a paragraph and the offsets are given back in the paragraph."""
    paras = [p if isinstance(p, str) else "" for p in paragraphs]
    if not any("\n" in p for p in paras):
        return _extract(paras, language)
    lines, origin = split_lines(paras)
    out = []
    for q in _extract(lines, language):
        para, offset = origin[q.paragraph]
        out.append(replace(q, paragraph=para, start=q.start + offset, end=q.end + offset))
    return out


def split_lines(paragraphs: list[str]) -> tuple[list[str], list[tuple[int, int]]]:
    """Paragraphs split at line breaks, as the extractor reads them, with where each line comes
    from: (paragraph, offset of the line in it)."""
    lines: list[str] = []
    origin: list[tuple[int, int]] = []
    for i, text in enumerate(paragraphs):
        offset = 0
        for line in text.split("\n"):
            lines.append(line)
            origin.append((i, offset))
            offset += len(line) + 1
    return lines, origin


def _extract(
    paras: list[str],
    language: str | None,
    rules: Sequence[Rule] | None = None,
    observe: Callable[[Site, Found], None] | None = None,
) -> list[Quote]:
    """``rules`` replaces the language's list; ``observe`` sees each quote's site and what the rules
    decided (the training of the learned rule reads the quotes no rule attributed)."""
    rules = rules_for(language) if rules is None else rules
    items: list[Found] = []
    prev_unclosed: Found | None = None
    previous: Found | None = None
    prev_text = -1  # the last paragraph with text: scraped bodies put blank lines between paragraphs
    for i, text in enumerate(paras):
        if not text.strip():
            continue
        before, prev_text = prev_text, i
        spans = find_spans(text)
        lo = 0
        last: Found | None = None
        earlier: list[Found] = []
        for k, span in enumerate(spans):
            if not span.closed and span.single and not _next_opens(paras, i, single=True):
                continue  # an unmatched single mark is an apostrophe we could not tell apart
            continued = k == 0 and prev_unclosed is not None and opens_paragraph(text, span)
            limit = spans[k + 1].open if k + 1 < len(spans) else len(text)
            site = Site(paras, i, before, span, k, lo, limit, language, continued, last, earlier, previous, items)
            item = Found(i, span, whole=site.whole)
            item.attribution, item.rule = apply_rules(site, rules)
            if observe is not None:
                observe(site, item)
            if item.attribution is None:
                item.rule = None
            if continued and prev_unclosed is not None:
                if prev_unclosed.chain is None:
                    prev_unclosed.chain = items.index(prev_unclosed)
                item.chain = prev_unclosed.chain
            elif span.continues and last is not None:  # '"A. "B."' inside one paragraph
                if last.chain is None:
                    last.chain = len(items) - 1
                item.chain = last.chain
            items.append(item)
            last = item
            earlier.append(item)
            if item.attribution is not None:
                previous = item
            att = item.attribution
            lo = att.end if att and att.end > span.close else span.close
        prev_unclosed = last if last and not last.span.closed else None
    _share_chains(items)
    _inherit_paragraphs(items, paras)
    return resolve(items, paras, language)


def _next_opens(paras: list[str], i: int, single: bool) -> bool:
    nxt = next((p.lstrip() for p in paras[i + 1 :] if p.strip()), "")
    return nxt[:1] in ("‘'" if single else "\"“”„«")


def _share_chains(items: list[Found]) -> None:
    """A quote continued over paragraphs is one quote: every piece gets the attribution found
    (the closing piece's cue first, else the opening piece's lead-in)."""
    groups: dict[int, list[Found]] = {}
    for item in items:
        if item.chain is not None:
            groups.setdefault(item.chain, []).append(item)
    for pieces in groups.values():
        owner = next((p for p in reversed(pieces) if p.attribution and p.attribution.source == "tail"), None)
        owner = owner or next((p for p in pieces if p.attribution), None)
        if owner is None:
            continue
        for piece in pieces:
            if piece.attribution is None or (piece.attribution.source == "previous" and owner.attribution.source == "tail"):
                piece.attribution, piece.rule = owner.attribution, "chain"  # the quote's own cue beats the sentence before it


def _inherit_paragraphs(items: list[Found], paras: list[str]) -> None:
    """A paragraph that is only a quote, right after a paragraph ending in an attributed quote,
    continues that speaker (news style: the attribution is not repeated)."""
    for n in range(1, len(items)):
        item, prev = items[n], items[n - 1]
        if item.attribution or not item.whole or not prev.attribution or prev.para >= item.para:
            continue
        if any(paras[p].strip() for p in range(prev.para + 1, item.para)):
            continue
        text = paras[item.para]
        quoted = text[item.span.start : item.span.end]
        if not quoted[:1].isupper() and not quoted[:1].isdigit():
            continue  # "“… prevent the evacuation …”": a fragment set as a heading, not more speech
        if sentence_like(quoted) and prev.attribution.phrase:
            item.attribution, item.rule = prev.attribution, "next-paragraph"
