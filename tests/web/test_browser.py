"""A real browser on ``archive serve``: headless Chromium (Debian's package) loads the quotes-by-speaker
page and a search, and the test reads what the page shows (the DOM after loading, ``--dump-dom``).

Skipped, with the reason, only where no Chromium can be started; under CI (``CI`` set) that is a
failure instead: ``.ci/run`` installs Chromium when it is missing.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import urllib.parse
from pathlib import Path

import lxml.html
import pytest

from tests.reliability.conftest import run_cli

FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run",
)


class Chromium:
    def __init__(self, binary: str, profiles: Path) -> None:
        self.binary, self.profiles, self.runs = binary, profiles, 0

    def _run(self, *args: str) -> subprocess.CompletedProcess:
        self.runs += 1
        profile = self.profiles / f"profile-{self.runs}"  # a fresh profile for every page
        return subprocess.run(
            [self.binary, *FLAGS, f"--user-data-dir={profile}", *args],
            capture_output=True, text=True, timeout=120, stdin=subprocess.DEVNULL,
        )

    def page(self, url: str) -> lxml.html.HtmlElement:
        """The page at ``url`` as the browser built it."""
        done = self._run("--dump-dom", url)
        assert done.returncode == 0 and "<html" in done.stdout, done.stderr[-2000:]
        return lxml.html.fromstring(done.stdout)


def _start(binary: str | None, profiles: Path) -> tuple[Chromium | None, str]:
    if binary is None:
        return None, "no Chromium on PATH (Debian: apt-get install chromium)"
    chromium = Chromium(binary, profiles)
    try:
        done = chromium._run("--dump-dom", "about:blank")
    except (OSError, subprocess.TimeoutExpired) as exc:
        return None, f"Chromium ({binary}) does not start: {exc}"
    if done.returncode != 0 or "<html" not in done.stdout:
        return None, f"Chromium ({binary}) does not start: exit {done.returncode}, {done.stderr.strip()[-300:]}"
    return chromium, ""


@pytest.fixture(scope="module")
def chromium(tmp_path_factory) -> Chromium:
    binary = next((found for name in ("chromium", "chromium-browser") if (found := shutil.which(name))), None)
    browser, reason = _start(binary, tmp_path_factory.mktemp("chromium"))
    if browser is None:
        if os.environ.get("CI"):
            pytest.fail(f"the browser test must run in CI: {reason}")
        pytest.skip(reason)
    return browser


def _cells(page, column: str) -> list:
    """The cells of a column in the page's results table."""
    return page.xpath(f'//table[contains(@class, "rows-and-columns")]//td[contains(concat(" ", @class, " "), " col-{column} ")]')


def _texts(page, column: str) -> list[str]:
    return [cell.text_content().strip() for cell in _cells(page, column)]


def test_quotes_by_speaker_page_shows_the_speakers_quotes(chromium, server):
    page = chromium.page(f"{server.url}/quotes_by_speaker?speaker={urllib.parse.quote('putin')}")
    assert page.xpath("//h1")[0].text_content().strip() == "Quotes by speaker"
    assert page.xpath('//input[@name="speaker"]')[0].get("value") == "putin"
    cli = json.loads(run_cli(server.db, "quotes", "--speaker", "putin", "--json").stdout)
    assert _texts(page, "text") == [q["text"] for q in cli] and len(cli) == 3
    assert set(_texts(page, "speaker")) == {"Vladimir Putin"}
    links = [a.get("href") for cell in _cells(page, "article_id") for a in cell.xpath(".//a")]
    assert links == [f"/archive/articles/{q['article_id']}" for q in cli]


def test_search_box_finds_kudeta(chromium, server):
    page = chromium.page(f"{server.url}/paragraphs?_search=kudeta")
    assert page.xpath('//input[@name="_search"]')[0].get("value") == "kudeta"
    texts = _texts(page, "text")
    assert texts and all("kudeta" in text.lower() for text in texts)
    assert 'search matches "kudeta"' in " ".join(h.text_content() for h in page.xpath("//h3"))
    ranked = chromium.page(f"{server.url}/search?q=kudeta")
    assert [s for s in _texts(ranked, "snippet") if "**kudeta**" in s]
