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
  dialects the cascade runs once the card's row is gone). On SQLite an answer costs one
  indexed update (~3 microseconds); PostgreSQL's triggers work per statement (below).
- ``ix_cards_sections`` (section, position; active cards only): each section's first card,
  which orders the sections as the deck does without reading the cards.

On PostgreSQL the table is each person's own like the others (``owner``, row-level security,
forced). The totals are built from every person's rows, so for that one statement the migration
(run by the tables' owner) lifts the forcing, and puts it back in the same transaction.

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


def _add_schedule(state: str) -> str:
    """Add schedule ``state`` (NEW) to its card's section, if the card is active."""
    return f"""
            INSERT INTO section_totals (section, cards, new_cards, settled, hard)
            SELECT c.section, 1, {_values(state)} FROM cards AS c
            WHERE c.id = {state}.card_id AND c.retired = 0
            ON CONFLICT (section) {_ON_CONFLICT_ADD};"""


def _take_schedule(state: str) -> str:
    """Take schedule ``state`` (OLD) out of its card's section, if the card is active."""
    return f"""
            UPDATE section_totals SET {_less(state)}
            FROM cards AS c
            WHERE c.id = {state}.card_id AND c.retired = 0 AND section_totals.section = c.section;
            {_DROP_EMPTY};"""


# A card (OLD) leaving its section: its schedule taken out, if it was active.
_TAKE_CARD = f"""
            UPDATE section_totals SET {_less("s")}
            FROM card_states AS s
            WHERE s.card_id = OLD.id AND OLD.retired = 0 AND section_totals.section = OLD.section;
            {_DROP_EMPTY};"""

SQLITE_TRIGGERS = {
    "section_totals_after_state_insert": f"""
        CREATE TRIGGER section_totals_after_state_insert AFTER INSERT ON card_states BEGIN
            {_add_schedule("NEW")}
        END""",
    "section_totals_after_state_delete": f"""
        CREATE TRIGGER section_totals_after_state_delete AFTER DELETE ON card_states BEGIN
            {_take_schedule("OLD")}
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
            {_take_schedule("OLD")}
            {_add_schedule("NEW")}
        END""",
    "section_totals_after_card_update": f"""
        CREATE TRIGGER section_totals_after_card_update AFTER UPDATE OF section, retired ON cards
        WHEN OLD.section IS NOT NEW.section OR OLD.retired IS NOT NEW.retired BEGIN
            {_TAKE_CARD}
            INSERT INTO section_totals (section, cards, new_cards, settled, hard)
            SELECT NEW.section, 1, {_values("s")} FROM card_states AS s
            WHERE s.card_id = NEW.id AND NEW.retired = 0
            ON CONFLICT (section) {_ON_CONFLICT_ADD};
        END""",
    "section_totals_before_card_delete": f"""
        CREATE TRIGGER section_totals_before_card_delete BEFORE DELETE ON cards BEGIN
            {_TAKE_CARD}
        END""",
}


# PostgreSQL keeps old row versions until the transaction ends, so a row updated for every
# schedule written (a section's, by a row-level trigger) would make a bulk write of N cards cost
# N squared. Its triggers run once per statement instead, over the statement's changed rows
# (transition tables), adding each section's changes in one upsert; the writers send many rows
# per statement (900 new schedules at a time). Those upserts are planned afresh each time
# (EXECUTE): a plan cached while the person had a few cards, and kept by PL/pgSQL, scanned all
# of their cards for every changed row once an import had brought 100,000 (minutes). And each
# changed row finds its card (or schedule) through a LATERAL lookup by the whole primary key,
# which LIMIT keeps from being flattened into a join: a new trainee's rows are rare in the
# table's statistics, so as a join the planner put a scan of all their cards outside and the
# changed rows inside (8,000 cards x 900 rows, a second per statement).
#
# An answer changes one schedule: that case takes its card's section by the primary key and
# updates one row, with plans kept, as cheap as the SQLite trigger. Deleting a card is the other
# exception: by the time a statement-level trigger ran, the cascade would have taken its
# schedule, so a row-level trigger subtracts it first (a person deletes a few cards at a time).
def _signed(rows: str, sign: str) -> str:
    """Schedules from ``rows`` with their card's section, counted with ``sign``."""
    new, settled, hard = (f"CASE WHEN {count} THEN {sign} ELSE 0 END" for count in _counts("s"))
    return f"""
        SELECT c.owner, c.section, {sign} AS cards, {new} AS new_cards,
               {settled} AS settled, {hard} AS hard
        FROM {rows} AS s CROSS JOIN LATERAL (
            SELECT owner, section FROM cards
            WHERE owner = s.owner AND id = s.card_id AND NOT retired LIMIT 1) AS c"""


def _apply(signed: str) -> str:
    """Add each section's summed changes, planned for this statement's rows; a section left
    without cards goes."""
    return f"""
        EXECUTE $sql$
            INSERT INTO section_totals (owner, section, cards, new_cards, settled, hard)
            SELECT owner, section, sum(cards), sum(new_cards), sum(settled), sum(hard)
            FROM ({signed}) AS changes
            GROUP BY owner, section
            HAVING sum(cards) <> 0 OR sum(new_cards) <> 0 OR sum(settled) <> 0
                OR sum(hard) <> 0
            ON CONFLICT (owner, section) DO UPDATE SET
                cards = section_totals.cards + excluded.cards,
                new_cards = section_totals.new_cards + excluded.new_cards,
                settled = section_totals.settled + excluded.settled,
                hard = section_totals.hard + excluded.hard
        $sql$;
        DELETE FROM section_totals WHERE owner = current_user AND cards <= 0;"""


# A card's rows (before or after the statement) with its schedule, for the cards whose section
# or retirement the statement changed.
_CARD_ROWS = """(
    SELECT s.owner, s.card_id, s.due_day, s.interval_days, s.easiness_hundredths, s.lapses,
           c.section, c.retired
    FROM {cards} AS c CROSS JOIN LATERAL (
        SELECT owner, card_id, due_day, interval_days, easiness_hundredths, lapses
        FROM card_states WHERE owner = c.owner AND card_id = c.id LIMIT 1) AS s
    WHERE (c.owner, c.id) IN (
        SELECT a.owner, a.id FROM after_rows AS a JOIN before_rows AS b
            ON b.owner = a.owner AND b.id = a.id
        WHERE a.section IS DISTINCT FROM b.section OR a.retired IS DISTINCT FROM b.retired))"""


def _card_change(cards: str, sign: str) -> str:
    new, settled, hard = (f"CASE WHEN {count} THEN {sign} ELSE 0 END" for count in _counts("c"))
    return f"""
        SELECT c.owner, c.section, {sign} AS cards, {new} AS new_cards,
               {settled} AS settled, {hard} AS hard
        FROM {_CARD_ROWS.format(cards=cards)} AS c WHERE NOT c.retired"""


_ONE_ANSWER = f"""
        IF (SELECT count(*) FROM after_rows) = 1 THEN
            SELECT * INTO after_row FROM after_rows;
            SELECT * INTO before_row FROM before_rows;
            IF after_row.card_id = before_row.card_id THEN
                SELECT section INTO card_section FROM cards
                WHERE owner = after_row.owner AND id = after_row.card_id AND NOT retired;
                UPDATE section_totals SET {_delta("before_row", "after_row", "::int")}
                WHERE owner = after_row.owner AND section = card_section;
                RETURN NULL;
            END IF;
        END IF;"""
# (declarations, body) of each trigger's function.
POSTGRES_FUNCTIONS = {
    "section_totals_after_state_insert": ("", _apply(_signed("after_rows", "1"))),
    "section_totals_after_state_delete": ("", _apply(_signed("before_rows", "-1"))),
    "section_totals_after_state_update": (
        "DECLARE after_row card_states; before_row card_states; card_section text;",
        _ONE_ANSWER
        + _apply(_signed("after_rows", "1") + " UNION ALL " + _signed("before_rows", "-1")),
    ),
    "section_totals_after_card_update": (
        "",
        _apply(_card_change("after_rows", "1") + " UNION ALL " + _card_change("before_rows", "-1")),
    ),
    "section_totals_before_card_delete": (
        "",
        f"""
        UPDATE section_totals SET {_less("s", "::int")}
        FROM card_states AS s
        WHERE NOT OLD.retired AND s.owner = OLD.owner AND s.card_id = OLD.id
          AND section_totals.owner = OLD.owner AND section_totals.section = OLD.section;
        DELETE FROM section_totals WHERE owner = OLD.owner AND cards <= 0;
        RETURN OLD;""",
    ),
}
POSTGRES_TRIGGERS = {
    "section_totals_after_state_insert": "AFTER INSERT ON card_states"
    " REFERENCING NEW TABLE AS after_rows FOR EACH STATEMENT",
    "section_totals_after_state_delete": "AFTER DELETE ON card_states"
    " REFERENCING OLD TABLE AS before_rows FOR EACH STATEMENT",
    "section_totals_after_state_update": "AFTER UPDATE ON card_states"
    " REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT",
    "section_totals_after_card_update": "AFTER UPDATE ON cards"
    " REFERENCING OLD TABLE AS before_rows NEW TABLE AS after_rows FOR EACH STATEMENT",
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
        op.create_index(
            "ix_cards_sections",
            "cards",
            ["section", "position"],
            sqlite_where=sa.text("retired = 0"),
        )
        op.execute(_BUILD.format(owner="", c_owner="", join_owner="", false="0"))
        for sql in SQLITE_TRIGGERS.values():
            op.execute(sql)
        return
    op.execute(
        "CREATE TABLE section_totals (owner name NOT NULL DEFAULT current_user,"
        " section varchar(200) NOT NULL, cards integer NOT NULL, new_cards integer NOT NULL,"
        " settled integer NOT NULL, hard integer NOT NULL, PRIMARY KEY (owner, section))"
    )
    # Not led by owner like the others: an index led by owner alone could be taken, on stale
    # statistics, for the foreign keys' lookup of a card by (owner, id), scanning every card.
    op.execute("CREATE INDEX ix_cards_sections ON cards (section, position) WHERE NOT retired")
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
    for name, (declarations, body) in POSTGRES_FUNCTIONS.items():
        end = "" if "RETURN OLD" in body else "RETURN NULL;"
        op.execute(
            f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $function$"
            f" {declarations} BEGIN {body} {end} END $function$"
        )
        op.execute(f"CREATE TRIGGER {name} {POSTGRES_TRIGGERS[name]} EXECUTE FUNCTION {name}()")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to an older schema")
    for name in SQLITE_TRIGGERS:
        op.execute(f"DROP TRIGGER {name}")
    op.drop_index("ix_cards_sections", "cards")
    op.drop_table("section_totals")
