"""Alembic environment: runs on the connection cmplanner hands over."""

from __future__ import annotations

from alembic import context

from cmplanner.storage.tables import Base

config = context.config
connection = config.attributes.get("connection")
target_metadata = Base.metadata

if connection is None:  # pragma: no cover - only for `alembic revision --autogenerate`
    from sqlalchemy import create_engine

    url = config.get_main_option("sqlalchemy.url") or "sqlite://"
    with create_engine(url).connect() as conn:
        context.configure(connection=conn, target_metadata=target_metadata, render_as_batch=True)
        with context.begin_transaction():
            context.run_migrations()
else:
    context.configure(connection=connection, target_metadata=target_metadata, render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()
