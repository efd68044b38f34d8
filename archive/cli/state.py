"""What the global options decide, passed to every command through Typer's context."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import typer
from sqlalchemy.engine import Engine

from archive.store.database import open_database


@dataclass
class CliState:
    db: Path

    def engine(self, create: bool = False) -> Engine:
        """The archive database, upgraded; ``create`` only for commands that write."""
        return open_database(self.db, create=create)


def state(ctx: typer.Context) -> CliState:
    return ctx.find_root().obj
