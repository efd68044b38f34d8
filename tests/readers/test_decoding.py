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
