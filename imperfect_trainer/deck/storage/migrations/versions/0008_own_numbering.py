"""On a programme's server, each person numbers their own rows: nothing shared that one trainee
could use up or move for the others.

Revision ID: 0008
Revises: 0007

Until now answers, journal entries, practice sessions and goals took their ids from four
sequences every trainee shared, moved past copied-in rows by a SECURITY DEFINER helper any
trainee could call. One trainee could exhaust a sequence (or move it back through the helper's
search path) and stop everyone's answers. The primary keys already include ``owner`` (0005), so
an id only has to be unique among one person's rows:

- the helper and the sequences are dropped;
- a row inserted without an id is given the person's largest id plus one, by a trigger that
  reads only the person's own rows (row-level security); an answer brings its id, chosen the
  same way before it is sent (``answer_log``), so a retry can find it. Two computers of the same
  person taking the same id at the same moment collide only with each other;
- every function of the schema (each a trigger's) has its search path pinned, ``pg_temp`` last,
  so no session's temporary table can stand in for the schema's own; none runs with its
  owner's rights, and none may be called by anyone (a trigger fires without that right);
- ``CREATE`` on the public schema is taken from ``PUBLIC`` (PostgreSQL 15's default, stated for
  databases made by an older one), so nobody but the programme's owner adds functions to it.

SQLite numbers each collection's rows itself (the largest id plus one): nothing to change.
"""

from alembic import op

revision = "0008"
down_revision = "0007"
branch_labels = None
depends_on = None

NUMBERED = ("practice_sessions", "reviews", "journal_entries", "goals")
SEARCH_PATH = "pg_catalog, public, pg_temp"
# Each numbered table's trigger: its id, when none was given, from the person's own rows only.
NEXT_ID_FUNCTION = """
    CREATE OR REPLACE FUNCTION {table}_next_id() RETURNS trigger LANGUAGE plpgsql
    SET search_path = {search_path} AS $$
    BEGIN
        IF NEW.id IS NULL THEN
            SELECT coalesce(max(id), 0) + 1 INTO NEW.id FROM {table} WHERE owner = NEW.owner;
        END IF;
        RETURN NEW;
    END $$"""


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    op.execute("DROP FUNCTION IF EXISTS imperfect_trainer_ids_at_least(text, bigint)")
    for table in NUMBERED:
        op.execute(f"ALTER TABLE {table} ALTER COLUMN id DROP DEFAULT")
        op.execute(f"DROP SEQUENCE IF EXISTS {table}_id_seq")
        op.execute(NEXT_ID_FUNCTION.format(table=table, search_path=SEARCH_PATH))
        op.execute(
            f"CREATE OR REPLACE TRIGGER {table}_next_id BEFORE INSERT ON {table}"
            f" FOR EACH ROW EXECUTE FUNCTION {table}_next_id()"
        )
    # Every function of the schema is a trigger's, run with the rights of whoever wrote the row
    # (firing needs no EXECUTE right: nobody need call one).
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
    op.execute("REVOKE CREATE ON SCHEMA public FROM PUBLIC")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to an older schema")
