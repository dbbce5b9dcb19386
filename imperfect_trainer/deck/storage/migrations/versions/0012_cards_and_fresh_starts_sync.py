"""Own cards, notes and suspensions, debriefs' practices and "Start this card fresh" sync
(issue 25).

Revision ID: 0012
Revises: 0011

``hub_events`` carries three more kinds: a card's versions (``card``: an own card's every
field, a built-in card's note and suspension), a debrief's practice's versions (``session``),
and a fresh start (``fresh``, replayed among the answers in clock order). A computer with an
older app is told to update before it syncs (the schema revision), so it never reads, and
skips, a kind it does not know. PostgreSQL only; a local collection's side tables are the
sync's own (``deck/sync/side_tables.py``).
"""

from alembic import op

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None

KINDS = ("answer", "undo", "entry", "goal", "setting", "card", "fresh", "session")


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
