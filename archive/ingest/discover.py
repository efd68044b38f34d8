"""Walk the paths given to ``archive ingest``: files and folders, recursive, in sorted order."""

from __future__ import annotations

import fnmatch
import os
import stat
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from archive.readers import is_supported


@dataclass(frozen=True)
class Found:
    """A path to ingest (``reason`` is None) or to report as skipped/failed with ``reason``.

    ``path`` opens the file (undecodable bytes of its name as Python's surrogate escapes);
    ``name`` is how the archive stores and reports it.
    """

    path: str
    root: str
    reason: str | None = None
    failed: bool = False  # a reason that is an error (broken link), not a deliberate skip

    @property
    def name(self) -> str:
        return stored_name(self.path)


def stored_name(path: str) -> str:
    """A file name as text any database and output format can hold, without losing a byte.

    POSIX names are bytes: one that is not UTF-8 (a Latin-1 name from an old disk) cannot be
    stored as text. Such a name is written with each undecodable byte as ``\\xNN`` and each
    backslash doubled; a UTF-8 name without a backslash (nearly every name) is kept as it is.
    Distinct names stay distinct: only escaped names contain a backslash.
    """
    if os.name != "posix":
        return path  # Windows names are Unicode already
    raw = os.fsencode(path)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = None
    if text is not None and "\\" not in text:
        return text
    return raw.replace(b"\\", b"\\\\").decode("utf-8", "backslashreplace")


def _kind(mode: int) -> str:
    for test, kind in ((stat.S_ISFIFO, "a named pipe"), (stat.S_ISSOCK, "a socket"), (stat.S_ISCHR, "a device"), (stat.S_ISBLK, "a device")):
        if test(mode):
            return kind
    return "not a file"


def _matches(path: str, patterns: Sequence[str]) -> bool:
    name = os.path.basename(path)
    return any(fnmatch.fnmatch(name, p) or fnmatch.fnmatch(path, p) for p in patterns)


def _check_file(path: str, root: str, include: Sequence[str], exclude: Sequence[str], follow: bool) -> Found | None:
    if include and not _matches(path, include):
        return None
    if exclude and _matches(path, exclude):
        return None
    if os.path.islink(path):
        if not os.path.exists(path):
            return Found(path, root, "broken symbolic link", failed=True)
        real_root = os.path.realpath(root if os.path.isdir(root) else os.path.dirname(root))
        if not follow and os.path.commonpath([os.path.realpath(path), real_root]) != real_root:
            return Found(path, root, "symbolic link out of the ingested folder (use --follow-symlinks)")
    if os.path.basename(path).startswith("."):
        return None  # hidden files: editor swap files, .DS_Store
    if not is_supported(path):
        return Found(path, root, f"unsupported file type {Path(path).suffix or '(no extension)'}")
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return Found(path, root, exc.strerror or "cannot be read", failed=True)
    if not stat.S_ISREG(mode):  # a FIFO would block the read forever; a device never ends
        return Found(path, root, f"not a regular file ({_kind(mode)})")
    return Found(path, root)


def discover(
    paths: Sequence[str | Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
) -> Iterator[Found]:
    """Yield every file under ``paths`` (sorted, recursive) with why it is skipped, if it is.

    Following links, a folder reached again (``self -> .``, two links to one folder) is read
    once: folders are known by device and inode, so a link loop ends.
    """
    for given in paths:
        root = os.path.abspath(given)
        if os.path.isdir(root):
            visited = {_identity(root)}
            for folder, dirs, files in os.walk(root, followlinks=follow_symlinks):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
                if follow_symlinks:
                    for name in list(dirs):
                        identity = _identity(os.path.join(folder, name))
                        if identity in visited:
                            dirs.remove(name)
                            yield Found(os.path.join(folder, name), root, "folder already read (a symbolic link loop or a second link to it)")
                        elif identity is not None:
                            visited.add(identity)
                for name in sorted(files):
                    found = _check_file(os.path.join(folder, name), root, include, exclude, follow_symlinks)
                    if found is not None:
                        yield found
        elif os.path.lexists(root):
            found = _check_file(root, root, (), exclude, True)
            if found is not None:
                yield found
        else:
            yield Found(root, root, "no such file or folder", failed=True)


def _identity(folder: str) -> tuple[int, int] | None:
    try:
        info = os.stat(folder)
    except OSError:
        return None  # os.walk reports nothing for it either way
    return (info.st_dev, info.st_ino)


def default_source(path: str, root: str) -> str | None:
    """The top folder under the ingested folder ("kompas" for ``corpus/kompas/a.html``), else its name."""
    if path == root:
        return None
    parts = Path(os.path.relpath(path, root)).parts
    return parts[0] if len(parts) > 1 else Path(root).name or None
