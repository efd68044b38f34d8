"""Character-level cleanup of scraped text: mojibake, control characters, Unicode form, whitespace."""

from __future__ import annotations

import re
import unicodedata

import ftfy

# Byte sequences that show UTF-8 decoded as cp1252/latin-1 ("â€œ", "Ã©"); only text carrying
# them goes through ftfy, which is too slow to run on every clean article.
_MOJIBAKE_HINT = re.compile("[ÃÂâ][\u0080-\u00bf\u2018-\u203a€™œž]")
# C0/C1 controls except tab and newline, zero-width characters and the BOM inside text.
_CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u200b-\u200d\u2060\ufeff]")
# Lone UTF-16 surrogates (from broken "\ud83d" escapes in JSON) cannot be encoded or stored.
_SURROGATE = re.compile("[\ud800-\udfff]")
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def clean_text(text: str) -> str:
    """Repair mojibake, drop control characters, NFC-normalize and unify line endings."""
    if _MOJIBAKE_HINT.search(text):
        text = ftfy.fix_text(text, normalization="NFC")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\u2028", "\n").replace("\u2029", "\n")
    text = _CONTROL.sub("", text)
    text = _SURROGATE.sub("\ufffd", text)
    return unicodedata.normalize("NFC", text)


def clean_line(line: str) -> str:
    """Collapse runs of spaces (including no-break and wide spaces) and trim the ends."""
    return _SPACES.sub(" ", line).strip()


def fold(text: str) -> str:
    """A comparison key: case-folded, whitespace-collapsed (for duplicate detection)."""
    return " ".join(text.casefold().split())


def fold_name(name: str) -> str:
    """A name as look-ups compare it: case folded in any script ("Émile Zola" -> "émile zola"),
    hyphens as spaces, spacing squeezed ("Kassym-Jomart" and "kassym jomart" agree)."""
    return " ".join(name.casefold().replace("-", " ").split())
