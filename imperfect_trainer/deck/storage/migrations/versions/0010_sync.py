"""A programme's server as the hub its trainees' computers sync through (issue 25).

Revision ID: 0010
Revises: 0009

Each computer keeps the person's whole collection locally; what one computer did reaches the
others as events (an answer, an undo, a journal entry's version) through the hub. PostgreSQL
only (a local collection's own bookkeeping is made by ``deck/sync/side_tables`` when it joins a
programme, so a solo clinician's collection never carries it):

- ``hub_epoch``: one random id made when the hub is set up. A computer remembers it; a hub
  set up again (replaced) has another, and the computer uploads everything it holds again.
- ``hub_events``: append-only, keyed by (owner, event id), so an event sent twice (a retry
  after a lost reply) is there once. ``position`` numbers one person's events in the order
  they were committed (the person's largest plus one, chosen by the uploading computer, unique
  per owner: two of the person's computers uploading at once collide only with each other, and
  the later one tries again), so a computer downloads "everything after position P" and
  misses nothing.
- Row-level security, enabled and forced, as on every personal table (0005): a session reads
  and writes only rows whose ``owner`` is its login. Trainees may only SELECT and INSERT: no
  UPDATE, DELETE or TRUNCATE, which also means no LOCK TABLE in any mode that would block
  another person's sync (PostgreSQL lets only holders of those rights take such locks).
"""

from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None

PEOPLE = "imperfect_trainer_people"


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    # Written to run again over its own tables (a schema put back to an older revision by hand
    # is upgraded again), keeping the epoch and the events there.
    op.execute(
        "CREATE TABLE IF NOT EXISTS hub_epoch (epoch uuid PRIMARY KEY DEFAULT gen_random_uuid(),"
        " made_at timestamptz NOT NULL DEFAULT now())"
    )
    op.execute(
        "INSERT INTO hub_epoch (epoch) SELECT gen_random_uuid()"
        " WHERE NOT EXISTS (SELECT FROM hub_epoch)"
    )
    op.execute(
        """
        CREATE TABLE IF NOT EXISTS hub_events (
            owner name NOT NULL DEFAULT current_user,
            position bigint NOT NULL CHECK (position > 0),
            event_id uuid NOT NULL,
            device uuid NOT NULL,
            hlc text NOT NULL CHECK (hlc ~ '^[0-9]{15}-[0-9]{10}$'),
            kind text NOT NULL CHECK (kind IN ('answer', 'undo', 'entry')),
            subject text NOT NULL CHECK (length(subject) BETWEEN 1 AND 200),
            payload jsonb NOT NULL CHECK (jsonb_typeof(payload) = 'object'),
            PRIMARY KEY (owner, event_id),
            UNIQUE (owner, position)
        )"""
    )
    op.execute("CREATE INDEX IF NOT EXISTS ix_hub_events_device ON hub_events (owner, device)")
    op.execute("ALTER TABLE hub_events ENABLE ROW LEVEL SECURITY")
    op.execute("ALTER TABLE hub_events FORCE ROW LEVEL SECURITY")
    op.execute("DROP POLICY IF EXISTS own_rows ON hub_events")
    op.execute(
        "CREATE POLICY own_rows ON hub_events"
        " USING (owner = current_user) WITH CHECK (owner = current_user)"
    )
    op.execute(f"GRANT SELECT, INSERT ON hub_events TO {PEOPLE}")
    op.execute(f"GRANT SELECT ON hub_epoch TO {PEOPLE}")


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to an older schema")
