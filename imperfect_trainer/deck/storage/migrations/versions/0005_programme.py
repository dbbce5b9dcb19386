"""A training programme's shared collection: "Share with my supervisor", and on PostgreSQL
every row its login role's own, enforced by row-level security.

Revision ID: 0005
Revises: 0004

Both dialects: ``journal_entries.shared`` and ``goals.shared`` (false until the person ticks
"Share with my supervisor").

PostgreSQL only (one database holds the whole programme):

- ``owner`` (the login role, ``current_user`` by default) on every table of a person's
  collection; primary keys and foreign keys include it, since built-in card ids (and copied
  collections' row ids) are the same for everyone. A foreign key that empties a link on delete
  empties only its own column (PostgreSQL 15's ``SET NULL (column)``), never ``owner``.
- Indexes lead with ``owner``, so one person's queries never read another's rows.
- Row-level security, enabled and forced (the tables' owner too): a person reads and writes only
  rows whose ``owner`` is ``current_user``; an app session sees exactly one collection.
- ``supervision`` (supervisor, trainee), kept by the programme's owner.
- For supervisors, four views and nothing else: for their assigned trainees only, the journal
  entries and goals each trainee shared, practised days and minutes, and mastery per section of
  the shipped deck. The views belong to a login-less role that alone may read every row (a
  policy for that role), and filter on ``session_user``, the supervisor's own login.
- Group roles: ``imperfect_trainer_people`` (anyone with a collection) and
  ``imperfect_trainer_supervisors``; ``server add-trainee`` and ``add-supervisor`` grant them.
"""

from collections.abc import Iterable

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None

PEOPLE = "imperfect_trainer_people"
SUPERVISORS = "imperfect_trainer_supervisors"
SUMMARIES = "imperfect_trainer_summaries"
# Each person's tables, parents first; with their primary key and foreign keys on PostgreSQL.
OWNED = {
    "cards": ("id",),
    "card_states": ("card_id",),
    "practice_sessions": ("id",),
    "reviews": ("id",),
    "practice_days": ("day",),
    "journal_entries": ("id",),
    "settings": ("key",),
    "debrief_situations": ("entry_id", "situation"),
    "goals": ("id",),
}
# (table, column, parent table, on delete)
FOREIGN_KEYS = (
    ("card_states", "card_id", "cards", "CASCADE"),
    ("reviews", "card_id", "cards", "CASCADE"),
    ("reviews", "session_id", "practice_sessions", "SET NULL (session_id)"),
    ("journal_entries", "card_id", "cards", "SET NULL (card_id)"),
    ("journal_entries", "review_id", "reviews", "SET NULL (review_id)"),
    ("journal_entries", "session_id", "practice_sessions", "SET NULL (session_id)"),
    ("debrief_situations", "entry_id", "journal_entries", "CASCADE"),
)
# The indexes of migrations 0001-0003, led by owner.
INDEXES = {
    "ix_cards_stats": ("cards", "owner, id, retired, suspended, section, position", ""),
    # The very predicate the counts use (todays_cards._PARKED), so the planner can prove it.
    "ix_cards_parked": ("cards", "owner, id", "WHERE retired IS TRUE OR suspended IS TRUE"),
    "ix_card_states_due": ("card_states", "owner, due_day, easiness_hundredths", ""),
    "ix_card_states_introduced": ("card_states", "owner, introduced_day", ""),
    "ix_practice_sessions_practice_day": ("practice_sessions", "owner, practice_day", ""),
    "ix_reviews_card": ("reviews", "owner, card_id, reviewed_at", ""),
    "ix_reviews_practice_day": ("reviews", "owner, practice_day", ""),
    "ix_journal_entries_card_id": ("journal_entries", "owner, card_id", ""),
    "ix_journal_entries_review_id": ("journal_entries", "owner, review_id", ""),
    "ix_journal_entries_practice_day": ("journal_entries", "owner, practice_day", ""),
}
SEQUENCES = ("practice_sessions_id_seq", "reviews_id_seq", "journal_entries_id_seq", "goals_id_seq")

PRACTICE_DAYS_FUNCTION = """
    CREATE OR REPLACE FUNCTION practice_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE practice_days
            SET answers = answers - 1, duration_ms = duration_ms - OLD.duration_ms
            WHERE owner = OLD.owner AND day = OLD.practice_day;
            DELETE FROM practice_days
            WHERE owner = OLD.owner AND day = OLD.practice_day AND answers <= 0;
        END IF;
        IF TG_OP IN ('INSERT', 'UPDATE') THEN
            INSERT INTO practice_days (owner, day, answers, duration_ms)
            VALUES (NEW.owner, NEW.practice_day, 1, NEW.duration_ms)
            ON CONFLICT (owner, day) DO UPDATE SET
                answers = practice_days.answers + 1,
                duration_ms = practice_days.duration_ms + excluded.duration_ms;
        END IF;
        RETURN NULL;
    END $$"""

# Row ids copied in (an import, copy-to) come from another collection: the shared sequences
# are moved past them, never back (a person cannot see the others' ids, nor lower theirs).
IDS_AT_LEAST_FUNCTION = """
    CREATE OR REPLACE FUNCTION imperfect_trainer_ids_at_least(sequence_name text, wanted bigint)
    RETURNS void LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, public AS $$
    BEGIN
        IF sequence_name NOT IN ({sequences}) THEN
            RAISE EXCEPTION 'not a collection sequence: %', sequence_name;
        END IF;
        PERFORM setval(sequence_name::regclass,
                       greatest(wanted, (SELECT last_value FROM pg_sequences
                                         WHERE schemaname = 'public'
                                           AND sequencename = sequence_name)));
    END $$"""

ASSIGNED = "owner IN (SELECT trainee FROM supervision WHERE supervisor = session_user)"
SUPERVISOR_VIEWS = {
    "supervision_journal": f"""
        SELECT owner::text AS trainee, id, kind, practice_day, created_at, updated_at, text
        FROM journal_entries WHERE shared AND {ASSIGNED}""",
    "supervision_goals": f"""
        SELECT owner::text AS trainee, id, position, text, striving, discussed_in_supervision,
               note, revisited_day, updated_at
        FROM goals WHERE shared AND {ASSIGNED}""",
    "supervision_days": f"""
        SELECT owner::text AS trainee, day, answers, duration_ms
        FROM practice_days WHERE {ASSIGNED}""",
    # Mastery per section of the shipped deck (own cards' sections are the person's words):
    # the same counts as the statistics screen (settled: an interval of 21 days or more).
    "supervision_mastery": f"""
        SELECT c.owner::text AS trainee, c.section, min(c.position) AS position,
               count(*) AS cards, count(*) - count(s.due_day) AS new,
               count(*) FILTER (WHERE s.interval_days >= 21) AS settled
        FROM cards AS c JOIN card_states AS s ON s.owner = c.owner AND s.card_id = c.id
        WHERE c.origin = 'builtin' AND NOT c.retired AND c.{ASSIGNED}
        GROUP BY c.owner, c.section""",
}


def upgrade() -> None:
    for table in ("journal_entries", "goals"):
        op.add_column(
            table, sa.Column("shared", sa.Boolean(), nullable=False, server_default=sa.false())
        )
    if op.get_bind().dialect.name == "postgresql":
        _owned_rows()
        _programme()


def _owned_rows() -> None:
    # Foreign keys first: the primary keys they lean on are replaced below.
    op.execute(
        """
        DO $$ DECLARE c record; BEGIN
            FOR c IN SELECT conrelid::regclass AS t, conname FROM pg_constraint
                     WHERE contype IN ('f', 'p') AND connamespace = 'public'::regnamespace
                       AND conrelid::regclass::text = ANY(TABLES)
                     ORDER BY contype = 'p'
            LOOP
                EXECUTE format('ALTER TABLE %s DROP CONSTRAINT %I', c.t, c.conname);
            END LOOP;
        END $$""".replace("TABLES", _array(OWNED))
    )
    for name in INDEXES:
        op.execute(f"DROP INDEX IF EXISTS {name}")
    for table, key in OWNED.items():
        op.execute(f"ALTER TABLE {table} ADD COLUMN owner name NOT NULL DEFAULT current_user")
        op.execute(f"ALTER TABLE {table} ADD PRIMARY KEY (owner, {', '.join(key)})")
    for table, column, parent, on_delete in FOREIGN_KEYS:
        op.execute(
            f"ALTER TABLE {table} ADD CONSTRAINT {table}_{column}_fkey"
            f" FOREIGN KEY (owner, {column}) REFERENCES {parent} (owner, {OWNED[parent][0]})"
            f" ON DELETE {on_delete}"
        )
    for name, (table, columns, where) in INDEXES.items():
        op.execute(f"CREATE INDEX {name} ON {table} ({columns}) {where}")
    op.execute(PRACTICE_DAYS_FUNCTION)
    for table in OWNED:
        op.execute(f"ALTER TABLE {table} ENABLE ROW LEVEL SECURITY")
        op.execute(f"ALTER TABLE {table} FORCE ROW LEVEL SECURITY")
        op.execute(
            f"CREATE POLICY own_rows ON {table}"
            " USING (owner = current_user) WITH CHECK (owner = current_user)"
        )


def _programme() -> None:
    op.execute(
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{PEOPLE}') THEN
                CREATE ROLE {PEOPLE} NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SUPERVISORS}') THEN
                CREATE ROLE {SUPERVISORS} NOLOGIN;
            END IF;
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{SUMMARIES}') THEN
                CREATE ROLE {SUMMARIES} NOLOGIN;
            END IF;
        END $$"""
    )
    op.execute(
        "CREATE TABLE supervision (supervisor name NOT NULL, trainee name NOT NULL,"
        " PRIMARY KEY (supervisor, trainee))"
    )
    # Not forced: the programme's owner keeps it; each person sees the pairs they are part of.
    op.execute("ALTER TABLE supervision ENABLE ROW LEVEL SECURITY")
    op.execute(
        "CREATE POLICY pairs_of_mine ON supervision FOR SELECT"
        " USING (supervisor = current_user OR trainee = current_user)"
    )
    op.execute(f"CREATE POLICY all_pairs ON supervision FOR SELECT TO {SUMMARIES} USING (true)")
    op.execute("REVOKE ALL ON DATABASE " + _database() + " FROM PUBLIC")
    op.execute(f"GRANT CONNECT, TEMPORARY ON DATABASE {_database()} TO {PEOPLE}, {SUPERVISORS}")
    tables = ", ".join(OWNED)
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {PEOPLE}")
    op.execute(f"GRANT USAGE, SELECT ON SEQUENCE {', '.join(SEQUENCES)} TO {PEOPLE}")
    op.execute(f"GRANT SELECT ON alembic_version, supervision TO {PEOPLE}, {SUPERVISORS}")
    op.execute(IDS_AT_LEAST_FUNCTION.format(sequences=", ".join(f"'{s}'" for s in SEQUENCES)))
    ids_at_least = "FUNCTION imperfect_trainer_ids_at_least(text, bigint)"
    op.execute(f"REVOKE ALL ON {ids_at_least} FROM PUBLIC")
    op.execute(f"GRANT EXECUTE ON {ids_at_least} TO {PEOPLE}")
    # The views' owner reads every row it is given a policy for, and nothing else.
    for table in ("journal_entries", "goals", "practice_days", "cards", "card_states"):
        op.execute(f"CREATE POLICY summaries ON {table} FOR SELECT TO {SUMMARIES} USING (true)")
        op.execute(f"GRANT SELECT ON {table} TO {SUMMARIES}")
    op.execute(f"GRANT SELECT ON supervision TO {SUMMARIES}")
    op.execute(f"GRANT CREATE, USAGE ON SCHEMA public TO {SUMMARIES}")
    # Handing the views to that role needs membership for a moment; kept, the programme's
    # owner would read every row through its policies.
    op.execute(f"GRANT {SUMMARIES} TO current_user")
    for name, query in SUPERVISOR_VIEWS.items():
        op.execute(f"CREATE VIEW {name} WITH (security_barrier) AS {query}")
        op.execute(f"ALTER VIEW {name} OWNER TO {SUMMARIES}")
        op.execute(f"GRANT SELECT ON {name} TO {SUPERVISORS}")
    op.execute(f"REVOKE {SUMMARIES} FROM current_user")
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {SUMMARIES}")


def _database() -> str:
    name = op.get_bind().exec_driver_sql("SELECT quote_ident(current_database())").scalar()
    return str(name)


def _array(names: Iterable[str]) -> str:
    return "ARRAY[" + ", ".join(f"'{name}'" for name in names) + "]"


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to a solo schema")
    op.drop_column("goals", "shared")
    op.drop_column("journal_entries", "shared")
