"""``archive serve``: browse the archive in a web browser (Datasette), read-only."""

from __future__ import annotations

from typing import Annotated

import typer
from rich.markup import escape

from archive.cli.output import stdout_console
from archive.cli.state import state
from archive.web.server import DEFAULT_HOST, DEFAULT_PORT, ServeOptions, Server, served_file


def serve_command(
    ctx: typer.Context,
    port: Annotated[int, typer.Option("--port", "-p", min=0, max=65535, help="Port to listen on (0: any free port).")] = DEFAULT_PORT,
    host: Annotated[str, typer.Option("--host", help="Address to listen on; only this machine unless you give another (0.0.0.0: every network).")] = DEFAULT_HOST,
) -> None:
    r"""Browse the archive in a web browser with Datasette: search boxes, facets, saved queries.

    The archive is opened read-only. Needs the web extra: pip install 'newsarchive\[web]'. Stop it with Ctrl-C.
    """
    cli_state = state(ctx)
    path = served_file(cli_state.db)
    cli_state.engine().dispose()  # an archive, upgraded to this version's schema, or a one-line error
    server = Server(ServeOptions(path=path, host=host, port=port))
    stdout_console().print(f"serving {escape(server.url)} (read-only; Ctrl-C to stop)", soft_wrap=True)
    try:
        server.run()
    except KeyboardInterrupt:  # uvicorn re-raises the Ctrl-C it already handled: a normal stop
        pass
