"""``archive serve`` at the command line: one-line errors (no Datasette, port taken, no archive).
The HTTP side, and the browser, are in tests/web."""

from __future__ import annotations

import socket
import subprocess
import sys

from tests.reliability.conftest import assert_one_line_error, run_cli, seeded  # noqa: F401 - the fixture

# The real command in a fresh interpreter where ``import datasette`` fails, as without the web extra.
_WITHOUT_DATASETTE = (
    "import sys; sys.modules['datasette'] = None; sys.argv = ['archive'] + sys.argv[1:]; "
    "from archive.cli.app import main; main()"
)


def test_without_datasette_it_says_how_to_get_it(seeded):
    done = subprocess.run(
        [sys.executable, "-c", _WITHOUT_DATASETTE, "--db", str(seeded), "serve", "--port", "0"],
        capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 1 and done.stdout == ""
    assert_one_line_error(done.stderr, "needs Datasette", "pip install 'newsarchive[web]'")


def test_a_port_in_use_is_one_line(seeded):
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        result = run_cli(seeded, "serve", "--port", str(taken.getsockname()[1]))
    assert result.exit_code == 1
    assert_one_line_error(result.stderr, "cannot listen on 127.0.0.1:", "--port")


def test_no_archive_is_one_line(tmp_path):
    result = run_cli(tmp_path / "none.db", "serve")
    assert result.exit_code == 1 and not (tmp_path / "none.db").exists()
    assert_one_line_error(result.stderr, "no archive at")



def test_a_postgresql_archive_is_refused_in_one_line():
    """Datasette reads SQLite files: serving a server's archive says how to get a file of it."""
    result = run_cli("postgresql://nobody@127.0.0.1:1/none", "serve", "--port", "0")
    assert result.exit_code == 2
    assert_one_line_error(result.stderr, "archive serve browses SQLite archives", "archive copy --to")
