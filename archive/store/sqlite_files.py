"""SQLite files before they become an engine: is this an archive, may we write it, a read-only open.

``open_database`` asks these first, so a command never writes to a file it should not: another
program's SQLite database is refused before any pragma or table touches it, and an archive on
read-only storage (a share, a CD) is opened read-only instead of failing to create ``NAME-wal``.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
from pathlib import Path
from urllib.parse import quote

from archive.errors import DatabaseError, NotAnArchive
from archive.store.sqlite import translate_error

ARCHIVE = "archive"  # has the archive's schema table (at some revision)
EMPTY = "empty"  # a new or empty database: ingest may create the archive in it


def _uri(path: Path, **options: str) -> str:
    query = "&".join(f"{key}={value}" for key, value in options.items())
    return f"file:{quote(os.fsencode(path.absolute()))}?{query}"


def _sidecars(path: Path) -> tuple[Path, Path]:
    return path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")


def writable(path: Path) -> bool:
    """Can SQLite write this database in WAL mode: the file, and ``NAME-wal``/``NAME-shm`` beside it."""
    if path.exists() and not os.access(path, os.W_OK):
        return False
    if os.access(path.parent, os.W_OK):
        return True
    return all(p.exists() and os.access(p, os.W_OK) for p in _sidecars(path))


def connect_read_only(path: Path) -> sqlite3.Connection:
    """A connection that never writes: ``mode=ro``, or ``immutable=1`` where SQLite cannot even
    keep its shared-memory file (read-only media without ``NAME-shm``).

    ``immutable`` ignores a write-ahead log, so it is used only when there is none to ignore.
    """
    connection = sqlite3.connect(_uri(path, mode="ro"), uri=True, check_same_thread=False)
    try:
        connection.execute("SELECT count(*) FROM sqlite_master").fetchone()  # the file opens lazily
        return connection
    except sqlite3.OperationalError as exc:
        connection.close()
        wal, _ = _sidecars(path)
        if wal.exists() and wal.stat().st_size > 0:
            raise DatabaseError(
                f"cannot read {path} on read-only storage: its write-ahead log {wal.name} holds changes "
                f"not yet in the database ({exc}); open it once where it can be written, or copy it"
            ) from None
    return sqlite3.connect(_uri(path, immutable="1"), uri=True, check_same_thread=False)


def probe(path: Path) -> str:
    """``ARCHIVE`` or ``EMPTY`` for the file at ``path``, read without writing a byte.

    Raises ``NotAnArchive`` for a file that is not SQLite or holds another program's tables, and
    ``DatabaseCorrupt`` for a damaged one.
    """
    try:
        with contextlib.closing(connect_read_only(path)) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        if getattr(exc, "sqlite_errorname", "") == "SQLITE_NOTADB":
            raise NotAnArchive(f"{path} is not an archive (not a SQLite database): give another --db") from None
        translated = translate_error(exc, str(path))
        if translated is not None:
            raise translated from None
        raise DatabaseError(f"cannot open {path}: {exc}") from None
    if "alembic_version" in tables:
        return ARCHIVE
    if tables:
        shown = ", ".join(sorted(tables)[:3]) + (", …" if len(tables) > 3 else "")
        raise NotAnArchive(
            f"{path} is not an archive: it is another SQLite database (tables {shown}), left untouched; give another --db"
        )
    return EMPTY
