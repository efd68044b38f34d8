import codecs

import pytest

from archive.errors import InputError
from archive.readers.decoding import decode_bytes

TEXT = "Kata Putin: “Tentu saja” — café, Jum'at"


@pytest.mark.parametrize(
    "data",
    [TEXT.encode("utf-8"), codecs.BOM_UTF8 + TEXT.encode("utf-8"), codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be")],
)
def test_unicode_encodings(data):
    assert decode_bytes(data) == TEXT


def test_cp1252_is_detected():
    text = "Le café “délicieux” coûte 5 € à Paris, dit-il. Das Mädchen läuft über die Straße. " * 3
    assert decode_bytes(text.encode("cp1252")) == text


@pytest.mark.parametrize("data", [b"\x89PNG\r\n\x1a\n" + bytes(range(256)), b"abc\x00def\x00\x00" * 10])
def test_binary_is_rejected(data):
    with pytest.raises(InputError):
        decode_bytes(data)


def test_utf8_with_a_stray_byte_stays_utf8_and_says_so():
    from archive.readers.decoding import decode

    text = "Dia berkata: “Kami bertemu di Zürich, di sebuah café.” "
    decoded = decode(text.encode("utf-8") + b"\xff")
    assert decoded.text == text + "\ufffd"  # not Mac Roman's ‚Äú, not refused
    assert decoded.note == "1 byte that is not UTF-8 replaced with U+FFFD"
    several = decode("“Satu” é ".encode() + b"\xe9 dan \xe8 " + "“dua” ü".encode())
    assert several.text.count("\ufffd") == 2 and several.note.startswith("2 bytes")


def test_legacy_text_with_no_utf8_in_it_is_still_detected():
    from archive.readers.decoding import decode

    text = "Le café “délicieux” coûte 5 € à Paris, dit-il. Das Mädchen läuft über die Straße. " * 3
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text and decoded.note is None
