"""Load the normalizer's lazily built data (language model, gazetteer, lexicons, stemmers) once.

``archive ingest``'s forkserver calls ``warm_up()`` (archive/ingest/worker_data.py) before it forks
the workers: the data is then built once and shared copy-on-write, instead of every worker spending
a second or two building its own copy (and holding its own tens of megabytes).
"""

from __future__ import annotations

from archive.normalize.pipeline import normalize
from archive.readers.base import RawDocument

_SAMPLES = (
    ("id", "Presiden Bicara di Jakarta\n\nJAKARTA - Presiden Joko Widodo mengatakan pada hari Senin (10/1/2022) "
           "bahwa pemerintah akan terus membangun. \"Kami siap bekerja,\" kata Widodo di Istana Negara.\n(esn)"),
    ("en", "President Speaks in London\n\nLONDON (Reuters) - Prime Minister John Smith said on January 10, 2022 "
           "that the government would keep building. \"We are ready,\" Smith told Reuters in London."),
)


def warm_up() -> None:
    """Normalize a short Indonesian and a short English article (results are discarded)."""
    for language, text in _SAMPLES:
        try:
            normalize(RawDocument(source_path=f"<warm-up {language}>", text=text, format="text"))
        except Exception:  # noqa: BLE001 - warming is an optimization; a failure shows up in real work
            pass
