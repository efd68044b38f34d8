"""py3langid's feature extraction, vectorized: the same feature counts in a few numpy steps instead of a
Python loop over every byte (that loop was most of language identification's cost).

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

def _depth(nextmove: np.ndarray, rowbase: np.ndarray) -> int:
    """Depth of the automaton's trie: the most steps from the root to any state (breadth-first)."""
    seen = np.zeros(len(rowbase), dtype=bool)
    seen[0] = True
    frontier, depth = np.array([0]), 0
    while True:
        targets = nextmove[(rowbase[frontier][:, None] + np.arange(256)).ravel()]
        new = np.unique(targets[~seen[targets]])
        if not len(new):
            return depth
        seen[new] = True
        frontier, depth = new, depth + 1
