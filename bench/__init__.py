"""Ingest/search/export benchmark against the raw SQLite floor (``python -m bench``)."""
