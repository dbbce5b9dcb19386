"""The first schema: cards, their SM-2 state, the review log, sessions, journal and settings.

Revision ID: 0001
Revises:
"""

import sqlalchemy as sa
from alembic import op

from imperfect_trainer.deck.storage.models import UtcDateTime

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "cards",
        sa.Column("id", sa.String(120), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("source", sa.String(60), nullable=False),
        sa.Column("section", sa.String(200), nullable=False),
        sa.Column("front", sa.Text(), nullable=False),
        sa.Column("back", sa.Text(), nullable=False),
        sa.Column("tags", sa.Text(), nullable=False),
        sa.Column("origin", sa.String(10), nullable=False),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("retired", sa.Boolean(), nullable=False),
        sa.Column("suspended", sa.Boolean(), nullable=False),
        sa.Column("personal_note", sa.Text(), nullable=True),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "card_states",
        sa.Column(
            "card_id",
            sa.String(120),
            sa.ForeignKey("cards.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("repetitions", sa.Integer(), nullable=False),
        sa.Column("easiness_hundredths", sa.Integer(), nullable=False),
        sa.Column("interval_days", sa.Integer(), nullable=False),
        sa.Column("due_day", sa.Date(), nullable=True),
        sa.Column("introduced_day", sa.Date(), nullable=True),
        sa.Column("last_review_day", sa.Date(), nullable=True),
        sa.Column("review_count", sa.Integer(), nullable=False),
        sa.Column("lapses", sa.Integer(), nullable=False),
    )
    op.create_index("ix_card_states_due", "card_states", ["due_day", "easiness_hundredths"])
    op.create_table(
        "practice_sessions",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column("practice_day", sa.Date(), nullable=False),
        sa.Column("started_at", UtcDateTime(), nullable=False),
        sa.Column("ended_at", UtcDateTime(), nullable=True),
        sa.Column("planned_seconds", sa.Integer(), nullable=False),
    )
    op.create_index("ix_practice_sessions_practice_day", "practice_sessions", ["practice_day"])
    op.create_table(
        "reviews",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column(
            "card_id", sa.String(120), sa.ForeignKey("cards.id", ondelete="CASCADE"), nullable=False
        ),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("practice_sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("reviewed_at", UtcDateTime(), nullable=False),
        sa.Column("practice_day", sa.Date(), nullable=False),
        sa.Column("grade", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
        sa.Column("drill", sa.Boolean(), nullable=False),
        sa.Column("repetitions_before", sa.Integer(), nullable=False),
        sa.Column("easiness_before", sa.Integer(), nullable=False),
        sa.Column("interval_before", sa.Integer(), nullable=False),
        sa.Column("due_before", sa.Date(), nullable=True),
        sa.Column("repetitions_after", sa.Integer(), nullable=False),
        sa.Column("easiness_after", sa.Integer(), nullable=False),
        sa.Column("interval_after", sa.Integer(), nullable=False),
        sa.Column("due_after", sa.Date(), nullable=True),
    )
    op.create_index("ix_reviews_card", "reviews", ["card_id", "reviewed_at"])
    op.create_index("ix_reviews_practice_day", "reviews", ["practice_day"])
    op.create_table(
        "journal_entries",
        sa.Column("id", sa.Integer(), primary_key=True),
        sa.Column("kind", sa.String(20), nullable=False),
        sa.Column(
            "card_id", sa.String(120), sa.ForeignKey("cards.id", ondelete="SET NULL"), nullable=True
        ),
        sa.Column(
            "review_id",
            sa.Integer(),
            sa.ForeignKey("reviews.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column(
            "session_id",
            sa.Integer(),
            sa.ForeignKey("practice_sessions.id", ondelete="SET NULL"),
            nullable=True,
        ),
        sa.Column("practice_day", sa.Date(), nullable=False),
        sa.Column("created_at", UtcDateTime(), nullable=False),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
    )
    op.create_index("ix_journal_entries_card_id", "journal_entries", ["card_id"])
    op.create_index("ix_journal_entries_review_id", "journal_entries", ["review_id"])
    op.create_index("ix_journal_entries_practice_day", "journal_entries", ["practice_day"])
    op.create_table(
        "settings",
        sa.Column("key", sa.String(60), primary_key=True),
        sa.Column("value", sa.Text(), nullable=False),
    )


def downgrade() -> None:
    for table in (
        "settings",
        "journal_entries",
        "reviews",
        "practice_sessions",
        "card_states",
        "cards",
    ):
        op.drop_table(table)
