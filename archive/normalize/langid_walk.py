"""py3langid's scoring, made cheaper with the same numbers: the feature counts in a few numpy steps instead
of a Python loop over every byte, and the model rows of frequent features kept in float32.

py3langid finds its byte n-gram features with an Aho-Corasick automaton. The state after byte ``i`` is the
longest suffix of the text so far that is a node of the automaton's trie, so it depends only on the last
``depth`` bytes (the trie's depth): starting from the root ``depth`` bytes back and walking forward reaches
the same state. Each of those walks is one gather over all positions at once.
"""

from __future__ import annotations

from collections import Counter

import numpy as np


class FeatureWalker:
    """Feature counts of UTF-8 bytes, equal (values and key order) to ``py3langid.langid.visit_counts``."""

    def __init__(self, nextmove, row, output) -> None:
        self._nextmove = np.frombuffer(nextmove, dtype=np.dtype(nextmove.typecode)) \
            if hasattr(nextmove, "typecode") else np.asarray(nextmove)
        self._rowbase = np.asarray(row, dtype=np.int64) << 8  # each state's row of 256 next states
        self._output = np.asarray(output, dtype=np.int64)
        self.depth = _depth(self._nextmove, self._rowbase)

    def _states(self, data: np.ndarray) -> np.ndarray:
        """The automaton's state after each byte of ``data``."""
        n, depth = len(data), self.depth
        states = np.zeros(n, dtype=np.int64)
        for back in range(min(depth, n) - 1, -1, -1):
            # positions i >= back take byte i - back; earlier ones have not started their walk yet
            live = slice(back, n)
            states[live] = self._nextmove[self._rowbase[states[live]] + data[:n - back]]
        return states

    def counts(self, text: bytes) -> Counter | None:
        """``{feature: count}`` in order of first occurrence, or ``None`` when the text has no feature."""
        if not text:
            return None
        features = self._output[self._states(np.frombuffer(text, dtype=np.uint8))]
        features = features[features >= 0]
        # Counter keeps first-occurrence order, as py3langid's does (the score sums in that order)
        return Counter(features.tolist()) if len(features) else None

_CHUNK = 2048


def _depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """Depth of the automaton's trie: the most steps from the root to any state (breadth-first)."""
    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    steps = np.arange(256, dtype=np.int64)
    while True:
        # a few thousand states at a time: one gather of the whole frontier would hold ~100 MB at
        # once, which the allocator keeps in every worker process afterwards
        reached = [
            np.unique(nextmove[(rowbase[frontier[at:at + _CHUNK]][:, None] + steps).ravel()])
            for at in range(0, len(frontier), _CHUNK)
        ]
        targets = np.unique(np.concatenate(reached))
        new = targets[~seen[targets]]
        if not len(new):
            return depth
        seen[new] = True
        frontier, depth = new, depth + 1


class RowCache:
    """Rows of py3langid's float16 feature table as float32, the rows of the first ``capacity`` features
    seen kept converted (bounded memory: ``capacity`` x classes x 4 bytes).

    The score multiplies float32 counts by these rows; given float16 rows, numpy converts them to float32
    first (slowly, on every call). The converted values are exact, so the products are the same.
    """

    def __init__(self, table: np.ndarray, capacity: int = 1 << 14) -> None:
        self._table = table
        self._slot = np.full(len(table), -1, dtype=np.int32)  # feature -> row of _kept, or -1
        self._kept = np.empty((0, table.shape[1]), dtype=np.float32)  # grown to capacity on first use
        self._capacity = capacity
        self._used = 0

    def rows(self, features: np.ndarray) -> np.ndarray:
        """The float32 rows of ``features`` (distinct feature indexes), in their order."""
        slots = self._slot[features]
        missing = slots < 0
        if missing.any() and self._used < self._capacity:
            if not len(self._kept):
                self._kept = np.empty((self._capacity, self._table.shape[1]), dtype=np.float32)
            new = features[missing][: self._capacity - self._used]
            taken = np.arange(self._used, self._used + len(new), dtype=np.int32)
            self._kept[taken] = self._table[new]
            self._slot[new] = taken
            self._used += len(new)
            slots = self._slot[features]
            missing = slots < 0
        if not missing.any():
            return self._kept[slots]
        out = np.empty((len(features), self._table.shape[1]), dtype=np.float32)
        out[~missing] = self._kept[slots[~missing]]
        out[missing] = self._table[features[missing]]
        return out
