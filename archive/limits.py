"""Size limits: what no news article needs, refused with a reason before it costs minutes or gigabytes.

The longest news features run to some 20,000 words (about 150 KB of text); saved pages with their
scripts and inlined images reach a few MB. The limits are far above both, and far below what would
keep a worker busy for minutes or fill its memory.
"""

from __future__ import annotations

# One single-article file (``.txt``, ``.html``) or one record of a multi-record file (a WARC response).
MAX_DOCUMENT_BYTES = 20 * 1024 * 1024
# The text of one article as the normalizer receives it: about 150,000 words, a long novel.
MAX_ARTICLE_CHARS = 1_000_000


def megabytes(size: int) -> str:
    """``size`` bytes as "20 MB" for a one-line reason."""
    return f"{size / (1024 * 1024):.0f} MB" if size >= 1024 * 1024 else f"{size / 1024:.0f} KB"
