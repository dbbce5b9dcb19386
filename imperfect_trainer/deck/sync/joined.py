"""Whether a local collection syncs, asked without SQLAlchemy: the window asks it at every
start, and a solo clinician's first card never waits for SQLAlchemy's import."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

_HAS_STATE = "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_state'"


def hub_of(store: Store) -> str | None:
    """The hub the local collection syncs with (as ``run.joined_hub`` says), read on the kept
    plain connection; None on a programme's server, which is itself the hub."""
    if store.on_server:
        return None
    with store.quick_transaction() as cursor:
        if cursor.execute(_HAS_STATE).fetchone() is None:
            return None
        row = cursor.execute("SELECT hub FROM sync_state").fetchone()
    return None if row is None or row[0] is None else str(row[0])
