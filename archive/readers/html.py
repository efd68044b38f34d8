"""Saved news pages (``.html``/``.htm``): main text and metadata through trafilatura.

The page is repaired first (loose lead text wrapped into paragraphs, as many Indonesian CMSs leave it) and the
extracted paragraphs are filtered for the boilerplate trafilatura lets through (timestamps of related-article
lists, "Baca juga" links, credits, share bars), because downstream quote and entity rules read every paragraph.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Iterator
from pathlib import Path

import lxml.html
import trafilatura
from lxml import etree

from archive.errors import InputError
from archive.limits import MAX_ARTICLE_CHARS, MAX_DOCUMENT_BYTES, megabytes
from archive.readers.base import Meta, RawDocument, ReadOptions
from archive.readers.decoding import decode_bytes
from archive.readers.html_chunks import add_sibling_chunks
from archive.readers.html_cleanup import clean_paragraphs, prose
from archive.readers.html_meta import byline_date, displayed_headline, page_metadata
from archive.readers.html_recovery import choose, implausible, justext_paragraphs, main_block
from archive.urls import domain

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)
_LOOKS_LIKE_HTML = re.compile(r"<\s*(!doctype\s+html|html|head|body|title|meta|p|div|article)\b", re.IGNORECASE)
# Browsers read these labels as windows-1252 (WHATWG Encoding), and so do the pages that declare them.
_CP1252_LABELS = {"iso-8859-1", "iso8859-1", "latin-1", "latin1", "l1", "us-ascii", "ascii", "windows-1252", "cp1252"}

# Elements whose inline text runs may be "loose" (not inside any <p>), and the children that end such a run.
# Chosen on the en-html/id-html gold (python -m archive.evaluate bodies): the balanced extraction replaces the
# precise one when it is at least this many times longer.
_FALLBACK_RATIO = 4
# A page whose extraction holds no running text takes its description instead, if that is this long.
_DESCRIPTION_WORDS = 8
# A <div> of plain inline text this long becomes a <p> (readability's "div to p"), so trafilatura keeps it.
_DIV_TO_P_WORDS = 10
# An inline link list this long inside a paragraph is a widget (see _drop_link_clusters).
_LINK_CLUSTER_CHARS = 80
_NO_MAX_DATE = "2999-12-31"
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_CONTAINERS = ("div", "span", "td", "article", "section", "main", "font", "center", "blockquote")
_BLOCKS = {
    "p", "div", "ul", "ol", "dl", "table", "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "pre", "section",
    "article", "aside", "figure", "header", "footer", "nav", "form", "hr", "iframe", "script", "style", "noscript",
}


# libxml2 stops at a text node over 10 MB (an inline script or data blob) unless told the tree may be
# huge: the page then "has no text". MAX_DOCUMENT_BYTES bounds what it may take instead.
_PARSER = lxml.html.HTMLParser(huge_tree=True)


def read(path: str, options: ReadOptions) -> Iterator[RawDocument]:
    """Yield the article of one saved page."""
    if Path(path).stat().st_size > MAX_DOCUMENT_BYTES:
        raise InputError(f"page larger than {megabytes(MAX_DOCUMENT_BYTES)}: more than any news article needs")
    data = Path(path).read_bytes()
    if not data.strip():
        raise InputError("empty file")
    yield extract_html(decode_html(data), path)


def decode_html(data: bytes, declared: str | None = None) -> str:
    """Decode page bytes: BOM, then valid UTF-8, then the declared (HTTP or meta) charset, then detection.

    Valid UTF-8 wins over a declaration because mislabeled UTF-8 pages are common and random legacy bytes are
    almost never valid UTF-8.
    """
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return decode_bytes(data)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    match = _META_CHARSET.search(data[:8192])
    label = (declared or (match.group(1).decode("ascii") if match else "")).strip().lower()
    if label:
        encoding = "cp1252" if label in _CP1252_LABELS else label
        try:
            return data.decode(encoding)
        except (LookupError, UnicodeDecodeError):
            pass
    return decode_bytes(data)


def extract_html(html: str, path: str, record: int = 0, url: str | None = None) -> RawDocument:
    """Extract one article from page markup; ``url`` (e.g. a WARC target URI) overrides the page's own URL.

    Raises ``InputError`` when the markup is not HTML or holds no article text.
    """
    if "\x00" in html:
        raise InputError("binary file, not HTML")
    if not _LOOKS_LIKE_HTML.search(html[:65536]):
        raise InputError("not an HTML page (no HTML tags)")
    tree = _parse(html)
    _check_text_size(tree)
    found = page_metadata(tree)
    titles = [m.value for m in found if m.field == "title"]
    meta = _bare_extraction(tree, url)
    paragraphs = _paragraphs(meta, titles)
    # Precision mode sometimes keeps the wrong block (a reprint notice) or drops a short article (photo captions):
    # when the balanced extraction is much longer, it found the article the precise one missed.
    balanced = _bare_extraction(tree, url, mode="balanced")
    if balanced is not None:
        other = _paragraphs(balanced, titles)
        # In running text too: a list of other stories' headlines does not make an extraction longer.
        if all(_chars(kept(other)) > _FALLBACK_RATIO * _chars(kept(paragraphs)) for kept in (list, prose)):
            meta, paragraphs = balanced, other
    paragraphs = add_sibling_chunks(tree, paragraphs)
    block = main_block(tree)
    if implausible(paragraphs, block):
        recall = _bare_extraction(tree, url, mode="recall")
        paragraphs = choose(block, paragraphs, {
            "trafilatura recall": _paragraphs(recall, titles), "jusText": justext_paragraphs(tree, titles)})
    # A photo gallery or video page extracts to widgets and headlines of other stories, no running text: its
    # description (the lead caption) is the article.
    if meta is not None and not prose(paragraphs) and len((meta.description or "").split()) >= _DESCRIPTION_WORDS:
        paragraphs = clean_paragraphs([meta.description])
    if not paragraphs:
        raise InputError("no article text found in the page")
    page_url = url or (meta.url if meta else None)
    return RawDocument(
        source_path=path,
        record=record,
        format="html",
        text="\n".join(paragraphs),
        paragraphs=tuple(paragraphs),
        metadata=tuple(_candidates(tree, found, titles, meta)),
        url=page_url,
        source=_source(meta.sitename if meta else None, page_url),
    )


def _candidates(tree: lxml.html.HtmlElement, found: list[Meta], titles: list[str], meta) -> list[Meta]:
    """Everything the page says about its article, in the order the normalizer should try it."""
    out = list(found)
    displayed = displayed_headline(tree, titles)
    if displayed is not None:
        out.append(displayed)
    if meta is not None and meta.date:  # htmldate's reading of the page's date metadata (ISO)
        out.insert(0, Meta("published", meta.date, "page metadata"))
    byline = byline_date(tree)
    if byline is not None:
        out.append(byline)
    if meta is not None and meta.author:
        out.append(Meta("author", meta.author, "page metadata"))
    if meta is not None and meta.sitename:
        out.append(Meta("site", meta.sitename, "page metadata"))
    return out


def _chars(paragraphs: list[str]) -> int:
    return sum(map(len, paragraphs))


def _paragraphs(meta, titles: list[str]) -> list[str]:
    if meta is None:
        return []
    return clean_paragraphs(_lines(meta.text), titles)


def _parse(html: str) -> lxml.html.HtmlElement:
    # lxml refuses str input that carries an XML encoding declaration; strip it.
    html = re.sub(r"^\s*<\?xml[^>]*\?>", "", html)
    try:
        tree = lxml.html.document_fromstring(html, parser=_PARSER)
    except (etree.ParserError, ValueError) as exc:
        raise InputError(f"unparsable HTML ({exc})") from None
    # Comments are never content, and trafilatura cuts a paragraph at the first one (React pages write
    # "When <!-- -->President<!-- --> Trump..."): their tails (the text after them) stay.
    etree.strip_elements(tree, etree.Comment, with_tail=False)
    _drop_link_clusters(tree)
    _wrap_loose_runs(tree)
    return tree


def _drop_link_clusters(tree: lxml.html.HtmlElement) -> None:
    """Remove link lists nested inside paragraphs (hover cards of a name: "Ilhan Omar<span>Ilhan Omar Headline…").

    Prose links one phrase at a time; an inline element holding several links and nothing else is a widget the
    page shows on hover, and its text would run into the sentence.
    """
    for paragraph in tree.iter("p"):
        for element in list(paragraph.iterdescendants("span", "div", "ul")):
            links = [a for a in element.iter("a")]
            if len(links) < 2:
                continue
            text = " ".join(element.text_content().split())
            linked = sum(len(" ".join(a.text_content().split())) for a in links)
            if len(text) >= _LINK_CLUSTER_CHARS and linked >= 0.9 * len(text) - len(links):
                element.drop_tree()


def _check_text_size(tree: lxml.html.HtmlElement) -> None:
    """Refuse, before the costly extraction, a page whose visible text no article (with its page
    furniture around it) could fill: twice the article limit."""
    size = sum(map(len, tree.xpath("//body//text()[not(ancestor::script or ancestor::style)]")))
    if size > 2 * MAX_ARTICLE_CHARS:
        raise InputError(f"{size:,} characters of page text: more than any news article needs (at most {MAX_ARTICLE_CHARS:,})")


def _bare_extraction(tree: lxml.html.HtmlElement, url: str | None, mode: str = "precision"):
    try:
        return trafilatura.bare_extraction(
            tree,
            url=url,
            favor_precision=mode == "precision",
            favor_recall=mode == "recall",
            include_comments=False,
            include_tables=False,
            with_metadata=True,
            # Metadata only (JSON-LD, meta tags, <time>, URL): a date guessed from body text is often wrong.
            # No upper bound from the clock: the normalizer rejects future dates against the ``today`` it is given.
            date_extraction_params={"extensive_search": False, "original_date": True, "max_date": _NO_MAX_DATE},
        )
    except Exception:  # trafilatura raises assorted errors on broken markup; the caller decides what is fatal
        return None


def _wrap_loose_runs(tree: lxml.html.HtmlElement) -> None:
    """Wrap text that sits directly in a container among blocks or ``<br>``s into ``<p>`` elements.

    ``<div><b>Kapanlagi.com</b> - Lead sentence...<p>...`` otherwise loses its lead paragraph in trafilatura.
    """
    for element in list(tree.iter(*_CONTAINERS)):
        children = list(element)
        if element.tag == "div" and not any(
            isinstance(c.tag, str) and c.tag in _BLOCKS for c in element.iterdescendants()
        ) and len(element.text_content().split()) >= _DIV_TO_P_WORDS:
            element.tag = "p"
            continue
        if not any(isinstance(c.tag, str) and (c.tag in _BLOCKS or c.tag == "br") for c in children):
            continue
        if not (element.text and element.text.strip()) and not any(
            isinstance(c.tag, str) and c.tag not in _BLOCKS and c.tag != "br" and (c.text_content() or "").strip()
            or (c.tail and c.tail.strip())
            for c in children
        ):
            continue
        head, element.text = element.text, None
        for child in children:
            element.remove(child)
        run, after = _new_run(head), None
        for child in children:
            if isinstance(child.tag, str) and (child.tag in _BLOCKS or child.tag == "br"):
                tail, child.tail = child.tail, None
                _flush(element, run, after)
                if child.tag != "br":
                    element.append(child)
                    after = child
                run = _new_run(tail)
            else:
                run.append(child)
        _flush(element, run, after)


def _new_run(text: str | None) -> lxml.html.HtmlElement:
    run = lxml.html.Element("p")
    run.text = text
    return run


def _flush(parent: lxml.html.HtmlElement, run: lxml.html.HtmlElement, after) -> None:
    """Append a run as a ``<p>``, or unwrapped when it is no paragraph of the story.

    Not a paragraph: a short run with no loose text (a ``<strong>`` label, a "close" link), and the teaser text
    under another story's linked headline (``<h4><a href>Title</a></h4> Lead...`` in a sidebar).
    """
    text = run.text_content().strip()
    if not text:
        return
    loose = (run.text or "").strip() or any((child.tail or "").strip() for child in run)
    teaser = after is not None and after.tag in _HEADINGS and _all_linked(after)
    if teaser or not loose and len(text.split()) < _DIV_TO_P_WORDS:
        if len(parent):
            parent[-1].tail = (parent[-1].tail or "") + (run.text or "")
        else:
            parent.text = (parent.text or "") + (run.text or "")
        parent.extend(list(run))
    else:
        parent.append(run)


def _all_linked(element: lxml.html.HtmlElement) -> bool:
    text = element.text_content().strip()
    return bool(text) and sum(len(a.text_content().strip()) for a in element.iter("a") if a.get("href")) >= len(text)


def _lines(text: str | None) -> list[str]:
    return [line for line in (text or "").split("\n") if line.strip()]


def _source(sitename: str | None, url: str | None) -> str | None:
    """The site name from metadata, unless it is a URL or handle; else the URL's domain."""
    if sitename:
        name = sitename.strip().lstrip("@")
        if name and "/" not in name and not name.lower().startswith("http"):
            return name
    return domain(url)
