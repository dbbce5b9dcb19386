"""Alembic environment: always handed an open connection by ``store.migrate``."""

from alembic import context

from imperfect_trainer.deck.storage.models import Base

connection = context.config.attributes["connection"]
# Batch mode lets later migrations alter SQLite tables by copy-and-move.
context.configure(connection=connection, target_metadata=Base.metadata, render_as_batch=True)
with context.begin_transaction():
    context.run_migrations()
