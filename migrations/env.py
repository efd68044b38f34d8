"""Alembic environment: migrations run on the connection ``archive.store.database`` hands over, or,
from Alembic's command line, on the archive given by URL:

    alembic -x url=postgresql://USER@HOST/DB upgrade head     # or sqlite:///PATH; default $ARCHIVE_DB
"""

from alembic import context

from archive.store.schema import metadata


def _run(connection) -> None:
    context.configure(connection=connection, target_metadata=metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


connection = context.config.attributes.get("connection")
if connection is not None:
    _run(connection)
elif context.is_offline_mode():
    raise SystemExit("archive migrations run on a database: give -x url=… (no --sql mode)")
else:  # the alembic command line
    from archive.store import backend

    url = backend.target_url(context.get_x_argument(as_dictionary=True).get("url") or context.config.get_main_option("sqlalchemy.url"))
    engine_backend = backend.for_url(url)
    engine = engine_backend.connect(url, create=True).engine
    try:
        with engine_backend.migration_transaction(engine) as connection:
            _run(connection)
    finally:
        engine.dispose()
