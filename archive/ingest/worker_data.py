"""Imported once by the ingest's forkserver, before it forks the workers: builds the normalizer's data.

The workers fork from that server, a fresh interpreter holding only what normalizing needs (the
language model, gazetteers, lexicons, stemmers), never the CLI, SQLAlchemy or the writer's page
cache: each worker starts small, and the data is built once and shared copy-on-write.
"""

from __future__ import annotations

import gc

from archive.normalize.warm import warm_up

warm_up()
# Objects frozen now are skipped by the workers' garbage collector, which would otherwise write
# to (and so copy) every page of the shared data.
gc.freeze()
