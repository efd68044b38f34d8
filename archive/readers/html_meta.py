"""What a page says about its article: title, date, language, author and site candidates, each with its origin.

The reader reports; the normalizer decides (``archive.normalize.metadata``, ``dates``, ``language``). Nothing
here parses a date, picks a title or guesses a language: values are returned as the page writes them.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

import lxml.html

from archive.readers.base import Meta
from archive.titles import split_title, squash

# <meta> keys naming each field, by the attribute (name/property/http-equiv/itemprop) that holds them.
_META_KEYS = {
    "og:title": "title", "twitter:title": "title", "title": "title", "dc.title": "title",
    "og:site_name": "site",
    "content-language": "language", "language": "language", "og:locale": "language", "dc.language": "language",
}
_DATE_CLASS = re.compile(r"date|time|tanggal|tgl|publish|posted|schedule|waktu|byline", re.IGNORECASE)
_BYLINE_CHARS = 200  # a date element longer than this is a container, not a byline
_HEADLINE_SLACK = 30  # a displayed headline may carry this many letters of label beside the title
_HEADLINE_MIN = 12  # title parts shorter than this (site names, section labels) are not looked for
_JSON_LD_TYPES = re.compile(r"Article|Posting|Report|NewsArticle|BlogPosting|WebPage", re.IGNORECASE)


def page_metadata(tree: lxml.html.HtmlElement) -> list[Meta]:
    """Title, language and site candidates from ``<title>``, ``<meta>``, JSON-LD, ``<h1>`` and ``<html lang>``."""
    found: list[Meta] = []
    for lang in (tree.get("lang"), tree.get("xml:lang"), tree.get("{http://www.w3.org/XML/1998/namespace}lang")):
        if lang and lang.strip():
            found.append(Meta("language", lang.strip(), "<html lang>"))
    title = tree.find(".//title")
    if title is not None and title.text_content().strip():
        found.append(Meta("title", _text(title.text_content()), "<title>"))
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("http-equiv") or meta.get("itemprop") or "")
        field = _META_KEYS.get(key.strip().lower())
        content = _text(meta.get("content") or "")
        if field and content:
            found.append(Meta(field, content, key.strip().lower()))
    found.extend(_json_ld(tree))
    body = tree.find("body")
    for heading in (body.iter("h1") if body is not None else ()):
        text = _text(heading.text_content())
        if text:
            found.append(Meta("title", text, "<h1>"))
    return found


def displayed_headline(tree: lxml.html.HtmlElement, titles: list[str]) -> Meta | None:
    """The first element of the body, outside links, that prints a part of ``titles`` with at most a label beside it.

    Sites print a kicker with the headline that their metadata leaves out ("In Picture: ..."); what the reader
    sees is reported, and the normalizer decides whether it is the title.
    """
    keys = {squash(part) for title in titles for part in split_title(title)[0] if len(squash(part)) >= _HEADLINE_MIN}
    body = tree.find("body")
    if not keys or body is None:
        return None
    for node in body.iter():
        if not isinstance(node.tag, str) or node.tag in ("a", "script", "style", "h1"):
            continue
        text = squash(node.text or "")
        matched = [key for key in keys if key in text]
        if not matched:
            continue
        full = _text(node.text_content())
        if len(squash(full)) <= max(map(len, matched)) + _HEADLINE_SLACK and not any(
                a.tag == "a" for a in node.iterancestors()):
            return Meta("title", full, "displayed")
    return None


def byline_date(tree: lxml.html.HtmlElement) -> Meta | None:
    """The text of the first date-classed element after the headline (``Kamis, 05 November 2015 11:52``).

    Elements before the ``<h1>`` are skipped: sites print the day's date (not the article's) in their header.
    """
    headline = next(tree.iter("h1"), None)
    started = headline is None
    for element in tree.iter():
        if element is headline:
            started = True
            continue
        if not started or not isinstance(element.tag, str):
            continue
        if not _DATE_CLASS.search(f"{element.get('class') or ''} {element.get('id') or ''}"):
            continue
        text = _text(element.text_content())
        if text and len(text) <= _BYLINE_CHARS and re.search(r"\d", text):
            return Meta("published", text, "byline")
    return None


def _json_ld(tree: lxml.html.HtmlElement) -> Iterator[Meta]:
    for script in tree.iter("script"):
        if (script.get("type") or "").strip().lower() != "application/ld+json":
            continue
        try:
            data = json.loads(script.text or "")
        except ValueError:
            continue
        for item in _items(data):
            if not _JSON_LD_TYPES.search(str(item.get("@type", ""))):
                continue
            for key, field in (("headline", "title"), ("inLanguage", "language"), ("datePublished", "published")):
                if isinstance(item.get(key), str) and item[key].strip():
                    yield Meta(field, _text(html.unescape(item[key])), f"json-ld {key}")


def _items(data) -> Iterator[dict]:
    """Every object of a JSON-LD document (top level, lists and ``@graph``)."""
    stack = [data]
    while stack:
        value = stack.pop()
        if isinstance(value, list):
            stack.extend(reversed(value))
        elif isinstance(value, dict):
            yield value
            if isinstance(value.get("@graph"), list):
                stack.extend(reversed(value["@graph"]))


def _text(value: str) -> str:
    return " ".join(value.split())
