"""Imported by the forkserver in tests/ingest/test_parallel.py: records which process built its data."""

import os

BUILT_IN = os.getpid()
