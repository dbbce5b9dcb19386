"""On a programme's server, nothing one person holds is anything another's work waits for.

Revision ID: 0009
Revises: 0008

PostgreSQL lets a role ``LOCK TABLE`` in any mode stronger than ROW EXCLUSIVE if it holds
table-level UPDATE, DELETE or TRUNCATE on it: with the table-level rights of 0005 one trainee's
``LOCK TABLE reviews IN ACCESS EXCLUSIVE MODE``, left open, made every other person's answers
wait. Rows themselves never were shared (every primary key leads with ``owner``, which row-level
security sets to the writer's login before any index is touched), so what is left to take away
is the table lock:

- people keep table-level SELECT and INSERT (ACCESS SHARE and ROW EXCLUSIVE, which block
  nobody's reads or writes) and may UPDATE every column but ``owner``, by column; no table-level
  UPDATE or DELETE, so no other lock mode;
- a row is removed by marking it (``removed``, a column the models do not know about, like
  ``owner``): a trigger on each personal table then deletes the marked row. The trigger's
  function runs as ``imperfect_trainer_removals`` (no login, granted to nobody), which may
  delete only the rows of the person whose row fired it; firing needs the marked row, which
  only its owner can update, and a trigger's function cannot be called. ``storage/removals``
  writes the app's deletes this way on PostgreSQL;
- the triggers that keep ``practice_days`` and ``section_totals`` mark their emptied rows
  instead of deleting them, and name the person from the changed rows (not ``current_user``,
  which is the removals role while a removal's cascade runs them);
- the numbering trigger (0008) names its table by schema and has no ``SET search_path`` of its
  own: setting it for each row made 2,000 answers without ids take 0.72 s instead of 0.15 s
  (planning its query afresh for each row instead, with EXECUTE, was slower: 0.26 s, and over
  two minutes for 100,000).

A later migration adding a column to a personal table grants its UPDATE to the people.
SQLite: nothing to change (one person, one file).
"""

from alembic import op

revision = "0009"
down_revision = "0008"
branch_labels = None
depends_on = None

PEOPLE = "imperfect_trainer_people"
REMOVALS = "imperfect_trainer_removals"
MARK = "removed"
SEARCH_PATH = "pg_catalog, public, pg_temp"
# Each personal table and its primary key after ``owner``.
KEYS = {
    "cards": ("id",),
    "card_states": ("card_id",),
    "practice_sessions": ("id",),
    "reviews": ("id",),
    "practice_days": ("day",),
    "journal_entries": ("id",),
    "settings": ("key",),
    "debrief_situations": ("entry_id", "situation"),
    "goals": ("id",),
    "section_totals": ("section",),
}
NUMBERED = ("practice_sessions", "reviews", "journal_entries", "goals")
# The person the removal under way is for: the removals role sees no one else's rows.
REMOVING_FOR = "imperfect_trainer.removing_for"

REMOVE_FUNCTION = """
    CREATE OR REPLACE FUNCTION {table}_remove() RETURNS trigger LANGUAGE plpgsql
    SECURITY DEFINER SET search_path = {search_path} AS $$
    BEGIN
        PERFORM pg_catalog.set_config('{removing_for}', NEW.owner, true);
        DELETE FROM public.{table} WHERE owner = NEW.owner AND {key};
        RETURN NULL;
    END $$"""

# No search path of its own: its one table is named by schema, and nothing else it names can
# be stood in for (functions and operators are looked up in pg_catalog first, never in pg_temp,
# and nobody but the programme's owner creates in public). It runs with the writer's rights.
NEXT_ID_FUNCTION = """
    CREATE OR REPLACE FUNCTION public.{table}_next_id() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF NEW.id IS NULL THEN
            SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM public.{table}
            WHERE owner = NEW.owner;
        END IF;
        RETURN NEW;
    END $$"""

PRACTICE_DAYS_FUNCTION = f"""
    CREATE OR REPLACE FUNCTION practice_days_keep() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
        IF TG_OP IN ('DELETE', 'UPDATE') THEN
            UPDATE practice_days
            SET answers = answers - 1, duration_ms = duration_ms - OLD.duration_ms
            WHERE owner = OLD.owner AND day = OLD.practice_day;
            UPDATE practice_days SET {MARK} = true
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


def _section_functions() -> dict[str, str]:
    """0006's trigger functions, with each emptied section marked for removal, not deleted."""
    import importlib

    totals = importlib.import_module(
        "imperfect_trainer.deck.storage.migrations.versions.0006_section_totals"
    )
    # Whose rows each statement-level function's transition tables hold.
    changed = {
        "section_totals_after_state_insert": "SELECT owner FROM after_rows",
        "section_totals_after_state_delete": "SELECT owner FROM before_rows",
        "section_totals_after_state_update": "SELECT owner FROM after_rows",
        "section_totals_after_card_update": "SELECT owner FROM after_rows",
    }
    functions = {}
    for name, (declarations, body) in totals.POSTGRES_FUNCTIONS.items():
        if name in changed:
            old = "DELETE FROM section_totals WHERE owner = current_user AND cards <= 0;"
            new = (
                f"UPDATE section_totals SET {MARK} = true"
                f" WHERE owner IN ({changed[name]}) AND cards <= 0;"
            )
        else:
            old = "DELETE FROM section_totals WHERE owner = OLD.owner AND cards <= 0;"
            new = f"UPDATE section_totals SET {MARK} = true WHERE owner = OLD.owner AND cards <= 0;"
        assert old in body, name
        end = "" if "RETURN OLD" in body else "RETURN NULL;"
        functions[name] = (
            f"CREATE OR REPLACE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql"
            f" AS $function$ {declarations} BEGIN {body.replace(old, new)} {end} END $function$"
        )
    return functions


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    tables = ", ".join(KEYS)
    op.execute(
        f"""
        DO $$ BEGIN
            IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{REMOVALS}') THEN
                CREATE ROLE {REMOVALS} NOLOGIN;
            END IF;
        END $$"""
    )
    op.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON {tables} TO {REMOVALS}")
    for table in KEYS:
        op.execute(f"ALTER TABLE {table} ADD COLUMN IF NOT EXISTS {MARK} boolean")
        op.execute(f"DROP POLICY IF EXISTS removals ON {table}")
        op.execute(
            f"CREATE POLICY removals ON {table} TO {REMOVALS}"
            f" USING (owner = current_setting('{REMOVING_FOR}', true)::name)"
            f" WITH CHECK (owner = current_setting('{REMOVING_FOR}', true)::name)"
        )
    # Table-level UPDATE and DELETE go (and with them every column's UPDATE); each column but
    # owner gets its UPDATE back.
    op.execute(f"REVOKE UPDATE, DELETE, TRUNCATE, REFERENCES, TRIGGER ON {tables} FROM {PEOPLE}")
    op.execute(
        f"""
        DO $$ DECLARE t text; BEGIN
            FOREACH t IN ARRAY ARRAY[{", ".join(f"'{table}'" for table in KEYS)}] LOOP
                EXECUTE format('GRANT UPDATE (%s) ON %I TO {PEOPLE}', (
                    SELECT string_agg(quote_ident(attname), ', ' ORDER BY attnum)
                    FROM pg_attribute
                    WHERE attrelid = t::regclass AND attnum > 0 AND NOT attisdropped
                      AND attname <> 'owner'), t);
            END LOOP;
        END $$"""
    )
    op.execute(PRACTICE_DAYS_FUNCTION)
    for sql in _section_functions().values():
        op.execute(sql)
    op.execute(
        f"""
        DO $$ DECLARE f regprocedure; BEGIN
            FOR f IN SELECT p.oid::regprocedure FROM pg_proc AS p
                     WHERE p.pronamespace = 'public'::regnamespace
            LOOP
                EXECUTE format('ALTER FUNCTION %s SET search_path = {SEARCH_PATH}', f);
                EXECUTE format('REVOKE ALL ON FUNCTION %s FROM PUBLIC', f);
            END LOOP;
        END $$"""
    )
    for table in NUMBERED:
        op.execute(NEXT_ID_FUNCTION.format(table=table))
        op.execute(f"ALTER FUNCTION public.{table}_next_id() RESET ALL")
    # Handing the removal functions to their role needs membership, and the role the right to
    # create in the schema, for a moment.
    op.execute(f"GRANT {REMOVALS} TO current_user")
    op.execute(f"GRANT CREATE ON SCHEMA public TO {REMOVALS}")
    for table, key in KEYS.items():
        op.execute(
            REMOVE_FUNCTION.format(
                table=table,
                search_path=SEARCH_PATH,
                removing_for=REMOVING_FOR,
                key=" AND ".join(f"{column} = NEW.{column}" for column in key),
            )
        )
        op.execute(f"REVOKE ALL ON FUNCTION {table}_remove() FROM PUBLIC")
        op.execute(f"ALTER FUNCTION {table}_remove() OWNER TO {REMOVALS}")
        op.execute(
            f"CREATE OR REPLACE TRIGGER {table}_remove AFTER UPDATE OF {MARK} ON {table}"
            f" FOR EACH ROW WHEN (NEW.{MARK}) EXECUTE FUNCTION {table}_remove()"
        )
    op.execute(f"REVOKE CREATE ON SCHEMA public FROM {REMOVALS}")
    op.execute(f"REVOKE {REMOVALS} FROM current_user")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to an older schema")
