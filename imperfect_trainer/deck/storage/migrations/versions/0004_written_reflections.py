"""A written reflection is an answer without a grade.

Revision ID: 0004
Revises: 0003

``reviews.grade`` may be empty (NULL): the answer was a reflection written in the practice (its
text is the journal entry linked to it), which ``answer_rules`` schedules on its own ladder
instead of SM-2. Every answer logged before this has a grade and keeps it.

SQLite cannot drop a NOT NULL in place, so Alembic's batch mode copies ``reviews`` into a new
table and swaps it in. That copy loses what hangs on the old table, so it is put back:

- the triggers of migration 0003 (``practice_days``), re-created as they were. While the copy
  runs there are none, and none need to fire: the rows and their per-day totals are unchanged.
- the links from journal entries to their answers. The app's connections keep foreign keys on,
  which cannot be switched off inside the migration's transaction, so dropping the old table
  sets ``journal_entries.review_id`` to NULL (its ON DELETE SET NULL). The links are kept aside
  in a temporary table and written back; the answers keep their ids in the copy.

The indexes of ``reviews`` are re-created by the batch from the table it copies.

``ix_cards_reflections`` lists the few reflection cards (a partial index), so the statistics can
leave them out of "still hard" without reading every card's row.
"""

import importlib

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None

# The module's name starts with a digit, so it is imported by name.
_TRIGGERS: dict[str, str] = importlib.import_module(
    "imperfect_trainer.deck.storage.migrations.versions.0003_fast_counts"
).TRIGGERS


def upgrade() -> None:
    if _on_postgresql():
        # PostgreSQL drops a NOT NULL in place; its triggers and links stay as they are.
        op.alter_column("reviews", "grade", existing_type=sa.Integer(), nullable=True)
    else:
        _rebuild_reviews(nullable=True)
    op.create_index(
        "ix_cards_reflections",
        "cards",
        ["id"],
        sqlite_where=sa.text("kind = 'reflection'"),
        postgresql_where=sa.text("kind = 'reflection'"),
    )


def downgrade() -> None:
    op.drop_index("ix_cards_reflections", "cards")
    # A reflection has no grade to give back; the oldest schema cannot hold it without one.
    op.execute("DELETE FROM reviews WHERE grade IS NULL")
    if _on_postgresql():
        op.alter_column("reviews", "grade", existing_type=sa.Integer(), nullable=False)
    else:
        _rebuild_reviews(nullable=False)


def _on_postgresql() -> bool:
    return bool(op.get_bind().dialect.name == "postgresql")


def _rebuild_reviews(*, nullable: bool) -> None:
    op.execute(
        "CREATE TEMPORARY TABLE journal_answer_links AS"
        " SELECT id, review_id FROM journal_entries WHERE review_id IS NOT NULL"
    )
    for name in _TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    with op.batch_alter_table("reviews", recreate="always") as batch:
        batch.alter_column("grade", existing_type=sa.Integer(), nullable=nullable)
    for sql in _TRIGGERS.values():
        op.execute(sql)
    op.execute(
        "UPDATE journal_entries SET review_id = (SELECT link.review_id FROM"
        " journal_answer_links AS link WHERE link.id = journal_entries.id)"
        " WHERE id IN (SELECT id FROM journal_answer_links)"
    )
    op.execute("DROP TABLE journal_answer_links")
