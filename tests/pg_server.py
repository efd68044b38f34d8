"""A throwaway PostgreSQL server for the tests and the bench: ``initdb`` into a temporary folder,
``pg_ctl start`` on a Unix socket there, torn down (folder and all) at the end.

``initdb`` refuses to run as root: as root the server runs as the ``postgres`` user (or ``nobody``)
through ``runuser``/``setpriv``, in a folder that user owns. The server binaries are looked up on
``PATH``, then in ``/usr/lib/postgresql/*/bin`` (Debian's ``postgresql`` package).
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import tempfile
import uuid
from pathlib import Path

USER = "archive"  # the server's superuser (trust authentication on the socket only)


class ServerUnavailable(RuntimeError):
    """No PostgreSQL server could be started here, and why."""


def find_bindir() -> Path | None:
    """The folder holding ``initdb`` and ``pg_ctl``, newest version first."""
    found = shutil.which("pg_ctl")
    if found and shutil.which("initdb"):
        return Path(found).resolve().parent
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin/pg_ctl"), key=lambda p: int(p.parts[-3]) if p.parts[-3].isdigit() else 0)
    return versions[-1].parent if versions else None


def _run_as() -> tuple[list[str], int | None, int | None]:
    """The prefix that runs a command as an unprivileged user when we are root, and that user's ids."""
    if os.geteuid() != 0:
        return [], None, None
    for name in ("postgres", "nobody"):
        try:
            entry = pwd.getpwnam(name)
        except KeyError:
            continue
        if shutil.which("runuser"):
            return ["runuser", "-u", name, "--"], entry.pw_uid, entry.pw_gid
        if shutil.which("setpriv"):
            return ["setpriv", f"--reuid={entry.pw_uid}", f"--regid={entry.pw_gid}", "--clear-groups"], entry.pw_uid, entry.pw_gid
    raise ServerUnavailable("running as root, and no postgres or nobody user (with runuser or setpriv) to run initdb as")


class _Databases:
    """Test databases on a server: made (UTF-8, a UTF-8 locale) and dropped through its ``postgres`` database."""

    def url(self, database: str = "postgres") -> str:
        raise NotImplementedError

    def create_database(self, name: str | None = None) -> str:
        """A new, empty database; its URL."""
        name = name or f"t_{uuid.uuid4().hex[:12]}"
        self._admin(f'CREATE DATABASE "{name}" ENCODING \'UTF8\' LC_CTYPE \'C.UTF-8\' LC_COLLATE \'C.UTF-8\' TEMPLATE template0')
        return self.url(name)

    def drop_database(self, url: str) -> None:
        import sqlalchemy as sa

        self._admin(f'DROP DATABASE IF EXISTS "{sa.make_url(url).database}" WITH (FORCE)')

    def _admin(self, statement: str) -> None:
        import psycopg
        import sqlalchemy as sa

        with psycopg.connect(sa.make_url(self.url()).render_as_string(hide_password=False), autocommit=True) as connection:
            connection.execute(statement)


class TemporaryServer(_Databases):
    """A PostgreSQL server of its own in a temporary folder; ``url(db)`` reaches it on its socket."""

    def __init__(self, bindir: Path | None = None) -> None:
        self.bindir = bindir or find_bindir()
        if self.bindir is None:
            raise ServerUnavailable("no PostgreSQL server binaries (initdb, pg_ctl) on PATH or in /usr/lib/postgresql")
        self.prefix, self.uid, self.gid = _run_as()
        self.root = Path(tempfile.mkdtemp(prefix="archive-pg-"))
        self.data = self.root / "data"
        self.socket_dir = self.root
        self.started = False

    def _command(self, *args: str, timeout: float = 120) -> None:
        result = subprocess.run([*self.prefix, *args], capture_output=True, text=True, timeout=timeout, cwd=self.root)
        if result.returncode != 0:
            raise ServerUnavailable(f"{Path(args[0]).name} failed: {(result.stderr or result.stdout).strip()[-800:]}")

    def start(self) -> "TemporaryServer":
        if self.uid is not None:
            os.chown(self.root, self.uid, self.gid)
        os.chmod(self.root, 0o700)
        self._command(
            str(self.bindir / "initdb"), "-D", str(self.data), "-U", USER, "--auth=trust", "--encoding=UTF8",
            "--locale=C.UTF-8", "--no-sync",
        )
        options = (
            f"-k {self.socket_dir} -c listen_addresses='' -c fsync=off -c synchronous_commit=off "
            "-c full_page_writes=off -c max_connections=200 -c shared_buffers=64MB"
        )
        self._command(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-l", str(self.root / "server.log"),
                      "-o", options, "-w", "-t", "60", "start")
        self.started = True
        return self

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{USER}@/{database}?host={self.socket_dir}"

    def stop(self) -> None:
        if self.started:
            try:
                self._command(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", "immediate", "-w", "stop")
            except ServerUnavailable:
                pass
            self.started = False
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> "TemporaryServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()


class ExistingServer(_Databases):
    """A server someone else runs (``ARCHIVE_TEST_POSTGRESQL``): test databases are made and dropped in it."""

    def __init__(self, url: str) -> None:
        import sqlalchemy as sa

        self.base = sa.make_url(url).set(drivername="postgresql")

    def url(self, database: str = "postgres") -> str:
        return self.base.set(database=database).render_as_string(hide_password=False)

    def stop(self) -> None:
        pass
