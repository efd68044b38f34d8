"""Ingest: find files, read and normalize them in worker processes, write them with one writer."""

from archive.ingest.run import FileReport, IngestOptions, IngestSummary, ingest

__all__ = ["FileReport", "IngestOptions", "IngestSummary", "ingest"]
