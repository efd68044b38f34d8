"""How every ``archive`` command presents itself: help that reads like a man page, errors in one line.

Typer's defaults print ``<bool>`` after every flag, usage lines such as ``{paths}...`` and usage
errors as a boxed panel; these classes print flags bare, ``PATH...`` / ``[TABLE...]``, and one line
on stderr, as the README promises.
"""

from __future__ import annotations

import copy
import sys

import typer
from typer.core import TyperCommand, TyperGroup


def _bare_flags(params) -> None:
    """A flag takes no value: show none (the type column would say ``<bool>``)."""
    for param in params:
        if getattr(param, "is_flag", False):
            param.metavar = ""


def _usage_piece(param) -> str:
    name = (param.metavar or param.name or "").strip("[].").upper()
    name += "..." if param.nargs != 1 else ""
    return name if param.required else f"[{name}]"


class ArchiveCommand(TyperCommand):
    """A command with bare flags in its help and a readable usage line (``archive ingest [OPTIONS] PATH...``)."""

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _bare_flags(self.params)
        if self.help:  # a docstring's line breaks are the source's, not the terminal's: reflow its paragraphs
            self.help = "\n\n".join(" ".join(paragraph.split()) for paragraph in self.help.split("\n\n"))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        _bare_flags([option] if option is not None else [])
        return option

    def collect_usage_pieces(self, ctx) -> list[str]:
        pieces = [self.options_metavar] if self.options_metavar else []
        return pieces + [_usage_piece(p) for p in self.get_params(ctx) if p.param_type_name == "argument"]


def one_line_error(message: str, command_path: str | None = None) -> None:
    """Print a usage error as one line on stderr (with where to read more) and exit with code 2."""
    text = " ".join(message.split())
    hint = f" (see '{command_path} --help')" if command_path else ""
    typer.echo(f"error: {text}{hint}", err=True)
    sys.exit(2)


class OneLineErrorsGroup(TyperGroup):
    """A group whose usage errors are one line on stderr, and whose global options (``--db``) are
    also accepted after the command name (``archive search x --db other.db``)."""

    # Global options repeated on every command; the value given after the command wins.
    repeated_options: tuple[str, ...] = ()

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        _bare_flags(self.params)
        if self.help:  # a docstring's line breaks are the source's, not the terminal's: reflow its paragraphs
            self.help = "\n\n".join(" ".join(paragraph.split()) for paragraph in self.help.split("\n\n"))
        for option in (p for p in self.params if p.name in self.repeated_options):
            for command in self.commands.values():
                command.params.append(_repeated(option))

    def get_help_option(self, ctx):
        option = super().get_help_option(ctx)
        _bare_flags([option] if option is not None else [])
        return option

    def get_params(self, ctx):
        params = super().get_params(ctx)
        _bare_flags(params)  # Typer adds --install-completion and --show-completion after __init__
        return params

    def main(self, *args, standalone_mode: bool = True, **kwargs):
        try:
            code = super().main(*args, standalone_mode=False, **kwargs)
        except typer.TyperException as exc:  # click's usage errors (bad option, missing argument...)
            context = getattr(exc, "ctx", None)
            if type(exc).__name__ == "NoArgsIsHelpError":
                code = 2  # the help is printed already: nothing was asked
            elif exc.exit_code == 2:
                one_line_error(exc.format_message(), context.command_path if context else None)
            else:
                typer.echo(f"error: {' '.join(exc.format_message().split())}", err=True)
                code = exc.exit_code
        except typer.Abort:
            typer.echo("error: aborted", err=True)
            code = 1
        if not standalone_mode:
            return code
        sys.exit(code if isinstance(code, int) else 0)


def _repeated(option):
    """A copy of a global option for a command: no default and no environment variable of its own
    (the global option has those), and its value, when given, replaces the global one."""
    repeated = copy.copy(option)
    repeated.default = None
    repeated.envvar = None
    repeated.expose_value = False
    repeated.show_default = False
    repeated.callback = _override_global
    return repeated


def _override_global(ctx, param, value):
    if value is not None:
        setattr(ctx.find_root().obj, param.name, value)
    return value

