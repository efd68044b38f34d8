"""``archive serve``: the archive in Datasette, read-only, on a socket bound before anything is printed.

Datasette opens the file through ``sqlite_files.connect_read_only`` (``mode=ro``, or ``immutable``
on storage that cannot even keep ``NAME-shm``) with ``query_only`` on: no request, saved query or
plugin can write to the archive.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from archive.errors import CannotListen, DatabaseError, MissingExtra, UsageError
from archive.store import backend, sqlite_files

DATABASE = "archive"  # the name the archive is served under, whatever its file is called
DEFAULT_HOST = "127.0.0.1"  # only this machine, unless --host says otherwise
DEFAULT_PORT = 8001
INSTALL_HINT = "archive serve needs Datasette: pip install 'newsarchive[web]' (or pip install datasette)"
# Datasette's limits, raised to the command line's: a search may take 15 s on a large archive.
SETTINGS = {"sql_time_limit_ms": 15_000, "facet_time_limit_ms": 1_000, "default_page_size": 50}


@dataclass(frozen=True)
class ServeOptions:
    """Where the archive is and where to listen (built once at the CLI edge)."""

    path: Path
    host: str = DEFAULT_HOST
    port: int = DEFAULT_PORT  # 0: any free port


def served_file(target: str) -> Path:
    """The SQLite file ``--db`` names: Datasette reads SQLite files, so a PostgreSQL archive is refused."""
    url = backend.target_url(target)
    if url.get_backend_name() != "sqlite":
        raise UsageError(
            "archive serve browses SQLite archives (Datasette reads files, not PostgreSQL): "
            "copy this one to a file first with 'archive copy --to archive.db'"
        )
    return backend.sqlite_path(url)


def metadata() -> dict:
    """The metadata shipped with the package: titles, descriptions, facets, hidden tables, saved queries."""
    import yaml

    return yaml.safe_load(resources.files("archive.web").joinpath("metadata.yaml").read_text(encoding="utf-8"))


def build(path: Path):
    """A Datasette instance serving ``path`` read-only as the database ``archive``."""
    try:
        from datasette.app import Datasette
        from datasette.database import Database
        from datasette.plugins import pm
    except ImportError:
        raise MissingExtra(INSTALL_HINT) from None
    from archive.web import plugin

    if not pm.is_registered(plugin):
        pm.register(plugin, name="newsarchive")

    class ArchiveDatabase(Database):
        """Every connection read-only, however Datasette asks for it."""

        def connect(self, write: bool = False):
            if write:
                raise DatabaseError("the archive is served read-only")
            connection = sqlite_files.connect_read_only(path)
            connection.execute("PRAGMA query_only = ON")
            self._all_file_connections.append(connection)
            return connection

    datasette = Datasette([], metadata=metadata(), settings=SETTINGS, cors=False)
    datasette.add_database(ArchiveDatabase(datasette, path=str(path), is_mutable=True), name=DATABASE)
    datasette.remove_database("_memory")  # Datasette adds it when started without files
    return datasette


def _listen(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port`` (IPv4 or IPv6, as the host name resolves)."""
    sock = None
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
        sock = socket.socket(family, kind, proto)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
        return sock
    except OSError as exc:  # socket.gaierror included: a host name that does not resolve
        if sock is not None:
            sock.close()
        raise CannotListen(f"cannot listen on {host}:{port}: {exc.strerror or exc} (give another --port or --host)") from None


class Server:
    """A bound socket and the Datasette app behind it; ``run()`` serves until Ctrl-C."""

    def __init__(self, options: ServeOptions) -> None:
        self.datasette = build(options.path)
        self.socket = _listen(options.host, options.port)
        host, port = self.socket.getsockname()[:2]
        self.url = f"http://{f'[{host}]' if ':' in host else host}:{port}/{DATABASE}"

    def run(self) -> None:
        import asyncio

        import uvicorn

        asyncio.run(self.datasette.invoke_startup())
        config = uvicorn.Config(self.datasette.app(), log_level="warning", lifespan="on")
        try:
            uvicorn.Server(config).run(sockets=[self.socket])
        finally:
            self.socket.close()

