"""newsarchive: ingest scraped news into SQLite and ask who said what, when, about whom."""

__version__ = "0.1.0"
