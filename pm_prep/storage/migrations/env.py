"""Alembic environment: PM Prep always passes an open connection in config.attributes."""

from alembic import context

from pm_prep.storage.models import Base, is_migration_only

config = context.config
connection = config.attributes.get("connection")
if connection is None:
    raise RuntimeError("PM Prep migrations run through pm_prep.storage.migrate only")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things; batch mode copies the table
    # The full-text search table is the migrations' own: autogenerate must not drop it.
    include_name=lambda name, kind, _parent: not (kind == "table" and is_migration_only(name)),
)
with context.begin_transaction():
    context.run_migrations()
