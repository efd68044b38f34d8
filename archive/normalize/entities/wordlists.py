"""Word lists for the entity rules, loaded once from the package's ``data/`` folder.

``EN_WORDS`` (``data/en_words.txt``): lower-case English words of SCOWL size 35 (Debian's
wamerican-small and wbritish-small, Copyright 2000-2019 Kevin Atkinson, permissive licence: use,
copy, modify and distribute without fee). A capitalized token whose lower-case form is here is an
ordinary English word.

``CENSUS_FIRST_NAMES`` (``data/census_first_names.txt``): given names of the 1990 US Census name lists
(public domain), less ordinary words that are rarely names ("Hope", "Summer", "King").
"""

from __future__ import annotations

from importlib.resources import files


def _load(name: str) -> frozenset[str]:
    text = files("archive.normalize.entities").joinpath("data", name).read_text(encoding="utf-8")
    return frozenset(text.split())


EN_WORDS = _load("en_words.txt")
CENSUS_FIRST_NAMES = _load("census_first_names.txt")
