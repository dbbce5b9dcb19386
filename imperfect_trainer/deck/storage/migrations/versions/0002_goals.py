"""Practice goals, the situations picked in a debrief, and an index for the statistics.

Revision ID: 0002
Revises: 0001
"""

import sqlalchemy as sa
from alembic import op

from imperfect_trainer.deck.storage.models import UtcDateTime

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "debrief_situations",
        sa.Column(
            "entry_id",
            sa.Integer(),
            sa.ForeignKey("journal_entries.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("situation", sa.String(40), primary_key=True),
    )
    op.create_table(
        "goals",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("striving", sa.String(20), nullable=True),
        sa.Column("discussed_in_supervision", sa.Boolean(), nullable=True),
        sa.Column("note", sa.Text(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("revisited_day", sa.Date(), nullable=False),
    )

    op.create_index(
        "ix_cards_stats", "cards", ["id", "retired", "suspended", "section", "position"]
    )


def downgrade() -> None:
    op.drop_index("ix_cards_stats", "cards")
    op.drop_table("goals")
    op.drop_table("debrief_situations")
