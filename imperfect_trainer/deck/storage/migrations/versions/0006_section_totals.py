"""Each section's mastery kept as it changes, so the statistics read a row per section.

Revision ID: 0006
Revises: 0005

- ``section_totals``: per section, its active (not retired) cards with a schedule and how many
  of them are new (no due day), settled (an interval of 21 days or more) and hard (not settled,
  with an E-Factor below 2.0 or two lapses): the numbers the statistics show per section, which
  before this walked every card and sorted it by section (about 100 ms at 100,000 cards).
- Triggers keep it, whoever writes (answers, undo, imports, repairs, merges, deletes): a
  schedule inserted, changed or deleted; a card moved to another section, retired or brought
  back; a card deleted. A card's delete subtracts it before the foreign key cascades to its
  schedule; the schedule's delete then finds no card and leaves the totals alone (on both
  dialects the cascade runs once the card's row is gone). An answer costs one indexed update.
- ``ix_cards_sections`` (section, retired, position): each section's first active card, which
  orders the sections as the deck does without reading the cards.

On PostgreSQL the table is each person's own like the others (``owner``, row-level security,
forced) and one PL/pgSQL function serves the triggers. The totals are built from every
person's rows, so for that one statement the migration (run by the tables' owner) lifts the
forcing it puts back in the same transaction.

The thresholds (21, 200, 2) are written into the triggers: changing them in the statistics
means a migration that re-creates the triggers and rebuilds the table. A later migration that
copies ``cards`` or ``card_states`` through Alembic's batch mode must re-create the triggers
(as 0004 does for 0003's). ``check --repair`` rebuilds the totals should they ever drift.
"""

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


COLUMNS = ("new_cards", "settled", "hard")


def _counts(row: str, as_int: str = "") -> tuple[str, str, str]:
    """A schedule's share of its section's new, settled and hard cards: three 0-or-1 values
    (``as_int`` makes PostgreSQL's booleans numbers)."""
    return (
        f"({row}.due_day IS NULL){as_int}",
        f"({row}.interval_days >= 21){as_int}",
        f"({row}.interval_days < 21"
        f" AND ({row}.easiness_hundredths < 200 OR {row}.lapses >= 2)){as_int}",
    )


def _values(row: str, as_int: str = "") -> str:
    return ", ".join(_counts(row, as_int))


def _delta(old: str, new: str, as_int: str = "") -> str:
    """SET clauses moving a section's totals from schedule ``old`` to schedule ``new``."""
    return ", ".join(
        f"{column} = section_totals.{column} + {n} - {o}"
        for column, o, n in zip(COLUMNS, _counts(old, as_int), _counts(new, as_int), strict=True)
    )


def _less(row: str, as_int: str = "") -> str:
    """SET clauses taking schedule ``row`` out of a section's totals."""
    return "cards = section_totals.cards - 1, " + ", ".join(
        f"{column} = section_totals.{column} - {count}"
        for column, count in zip(COLUMNS, _counts(row, as_int), strict=True)
    )


_ON_CONFLICT_ADD = """
    DO UPDATE SET cards = section_totals.cards + 1,
        new_cards = section_totals.new_cards + excluded.new_cards,
        settled = section_totals.settled + excluded.settled,
        hard = section_totals.hard + excluded.hard"""
_DROP_EMPTY = "DELETE FROM section_totals WHERE cards <= 0"

SQLITE_TRIGGERS = {
    "section_totals_after_state_insert": f"""
        CREATE TRIGGER section_totals_after_state_insert AFTER INSERT ON card_states BEGIN
            INSERT INTO section_totals (section, cards, new_cards, settled, hard)
            SELECT c.section, 1, {_values("NEW")} FROM cards AS c
            WHERE c.id = NEW.card_id AND c.retired = 0
            ON CONFLICT (section) {_ON_CONFLICT_ADD};
        END""",
    "section_totals_after_state_delete": f"""
        CREATE TRIGGER section_totals_after_state_delete AFTER DELETE ON card_states BEGIN
            UPDATE section_totals SET {_less("OLD")}
            FROM cards AS c
            WHERE c.id = OLD.card_id AND c.retired = 0 AND section_totals.section = c.section;
            {_DROP_EMPTY};
        END""",
    # Every answer: one update of its card's section, found through the primary key.
    "section_totals_after_state_update": f"""
        CREATE TRIGGER section_totals_after_state_update
        AFTER UPDATE OF due_day, interval_days, easiness_hundredths, lapses ON card_states
        WHEN OLD.card_id = NEW.card_id BEGIN
            UPDATE section_totals SET {_delta("OLD", "NEW")}
            WHERE section = (SELECT section FROM cards WHERE id = NEW.card_id AND retired = 0);
        END""",
    "section_totals_after_state_moved": f"""
        CREATE TRIGGER section_totals_after_state_moved AFTER UPDATE OF card_id ON card_states
        WHEN OLD.card_id IS NOT NEW.card_id BEGIN
            UPDATE section_totals SET {_less("OLD")}
            FROM cards AS c
            WHERE c.id = OLD.card_id AND c.retired = 0 AND section_totals.section = c.section;
            {_DROP_EMPTY};
            INSERT INTO section_totals (section, cards, new_cards, settled, hard)
            SELECT c.section, 1, {_values("NEW")} FROM cards AS c
            WHERE c.id = NEW.card_id AND c.retired = 0
            ON CONFLICT (section) {_ON_CONFLICT_ADD};
        END""",
    "section_totals_after_card_update": f"""
        CREATE TRIGGER section_totals_after_card_update AFTER UPDATE OF section, retired ON cards
        WHEN OLD.section IS NOT NEW.section OR OLD.retired IS NOT NEW.retired BEGIN
            UPDATE section_totals SET {_less("s")}
            FROM card_states AS s
            WHERE s.card_id = OLD.id AND OLD.retired = 0 AND section_totals.section = OLD.section;
            {_DROP_EMPTY};
            INSERT INTO section_totals (section, cards, new_cards, settled, hard)
            SELECT NEW.section, 1, {_values("s")} FROM card_states AS s
            WHERE s.card_id = NEW.id AND NEW.retired = 0
            ON CONFLICT (section) {_ON_CONFLICT_ADD};
        END""",
    "section_totals_before_card_delete": f"""
        CREATE TRIGGER section_totals_before_card_delete BEFORE DELETE ON cards BEGIN
            UPDATE section_totals SET {_less("s")}
            FROM card_states AS s
            WHERE s.card_id = OLD.id AND OLD.retired = 0 AND section_totals.section = OLD.section;
            {_DROP_EMPTY};
        END""",
}

_INT = "::int"
POSTGRES_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION section_totals_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_TABLE_NAME = 'card_states' THEN
            IF TG_OP = 'UPDATE' AND OLD.card_id = NEW.card_id THEN
                UPDATE section_totals SET {_delta("OLD", "NEW", _INT)}
                WHERE owner = NEW.owner AND section = (
                    SELECT section FROM cards
                    WHERE owner = NEW.owner AND id = NEW.card_id AND NOT retired);
                RETURN NULL;
            END IF;
            IF TG_OP IN ('DELETE', 'UPDATE') THEN
                UPDATE section_totals SET {_less("OLD", _INT)}
                FROM cards AS c
                WHERE c.owner = OLD.owner AND c.id = OLD.card_id AND NOT c.retired
                  AND section_totals.owner = c.owner AND section_totals.section = c.section;
                DELETE FROM section_totals WHERE owner = OLD.owner AND cards <= 0;
            END IF;
            IF TG_OP IN ('INSERT', 'UPDATE') THEN
                INSERT INTO section_totals (owner, section, cards, new_cards, settled, hard)
                SELECT c.owner, c.section, 1, {_values("NEW", _INT)} FROM cards AS c
                WHERE c.owner = NEW.owner AND c.id = NEW.card_id AND NOT c.retired
                ON CONFLICT (owner, section) {_ON_CONFLICT_ADD};
            END IF;
            RETURN NULL;
        END IF;
        IF TG_OP IN ('DELETE', 'UPDATE') AND NOT OLD.retired THEN
            UPDATE section_totals SET {_less("s", _INT)}
            FROM card_states AS s
            WHERE s.owner = OLD.owner AND s.card_id = OLD.id
              AND section_totals.owner = OLD.owner AND section_totals.section = OLD.section;
            DELETE FROM section_totals WHERE owner = OLD.owner AND cards <= 0;
        END IF;
        IF TG_OP = 'UPDATE' AND NOT NEW.retired THEN
            INSERT INTO section_totals (owner, section, cards, new_cards, settled, hard)
            SELECT NEW.owner, NEW.section, 1, {_values("s", _INT)} FROM card_states AS s
            WHERE s.owner = NEW.owner AND s.card_id = NEW.id
            ON CONFLICT (owner, section) {_ON_CONFLICT_ADD};
        END IF;
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NULL;
    END $$"""
POSTGRES_TRIGGERS = {
    "section_totals_after_state_change": "AFTER INSERT OR DELETE OR UPDATE OF card_id, due_day,"
    " interval_days, easiness_hundredths, lapses ON card_states FOR EACH ROW",
    "section_totals_after_card_update": "AFTER UPDATE OF section, retired ON cards FOR EACH ROW"
    " WHEN (OLD.section IS DISTINCT FROM NEW.section OR OLD.retired IS DISTINCT FROM NEW.retired)",
    "section_totals_before_card_delete": "BEFORE DELETE ON cards FOR EACH ROW",
}

# The totals from the cards and their schedules, as the triggers would have kept them.
_BUILD = """
    INSERT INTO section_totals ({owner}section, cards, new_cards, settled, hard)
    SELECT {c_owner}c.section, count(*),
           sum(CASE WHEN s.due_day IS NULL THEN 1 ELSE 0 END),
           sum(CASE WHEN s.interval_days >= 21 THEN 1 ELSE 0 END),
           sum(CASE WHEN s.interval_days < 21
                    AND (s.easiness_hundredths < 200 OR s.lapses >= 2) THEN 1 ELSE 0 END)
    FROM cards AS c JOIN card_states AS s ON {join_owner}s.card_id = c.id
    WHERE c.retired = {false}
    GROUP BY {c_owner}c.section"""
PEOPLE = "imperfect_trainer_people"


def upgrade() -> None:
    postgres = op.get_bind().dialect.name == "postgresql"
    if not postgres:
        op.create_table(
            "section_totals",
            sa.Column("section", sa.String(200), primary_key=True),
            sa.Column("cards", sa.Integer(), nullable=False),
            sa.Column("new_cards", sa.Integer(), nullable=False),
            sa.Column("settled", sa.Integer(), nullable=False),
            sa.Column("hard", sa.Integer(), nullable=False),
        )
        op.create_index("ix_cards_sections", "cards", ["section", "retired", "position"])
        op.execute(_BUILD.format(owner="", c_owner="", join_owner="", false="0"))
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)
        return
    op.execute(
        "CREATE TABLE section_totals (owner name NOT NULL DEFAULT current_user,"
        " section varchar(200) NOT NULL, cards integer NOT NULL, new_cards integer NOT NULL,"
        " settled integer NOT NULL, hard integer NOT NULL, PRIMARY KEY (owner, section))"
    )
    op.execute("CREATE INDEX ix_cards_sections ON cards (owner, section, retired, position)")
    for table in ("cards", "card_states"):
        op.execute(f"ALTER TABLE {table} NO FORCE ROW LEVEL SECURITY")
    op.execute(
        _BUILD.format(
            owner="owner, ", c_owner="c.owner, ", join_owner="s.owner = c.owner AND ", false="false"
        )
    )
    op.execute("ALTER TABLE section_totals ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY own_rows ON section_totals"
        " USING (owner = current_user) WITH CHECK (owner = current_user)"
    )
    for table in ("cards", "card_states", "section_totals"):
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON section_totals TO {PEOPLE}")
    op.execute(POSTGRES_FUNCTION)
    for name, event in POSTGRES_TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {event} EXECUTE FUNCTION section_totals_keep()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to an older schema")
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_cards_sections", "cards")
    op.drop_table("section_totals")
