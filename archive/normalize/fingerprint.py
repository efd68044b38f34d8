"""SimHash fingerprints: near-duplicate articles (the same story re-edited, or saved by two sites).

Each article's text becomes word 3-gram shingles; each shingle casts a vote for each of 64 bits
(from two CRC-32s, stable across processes and runs, unlike Python's ``hash``); the fingerprint
keeps the majority bit. Texts that share most shingles differ in few bits, so "near-duplicate"
is a Hamming distance of at most ``NEAR_BITS``.
"""

from __future__ import annotations

import re
import zlib

import numpy as np

NEAR_BITS = 3  # at most 3 of 64 bits apart: ~95% similar shingle sets (Manku et al., 2007)
BANDS = 4  # 4 bands of 16 bits: two fingerprints within 3 bits share a band exactly
_WORD = re.compile(r"\w+", re.UNICODE)
_SHIFTS = np.arange(64, dtype=np.uint64)
_MIN_WORDS = 20  # shorter texts are too small to call "nearly the same"
# Shingles voted per step: the bit matrix of a step is 64 × 8 bytes each (4 MB), whatever the text's size.
_STEP = 8192


def simhash(paragraphs: list[str]) -> int | None:
    """Signed 64-bit SimHash of the text (fits an SQL BIGINT), or ``None`` for very short texts."""
    words = _WORD.findall(" ".join(paragraphs).lower())
    if len(words) < _MIN_WORDS:
        return None
    count = len(words) - 2
    ones = np.zeros(64, dtype=np.int64)
    for start in range(0, count, _STEP):
        shingles = [" ".join(words[i:i + 3]).encode("utf-8") for i in range(start, min(start + _STEP, count))]
        hashes = np.fromiter(
            ((zlib.crc32(s) << 32) | zlib.crc32(s, 0x9E3779B9) for s in shingles), dtype=np.uint64, count=len(shingles)
        )
        ones += ((hashes[:, None] >> _SHIFTS) & np.uint64(1)).sum(axis=0, dtype=np.int64)
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
