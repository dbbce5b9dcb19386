"""The trainee's publication on the hub (``hub_shared``, migration 0011): what their supervisor
sees, brought in line with this computer's merged collection at the end of a sync.

Incremental and idempotent: the hub's rows are read, and only those that differ are written, in
one short transaction; the same publication twice writes nothing. A row no longer wanted (an
entry unshared or deleted, a day whose answers were all taken back) loses its payload and keeps
its key: people hold no DELETE (migration 0009). Each row carries how far into the person's
events its computer had read (``position``): a computer that knew less never overwrites a row
one that knew more wrote, unless the hub's events have since been set back below it (a hub
restored or emptied), when the row is no measure of anything any more.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync.shared_summary import Published

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

_NEWER_OR_STALE = (
    "hub_shared.position <= excluded.position"
    " OR hub_shared.position > (SELECT coalesce(max(position), 0) FROM hub_events)"
)
_WRITE = f"""
    INSERT INTO hub_shared (kind, key, position, payload)
    SELECT k, y, %s::bigint, nullif(p, 'null')
    FROM json_to_recordset(%s::json) AS given(k text, y text, p jsonb)
    ON CONFLICT (owner, kind, key) DO UPDATE
    SET position = excluded.position, payload = excluded.payload
    WHERE {_NEWER_OR_STALE}"""


def publish(engine: Engine, wanted: Published, position: int) -> int:
    """The hub's publication made ``wanted``; returns how many rows were written."""
    with engine.begin() as connection:
        present = _present(connection)
        changes: list[dict[str, Any]] = [
            {"k": kind, "y": key, "p": payload}
            for (kind, key), payload in sorted(wanted.items())
            if present.get((kind, key)) != payload
        ]
        changes += [
            {"k": kind, "y": key, "p": None}
            for (kind, key), payload in sorted(present.items())
            if payload is not None and (kind, key) not in wanted
        ]
        if changes:
            connection.exec_driver_sql(_WRITE, (position, json.dumps(changes)))
    return len(changes)


def _present(connection: Connection) -> dict[tuple[str, str], dict[str, Any] | None]:
    rows = connection.exec_driver_sql("SELECT kind, key, payload::text FROM hub_shared")
    return {
        (str(kind), str(key)): None if payload is None else json.loads(payload)
        for kind, key, payload in rows
    }
