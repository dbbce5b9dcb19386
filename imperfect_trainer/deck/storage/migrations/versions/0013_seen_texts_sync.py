"""A text written apart that the person added to their own or was done with is shown on none
of their computers (issue 25).

Revision ID: 0013
Revises: 0012

``hub_events`` carries one more kind: ``seen``, whose subject is the kept text's version (its
event id, the same on every computer). PostgreSQL only; a local collection keeps its seen
texts in the sync's own side table (``sync_kept_seen``).
"""

from alembic import op

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None

KINDS = ("answer", "undo", "entry", "goal", "setting", "card", "fresh", "session", "seen")


def upgrade() -> None:
    if op.get_bind().dialect.name != "postgresql":
        return
    kinds = ", ".join(f"'{kind}'" for kind in KINDS)
    op.execute("ALTER TABLE hub_events DROP CONSTRAINT IF EXISTS hub_events_kind_check")
    op.execute(
        f"ALTER TABLE hub_events ADD CONSTRAINT hub_events_kind_check CHECK (kind IN ({kinds}))"
    )


def downgrade() -> None:
    if op.get_bind().dialect.name == "postgresql":
        raise NotImplementedError("a programme's database is not taken back to an older schema")
