"""Implausible extractions: detected against the page's main text block, recovered by a second extractor."""

import lxml.html

from archive.readers import html as html_reader
from archive.readers.html_recovery import choose, implausible, main_block

STORY = [f"Paragraph {n} of the story says the council approved the new bridge after a long debate on Monday."
         for n in range(12)]
PAGE = ("<html><body><nav><p>Home. News. Sport. Weather and more sections of the site are listed here.</p></nav>"
        "<article><h1>Bridge approved</h1>" + "".join(f"<p>{p}</p>" for p in STORY) + "</article>"
        "<aside><p>Other story: the mayor opened a park on Sunday with a speech about trees.</p></aside></body></html>")


def test_main_block_is_the_element_with_most_running_text():
    assert main_block(lxml.html.document_fromstring(PAGE)).split("\n") == STORY


def test_an_extraction_missing_most_of_the_main_block_is_implausible():
    block = "\n".join(STORY)
    assert implausible(STORY[:2], block)
    assert not implausible(STORY, block)
    assert not implausible(STORY[:2], "\n".join(STORY[:4]))  # a short block is no evidence


def test_choose_takes_the_candidate_holding_the_block_but_not_the_whole_page():
    block = "\n".join(STORY)
    whole_page = STORY * 4
    assert choose(block, STORY[:2], {"page": whole_page, "recall": STORY + ["Share this"]}) == STORY + ["Share this"]
    assert choose(block, STORY[:2], {"page": whole_page}) == STORY[:2]  # nothing plausible: the extraction stands
    assert choose(block, STORY[:2], {"half": STORY[:6]}) == STORY[:2]  # must hold most of the block


def test_reader_recovers_when_the_first_extraction_stopped_early(monkeypatch):
    # Simulate an extractor that stopped after two paragraphs (as trafilatura did on comment-split paragraphs).
    monkeypatch.setattr(html_reader, "add_sibling_chunks", lambda tree, paragraphs: paragraphs[:2])
    document = html_reader.extract_html(PAGE, "x.html")
    assert list(document.paragraphs) == STORY
