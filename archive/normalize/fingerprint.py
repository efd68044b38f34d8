"""SimHash fingerprints: near-duplicate articles (the same story re-edited, or saved by two sites).

Each article's text becomes word 3-gram shingles; each shingle casts a vote for each of 64 bits
(from two CRC-32s, stable across processes and runs, unlike Python's ``hash``); the fingerprint
keeps the majority bit. Texts that share most shingles differ in few bits, so "near-duplicate"
is a Hamming distance of at most ``NEAR_BITS``.
"""

from __future__ import annotations

import zlib
from itertools import repeat

import numpy as np

from archive.normalize.words import words

NEAR_BITS = 3  # at most 3 of 64 bits apart: ~95% similar shingle sets (Manku et al., 2007)
BANDS = 4  # 4 bands of 16 bits: two fingerprints within 3 bits share a band exactly
_MIN_WORDS = 20  # shorter texts are too small to call "nearly the same"
# Shingles voted per step: the bit matrix of a step is 64 × 8 bytes each (4 MB), whatever the text's size.
_STEP = 8192


def simhash(paragraphs: list[str]) -> int | None:
    """Signed 64-bit SimHash of the text (fits an SQL BIGINT), or ``None`` for very short texts."""
    return simhash_words(words(" ".join(paragraphs)))


def simhash_words(text_words: list[str]) -> int | None:
    """:func:`simhash` of a text given as its words (:func:`archive.normalize.words.words`)."""
    if len(text_words) < _MIN_WORDS:
        return None
    count = len(text_words) - 2
    ones = np.zeros(64, dtype=np.int64)
    crc = zlib.crc32
    for start in range(0, count, _STEP):
        # C-level maps, no Python loop per word or shingle (str.encode's default is UTF-8)
        part = list(map(str.encode, text_words[start:start + _STEP + 2]))
        shingles = list(map(b" ".join, zip(part, part[1:], part[2:])))
        # each row is one 64-bit hash, little-endian: the low 32 bits (second CRC) then the high 32
        hashes = np.empty((len(shingles), 2), dtype="<u4")
        hashes[:, 0] = list(map(crc, shingles, repeat(0x9E3779B9, len(shingles))))
        hashes[:, 1] = list(map(crc, shingles))
        # bit b of every hash, as a column of 0/1 bytes (byte 0 holds bits 0-7)
        bits = np.unpackbits(hashes.view(np.uint8), axis=1, bitorder="little")
        ones += bits.sum(axis=0, dtype=np.int64)
    votes = ones * 2 > count
    value = int(np.packbits(votes[::-1]).view(">u8")[0])
    return value - (1 << 64) if value >= (1 << 63) else value


def bands(value: int) -> list[int]:
    """The fingerprint's four 16-bit bands (band i is bits 16i..16i+15)."""
    unsigned = value & 0xFFFFFFFFFFFFFFFF
    return [(unsigned >> (16 * i)) & 0xFFFF for i in range(BANDS)]


def distance(a: int, b: int) -> int:
    """Hamming distance between two fingerprints."""
    return ((a ^ b) & 0xFFFFFFFFFFFFFFFF).bit_count()


def similarity(a: int, b: int) -> float:
    """1.0 for identical fingerprints, falling by 1/64 per differing bit."""
    return 1.0 - distance(a, b) / 64
