"""Alembic environment: runs on the connection kuaibao hands it (see ``store.schema``)."""

from __future__ import annotations

from alembic import context

from kuaibao.store.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only when someone runs the alembic CLI by hand
    raise RuntimeError("run migrations through `kuaibao init` or kuaibao.store.schema.upgrade()")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
)
with context.begin_transaction():
    context.run_migrations()
