"""What the global options decide, passed to every command through Typer's context."""

from __future__ import annotations

from dataclasses import dataclass, field

import typer
from sqlalchemy.engine import Engine

from archive.store.database import open_database


@dataclass
class CliState:
    db: str  # a file path or a database URL
    _engines: list[Engine] = field(default_factory=list)

    def engine(self, create: bool = False, db: str | None = None) -> Engine:
        """The archive database (``--db``, or ``db``), upgraded; ``create`` only for commands that write.

        Engines are disposed when the command ends (``close``): a server's connections go back.
        """
        engine = open_database(self.db if db is None else db, create=create)
        self._engines.append(engine)
        return engine

    def close(self) -> None:
        while self._engines:
            self._engines.pop().dispose()


def state(ctx: typer.Context) -> CliState:
    return ctx.find_root().obj
