"""Counts that stay fast at 100,000 cards and a million answers.

Revision ID: 0003
Revises: 0002

- ``ix_cards_parked``: a partial index over the few retired or suspended cards, so "active cards
  due" is an index-only count of due states minus the parked ones (no join per due card).
- ``ix_card_states_introduced``: "new cards introduced today" without a full scan.
- ``practice_days``: answers and time per day, kept by triggers on ``reviews`` so that every
  writer (answers, undo, imports, repairs, cascading card deletes) keeps it right; the statistics
  read it instead of scanning the log. On PostgreSQL the same three triggers call one PL/pgSQL
  function (migration 0005 makes it keep each person's own totals).
"""

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None

TRIGGERS = {
    "practice_days_after_insert": """
        CREATE TRIGGER practice_days_after_insert AFTER INSERT ON reviews BEGIN
            INSERT INTO practice_days (day, answers, duration_ms)
            VALUES (NEW.practice_day, 1, NEW.duration_ms)
            ON CONFLICT (day) DO UPDATE SET
                answers = answers + 1, duration_ms = duration_ms + excluded.duration_ms;
        END""",
    "practice_days_after_delete": """
        CREATE TRIGGER practice_days_after_delete AFTER DELETE ON reviews BEGIN
            UPDATE practice_days
            SET answers = answers - 1, duration_ms = duration_ms - OLD.duration_ms
            WHERE day = OLD.practice_day;
            DELETE FROM practice_days WHERE day = OLD.practice_day AND answers <= 0;
        END""",
    "practice_days_after_update": """
        CREATE TRIGGER practice_days_after_update
        AFTER UPDATE OF practice_day, duration_ms ON reviews BEGIN
            UPDATE practice_days
            SET answers = answers - 1, duration_ms = duration_ms - OLD.duration_ms
            WHERE day = OLD.practice_day;
            DELETE FROM practice_days WHERE day = OLD.practice_day AND answers <= 0;
            INSERT INTO practice_days (day, answers, duration_ms)
            VALUES (NEW.practice_day, 1, NEW.duration_ms)
            ON CONFLICT (day) DO UPDATE SET
                answers = answers + 1, duration_ms = duration_ms + excluded.duration_ms;
        END""",
}

# PostgreSQL: one function for the three events; its rows are the same as SQLite's triggers'.
POSTGRES_FUNCTION = """
    CREATE OR REPLACE FUNCTION practice_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE practice_days
            SET answers = answers - 1, duration_ms = duration_ms - OLD.duration_ms
            WHERE day = OLD.practice_day;
            DELETE FROM practice_days WHERE day = OLD.practice_day AND answers <= 0;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO practice_days (day, answers, duration_ms)
            VALUES (NEW.practice_day, 1, NEW.duration_ms)
            ON CONFLICT (day) DO UPDATE SET
                answers = practice_days.answers + 1,
                duration_ms = practice_days.duration_ms + excluded.duration_ms;
        END IF;
        RETURN NULL;
    END $$"""
POSTGRES_EVENTS = {
    "practice_days_after_insert": "INSERT",
    "practice_days_after_delete": "DELETE",
    "practice_days_after_update": "UPDATE OF practice_day, duration_ms",
}


def upgrade() -> None:
    op.create_index(
        "ix_cards_parked", "cards", ["id"], sqlite_where=sa.text("retired IS 1 OR suspended IS 1")
    )
    op.create_index("ix_card_states_introduced", "card_states", ["introduced_day"])
    op.create_table(
        "practice_days",
        sa.Column("day", sa.Date(), primary_key=True),
        sa.Column("answers", sa.Integer(), nullable=False),
        sa.Column("duration_ms", sa.Integer(), nullable=False),
    )
    op.execute(
        "INSERT INTO practice_days (day, answers, duration_ms)"
        " SELECT practice_day, count(*), sum(duration_ms) FROM reviews GROUP BY practice_day"
    )
    if op.get_bind().dialect.name == "postgresql":
        op.execute(POSTGRES_FUNCTION)
        for name, event in POSTGRES_EVENTS.items():
            op.execute(
                f"CREATE TRIGGER {name} AFTER {event} ON reviews"
                " FOR EACH ROW EXECUTE FUNCTION practice_days_keep()"
            )
        return
    for sql in TRIGGERS.values():
        op.execute(sql)


def downgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER {name} ON reviews" if postgres else f"DROP TRIGGER {name}")
    if postgres:
        op.execute("DROP FUNCTION practice_days_keep()")
    op.drop_table("practice_days")
    op.drop_index("ix_card_states_introduced", "card_states")
    op.drop_index("ix_cards_parked", "cards")
