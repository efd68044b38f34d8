"""Package discovery that maps the top-level migrations/ folder to ``archive.migrations``."""

from setuptools import find_packages, setup

setup(
    packages=find_packages(include=["archive", "archive.*"]) + ["archive.migrations", "archive.migrations.versions"],
    package_dir={"archive.migrations": "migrations"},
)
