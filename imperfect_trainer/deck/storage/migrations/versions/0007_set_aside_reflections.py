"""A reflection left with "Not today" stays left for that practice day, across restarts.

Revision ID: 0007
Revises: 0006

Both dialects: ``card_states.set_aside_day``, the practice day on which the person chose "Not
today" for the card (empty otherwise). Nothing of the schedule changes with it: the card stays
due and another day's practice offers it again. A small partial index lists the few cards that
have one, so a practice's start finds today's without reading every schedule; on PostgreSQL it
leads with ``owner``, as every index of a person's rows does (0005).
"""

import sqlalchemy as sa
from alembic import op

revision = "0007"
down_revision = "0006"
branch_labels = None
depends_on = None

HAS_ONE = "set_aside_day IS NOT NULL"


def upgrade() -> None:
    op.add_column("card_states", sa.Column("set_aside_day", sa.Date(), nullable=True))
    if op.get_bind().dialect.name == "postgresql":
        op.execute(
            "CREATE INDEX ix_card_states_set_aside ON card_states (owner, set_aside_day)"
            f" WHERE {HAS_ONE}"
        )
    else:
        op.create_index(
            "ix_card_states_set_aside",
            "card_states",
            ["set_aside_day"],
            sqlite_where=sa.text(HAS_ONE),
        )


def downgrade() -> None:
    op.drop_index("ix_card_states_set_aside", "card_states")
    with op.batch_alter_table("card_states") as batch:
        batch.drop_column("set_aside_day")
