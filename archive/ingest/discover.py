"""Walk the paths given to ``archive ingest``: files and folders, recursive, in sorted order."""

from __future__ import annotations

import fnmatch
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from archive.readers import is_supported


@dataclass(frozen=True)
class Found:
    """A path to ingest (``reason`` is None) or to report as skipped/failed with ``reason``."""

    path: str
    root: str
    reason: str | None = None
    failed: bool = False  # a reason that is an error (broken link), not a deliberate skip


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
    return Found(path, root)


def discover(
    paths: Sequence[str | Path],
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    follow_symlinks: bool = False,
) -> Iterator[Found]:
    """Yield every file under ``paths`` (sorted, recursive) with why it is skipped, if it is."""
    for given in paths:
        root = os.path.abspath(given)
        if os.path.isdir(root):
            for folder, dirs, files in os.walk(root, followlinks=follow_symlinks):
                dirs[:] = sorted(d for d in dirs if not d.startswith("."))
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


def default_source(path: str, root: str) -> str | None:
    """The top folder under the ingested folder ("kompas" for ``corpus/kompas/a.html``), else its name."""
    if path == root:
        return None
    parts = Path(os.path.relpath(path, root)).parts
    return parts[0] if len(parts) > 1 else Path(root).name or None
