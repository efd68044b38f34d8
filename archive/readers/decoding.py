"""Bytes to text: UTF-8 (with or without BOM) and UTF-16/32 by BOM; anything else detected, never guessed.

Text that is UTF-8 but for a few stray bytes (a truncated download, one Latin-1 character pasted
in) stays UTF-8: the stray bytes become U+FFFD and the file's report says how many.
"""

from __future__ import annotations

import codecs
import logging
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from archive.errors import InputError

log = logging.getLogger(__name__)

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading bytes of binary formats that charset detection might still call "text".
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


# surrogateescape decoding turns each byte that is not UTF-8 into one of these.
_STRAY = re.compile("[\udc80-\udcff]")
_MULTIBYTE = re.compile("[^\x00-\x7f\udc80-\udcff]")


@dataclass(frozen=True)
class Decoded:
    """Decoded text, and what decoding had to repair (for the file's report), if anything."""

    text: str
    note: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode a scraped file's bytes; raise ``InputError`` for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return Decoded(data[len(bom):].decode(encoding))
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} after its byte-order mark ({exc.reason})") from None
    if data.startswith(_BINARY_MAGIC):
        raise InputError("binary file, not text")
    note = None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text, stray = _mostly_utf8(data)
        if stray:
            note = f"{stray} byte{'s' if stray > 1 else ''} that {'are' if stray > 1 else 'is'} not UTF-8 replaced with U+FFFD"
        else:
            text = _detect(data)
    if "\x00" in text:
        raise InputError("binary file, not text (contains NUL bytes)")
    return Decoded(text, note)


def decode_bytes(data: bytes) -> str:
    """:func:`decode` for callers without a report to fill: a repair is logged."""
    decoded = decode(data)
    if decoded.note:
        log.warning("%s", decoded.note)
    return decoded.text


def _mostly_utf8(data: bytes) -> tuple[str, int]:
    """The bytes as UTF-8 with stray bytes replaced, and how many, when the text is UTF-8 at heart.

    Legacy single-byte text (cp1252) almost never forms valid UTF-8 sequences by accident, so text
    whose valid multi-byte characters outnumber its stray bytes is UTF-8 with damage, not another
    encoding. Otherwise ``("", 0)``: the encoding is detected instead.
    """
    text = data.decode("utf-8", "surrogateescape")
    stray = len(_STRAY.findall(text))
    if stray > len(_MULTIBYTE.findall(text)):
        return "", 0
    return _STRAY.sub("\ufffd", text), stray


def _detect(data: bytes) -> str:
    matches = list(from_bytes(data))
    if not matches:
        raise InputError("cannot detect the text encoding (binary file?)")
    # Single-byte Latin code pages often decode the same bytes equally cleanly (cp1250 and
    # cp1252 tie on "café"). Among the cleanest readings prefer cp1252: it is what Western and
    # Indonesian pages declared as latin-1 or windows-1252 really are.
    cleanest = min(m.chaos for m in matches)
    tied = [m for m in matches if m.chaos <= cleanest + 0.01]
    chosen = next((m for m in tied if m.encoding == "cp1252"), tied[0])
    return str(chosen)
