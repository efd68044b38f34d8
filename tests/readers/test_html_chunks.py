"""Stories cut into repeated containers: the containers after (or before) the extracted one are added."""

import lxml.html

from archive.readers.html import extract_html
from archive.readers.html_chunks import add_sibling_chunks

SENTENCE = "The council said on Monday that the new bridge would open to traffic in the spring of next year."


def _chunk(n: int, css: str = "article__body") -> str:
    paragraphs = "".join(f"<p>{SENTENCE} Part {n}, paragraph {k}.</p>" for k in range(3))
    return f'<div class="row"><div class="{css}">{paragraphs}</div></div>'


def test_cousin_containers_of_the_same_kind_are_added_in_page_order():
    html = f'<html><body><div class="chunks">{_chunk(1)}<div class="ad">Advertisement</div>{_chunk(2)}</div></body></html>'
    tree = lxml.html.document_fromstring(html)
    first = [f"{SENTENCE} Part 1, paragraph {k}." for k in range(3)]
    assert add_sibling_chunks(tree, first) == first + [f"{SENTENCE} Part 2, paragraph {k}." for k in range(3)]


def test_containers_of_another_kind_or_far_away_are_not_added():
    other = '<div class="row"><div class="teaser">' + f"<p>{SENTENCE} Another story.</p>" * 3 + "</div></div>"
    far = f'<footer><div><div class="x">{_chunk(3)}</div></div></footer>'
    html = f'<html><body><div class="chunks">{_chunk(1)}{other}</div>{far}</body></html>'
    tree = lxml.html.document_fromstring(html)
    first = [f"{SENTENCE} Part 1, paragraph {k}." for k in range(3)]
    assert add_sibling_chunks(tree, first) == first


def test_link_lists_in_a_cousin_container_are_not_story_text():
    links = "".join(f'<p><a href="/{k}">{SENTENCE} Link {k}.</a></p>' for k in range(3))
    html = (f'<html><body><div class="chunks">{_chunk(1)}'
            f'<div class="row"><div class="article__body">{links}</div></div></div></body></html>')
    tree = lxml.html.document_fromstring(html)
    first = [f"{SENTENCE} Part 1, paragraph {k}." for k in range(3)]
    assert add_sibling_chunks(tree, first) == first


def test_reader_recovers_a_story_split_by_ads():
    chunks = "".join(_chunk(n) + '<div class="row full-ad"><span>Advertisement</span></div>' for n in range(1, 4))
    html = f"<html><head><title>Bridge</title></head><body><article><h1>Bridge</h1><div class='chunks'>{chunks}</div></article></body></html>"
    document = extract_html(html, "x.html")
    assert [p.split("Part ")[1][:1] for p in document.paragraphs] == ["1"] * 3 + ["2"] * 3 + ["3"] * 3
