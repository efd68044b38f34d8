"""Bytes to text: UTF-8 (with or without BOM) and UTF-16/32 by BOM; anything else detected, never guessed."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from archive.errors import InputError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)

# Leading bytes of binary formats that charset detection might still call "text".
_BINARY_MAGIC = (b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"%PDF", b"PK\x03\x04", b"\x7fELF", b"\x1f\x8b")


def decode_bytes(data: bytes) -> str:
    """Decode a scraped file's bytes to ``str``; raise ``InputError`` for binary or undecodable data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom):].decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(f"invalid {encoding} after its byte-order mark ({exc.reason})") from None
    if data.startswith(_BINARY_MAGIC):
        raise InputError("binary file, not text")
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        text = _detect(data)
    if "\x00" in text:
        raise InputError("binary file, not text (contains NUL bytes)")
    return text


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
