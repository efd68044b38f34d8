"""Dispatch ``python -m archive.evaluate NAME [ARGS...]`` to ``archive.evaluate.NAME.main``."""

import importlib
import pkgutil
import sys

import archive.evaluate as package


def main(argv: list[str]) -> int:
    names = sorted(m.name for m in pkgutil.iter_modules(package.__path__) if not m.name.startswith("_"))
    if not argv or argv[0] not in names:
        print(f"usage: python -m archive.evaluate {{{'|'.join(names)}}} [ARGS...]", file=sys.stderr)
        return 2
    module = importlib.import_module(f"archive.evaluate.{argv[0]}")
    return module.main(argv[1:]) or 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
