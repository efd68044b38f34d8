"""Evaluation commands: score the extractors against dev sets and gold (``python -m archive.evaluate NAME``)."""
