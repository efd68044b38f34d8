import json
from pathlib import Path

from archive.normalize.fingerprint import NEAR_BITS, bands, distance, simhash

TEXT = json.loads((Path(__file__).parents[1] / "data" / "seed_gold.json").read_text(encoding="utf-8"))["paragraphs"]


def test_same_text_same_fingerprint_and_stable_value():
    assert simhash(TEXT) == simhash(list(TEXT))
    assert -(1 << 63) <= simhash(TEXT) < (1 << 63)  # fits a signed BIGINT


def test_small_edit_is_near_and_different_story_is_far():
    edited = [TEXT[0].replace("kekerasan terburuk", "kekerasan paling buruk"), *TEXT[1:]]
    assert distance(simhash(TEXT), simhash(edited)) <= NEAR_BITS
    other = ["The central bank kept interest rates unchanged on Thursday, citing cooling inflation and a "
             "stronger currency, and said it would watch global markets closely before acting again this year."]
    assert distance(simhash(TEXT), simhash(other)) > NEAR_BITS


def test_near_fingerprints_share_a_band():
    edited = [TEXT[0].replace("kekerasan terburuk", "kekerasan paling buruk"), *TEXT[1:]]
    assert set(enumerate(bands(simhash(TEXT)))) & set(enumerate(bands(simhash(edited))))


def test_short_text_has_no_fingerprint():
    assert simhash(["Too short to compare."]) is None


def test_a_long_text_is_fingerprinted_in_steps_with_the_same_result():
    """Votes are summed a step of shingles at a time (memory stays flat); the result is the plain majority."""
    import zlib

    words = [f"w{(i * 7919) % 4999}" for i in range(30_000)]  # several steps of shingles
    shingles = [" ".join(words[i:i + 3]).encode() for i in range(len(words) - 2)]
    ones = [0] * 64
    for s in shingles:
        value = (zlib.crc32(s) << 32) | zlib.crc32(s, 0x9E3779B9)
        for bit in range(64):
            ones[bit] += value >> bit & 1
    expected = sum(1 << bit for bit in range(64) if ones[bit] * 2 > len(shingles))
    expected -= (1 << 64) if expected >= 1 << 63 else 0
    assert simhash([" ".join(words)]) == expected
