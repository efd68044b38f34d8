"""The bench on PostgreSQL: a server to run on, the bare ``ts_rank`` query search is compared with,
database sizes, and two ``archive ingest`` processes writing to one database at once."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import sqlalchemy as sa

# The least a full-text search on the server must do: rank the matching paragraphs, keep 20.
BARE = (
    "SELECT p.id, ts_rank(p.text_tsv, q, 1) AS rank FROM paragraphs p, to_tsquery('archive_text', :match) q "
    "WHERE p.text_tsv @@ q ORDER BY rank DESC LIMIT 20"
)
BARE_FILTERED = (
    "SELECT p.id, ts_rank(p.text_tsv, q, 1) AS rank FROM paragraphs p JOIN articles a ON a.id = p.article_id, "
    "to_tsquery('archive_text', :match) q WHERE p.text_tsv @@ q AND a.language = :language ORDER BY rank DESC LIMIT 20"
)
MATCHES = "SELECT count(*) FROM paragraphs p, to_tsquery('archive_text', :match) q WHERE p.text_tsv @@ q"


class Server:
    """Databases for the bench: on the server at ``url`` (a role that may create databases), or on
    a throwaway server started for the run (``tests/pg_server.py``)."""

    def __init__(self, url: str | None = None) -> None:
        from tests.pg_server import ExistingServer, TemporaryServer

        self.server = ExistingServer(url) if url else TemporaryServer().start()
        self.made: list[str] = []

    def database(self) -> str:
        url = self.server.create_database()
        self.made.append(url)
        return url

    def version(self) -> str:
        engine = sa.create_engine(sa.make_url(self.server.url()).set(drivername="postgresql+psycopg"))
        with engine.connect() as connection:
            version = connection.exec_driver_sql("SHOW server_version").scalar()
        engine.dispose()
        return version

    def close(self) -> None:
        for url in self.made:
            with contextlib.suppress(Exception):
                self.server.drop_database(url)
        self.server.stop()


def engine(url: str) -> sa.Engine:
    return sa.create_engine(sa.make_url(url).set(drivername="postgresql+psycopg"))


def size_bytes(url: str) -> int:
    bare = engine(url)
    with bare.connect() as connection:
        size = connection.exec_driver_sql("SELECT pg_database_size(current_database())").scalar()
    bare.dispose()
    return size


@contextlib.contextmanager
def bare_queries(url: str) -> Iterator:
    """``(run(match, language), count(match))`` on a plain connection of the bench's own."""
    bare = engine(url)
    connection = bare.connect()

    def run(match: str, language: str | None):
        if language:
            return connection.execute(sa.text(BARE_FILTERED), {"match": match, "language": language}).all()
        return connection.execute(sa.text(BARE), {"match": match}).all()

    def count(match: str) -> int:
        return connection.execute(sa.text(MATCHES), {"match": match}).scalar()

    try:
        yield run, count
    finally:
        connection.close()
        bare.dispose()


def concurrent_ingest(command: list[str], paths: list[Path], articles: int, databases: Iterator[str]) -> dict:
    """``archive ingest --workers 1`` of ``paths`` (``articles`` in all) in one process, then in two
    processes (each half of the paths) started together on a fresh database: throughput with one
    writer and with two.

    One worker each, so the comparison is about the writers (and the server), not about how many
    cores the normalizer gets: on this machine one ingest with its default workers already uses both.
    """
    def ingest(url: str, parts: list[list[str]]) -> float:
        start = time.perf_counter()
        processes = [
            subprocess.Popen([*command, "--db", url, "ingest", *part, "--workers", "1", "--json"],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            for part in parts
        ]
        for process in processes:
            _, err = process.communicate()
            if process.returncode != 0:
                raise RuntimeError(f"archive ingest failed ({process.returncode}): {err.strip()[-2000:]}")
        return time.perf_counter() - start

    names = [str(p) for p in paths]
    one = ingest(next(databases), [names])
    two = ingest(next(databases), [names[: len(names) // 2], names[len(names) // 2:]])
    return {
        "articles": articles,
        "one_process": {"seconds": round(one, 2), "articles_per_s": round(articles / one, 1)},
        "two_processes": {"seconds": round(two, 2), "articles_per_s": round(articles / two, 1)},
        "speedup": round(one / two, 2),
    }
