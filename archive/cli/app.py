"""The ``archive`` command: a thin Typer layer over the library (parse options, call, render)."""

from __future__ import annotations

import _thread
import os
import signal
import sys
import threading
from typing import Annotated


def _interrupted_while_starting(signum, frame) -> None:
    sys.stderr.write("error: interrupted\n")
    raise SystemExit(130)


# Ctrl-C during the half second of imports below ends the command quietly, not with a traceback
# out of some library module; the usual handler is back once they are done.
_usual_sigint = None
if threading.current_thread() is threading.main_thread() and signal.getsignal(signal.SIGINT) is signal.default_int_handler:
    _usual_sigint = signal.signal(signal.SIGINT, _interrupted_while_starting)
try:
    import sqlalchemy as sa
    import typer
    from rich.markup import escape

    from archive import __version__
    from archive.cli import browse, entities, ingest, maintenance, quotes, search, serve
    from archive.cli.command import ArchiveCommand, OneLineErrorsGroup
    from archive.cli.output import stderr_console
    from archive.cli.state import CliState
    from archive.errors import ArchiveError, UsageError
    from archive.store.backend import DEFAULT_DB, ENV_VAR
finally:
    if _usual_sigint is not None:
        signal.signal(signal.SIGINT, _usual_sigint)


def _fail(message: str, code: int) -> None:
    stderr_console().print(f"[bold red]error:[/bold red] {escape(message)}", markup=True, soft_wrap=True)
    raise typer.Exit(code)


class ArchiveGroup(OneLineErrorsGroup):
    """Turns domain errors into one line on stderr and an exit code: never a traceback."""

    repeated_options = ("db",)  # archive --db x.db search y, or archive search y --db x.db

    def list_commands(self, ctx: typer.Context) -> list[str]:
        return list(self.commands)  # the order they are registered in, not alphabetical

    def invoke(self, ctx: typer.Context):
        try:
            return super().invoke(ctx)
        except (typer.Exit, typer.Abort, typer.TyperException):
            raise
        except UsageError as exc:
            _fail(str(exc), 2)
        except ArchiveError as exc:
            _fail(str(exc), 1)
        except KeyboardInterrupt:
            _fail("interrupted; everything committed so far is kept (run the command again to finish)", 130)
        except sa.exc.OperationalError as exc:
            _fail(f"database error: {exc.orig}", 1)
        except BrokenPipeError:
            sys.stderr.close()  # `archive search x | head`: the reader left; nothing to report
            raise typer.Exit(0)
        except Exception as exc:  # a bug: still one line, with the way to see more
            if os.environ.get("ARCHIVE_DEBUG"):
                raise
            _fail(f"internal error: {type(exc).__name__}: {exc} (set ARCHIVE_DEBUG=1 for the traceback)", 1)


app = typer.Typer(
    cls=ArchiveGroup,
    help="An archive of scraped news (SQLite or PostgreSQL): ingest articles, then ask who said what, when, about whom.",
    no_args_is_help=True,
    add_completion=True,  # --install-completion and --show-completion, Typer's own
    pretty_exceptions_enable=False,
    rich_markup_mode="rich",
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if value:
        typer.echo(f"archive {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    ctx: typer.Context,
    db: Annotated[
        str,
        typer.Option(
            "--db", envvar=ENV_VAR, metavar="PATH|URL", show_default=False,
            help=f"The archive: a SQLite file (default ./{DEFAULT_DB}, or ${ENV_VAR}), sqlite:///PATH, or postgresql://USER@HOST:PORT/DB.",
        ),
    ] = DEFAULT_DB,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True, help="Show the version and exit.")] = False,
) -> None:
    """An archive of scraped news (SQLite or PostgreSQL): ingest articles, then ask who said what, when, about whom."""
    ctx.obj = CliState(db=db)
    ctx.call_on_close(ctx.obj.close)


for name, function in (
    ("ingest", ingest.ingest_command),
    ("search", search.search_command),
    ("quotes", quotes.quotes_command),
    ("speakers", quotes.speakers_command),
    ("entities", entities.entities_command),
    ("show", browse.show_command),
    ("stats", browse.stats_command),
    ("export", maintenance.export_command),
    ("check", maintenance.check_command),
    ("copy", maintenance.copy_command),
    ("serve", serve.serve_command),
):
    app.command(name, cls=ArchiveCommand)(function)


def _interrupt_again(unraisable) -> None:
    """``sys.unraisablehook``: a Ctrl-C that lands in a finalizer or a garbage-collector callback
    can only be printed there ("Exception ignored in ..." and a traceback), and the interrupt would
    be lost. It is raised again where the command can stop cleanly; anything else is Python's."""
    if unraisable.exc_type is not None and issubclass(unraisable.exc_type, KeyboardInterrupt):
        # Not from here: the hook's own next step would take it. A moment later, from another
        # thread, it reaches the main thread's code.
        timer = threading.Timer(0.05, _thread.interrupt_main)
        timer.daemon = True
        timer.start()
        return
    sys.__unraisablehook__(unraisable)


def main() -> None:
    """Console-script entry point."""
    sys.unraisablehook = _interrupt_again
    try:
        app()
    except KeyboardInterrupt:  # Ctrl-C while options are parsed, before a command runs
        sys.stderr.write("error: interrupted\n")
        raise SystemExit(130) from None
    finally:
        # The command is over (its exit code decided): a Ctrl-C during interpreter shutdown has
        # nothing left to interrupt and must not turn a finished run into a death by signal.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
