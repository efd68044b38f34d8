"""Browse an archive in a web browser: Datasette, read-only, with the metadata and saved queries shipped here.

Datasette is an optional extra (``pip install 'newsarchive[web]'``): nothing outside this package
imports it, and ``archive serve`` says how to install it when it is missing.
"""
