"""Debriefs' practices across computers: the two minutes of drills after a hard session, kept
as rows with versions as journal entries are, each carrying the answers given in it (their
events), so that on every computer the debrief in the journal shows the cards drilled after
it. The daily practices stay on their computer: their answers are the log, and they carry
nothing else a person wrote.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync.entry_merge import merge_entry
from imperfect_trainer.deck.sync.versioned_rows import SESSIONS, RowMerged, write_row

if TYPE_CHECKING:
    from sqlalchemy import Connection

FIELDS = ("kind", "practice_day", "started_at", "ended_at", "planned_seconds")
SESSION_ROWS = f"""
    SELECT p.id, {", ".join(f"p.{name}" for name in FIELDS)}, s.session_uuid, s.synced, s.heads
    FROM practice_sessions AS p LEFT JOIN sync_sessions AS s ON s.session_id = p.id
    WHERE p.kind = 'debrief'"""
_ANSWERS = (
    "SELECT e.event_id FROM reviews AS r JOIN sync_events AS e ON e.review_id = r.id"
    " WHERE r.session_id = ? ORDER BY e.event_id"
)


def session_fields(connection: Connection, session_id: int, row: Sequence[Any]) -> dict[str, Any]:
    """A debrief's practice's fields from ``SESSION_ROWS``' values after the id, with the
    answers given in it (stamped before it)."""
    fields = dict(zip(FIELDS, row, strict=True))
    for name in ("practice_day", "started_at"):
        fields[name] = str(fields[name])
    fields["ended_at"] = None if fields["ended_at"] is None else str(fields["ended_at"])
    fields["answers"] = [str(row[0]) for row in connection.exec_driver_sql(_ANSWERS, (session_id,))]
    return fields


def merge_versions(connection: Connection, session_uuid: str) -> RowMerged:
    """The debrief's practice ``session_uuid`` from every version of it this computer holds."""
    result = merge_entry(SESSIONS.versions(connection, session_uuid), ())
    session_id = SESSIONS.mapped_id(connection, session_uuid)
    heads = json.dumps(sorted(result.heads))
    fields = dict(result.fields)
    if result.deleted or not set(FIELDS) - {"ended_at"} <= set(fields):
        if session_id is not None:
            SESSIONS.unlink(connection, session_uuid)
            connection.exec_driver_sql("DELETE FROM practice_sessions WHERE id = ?", (session_id,))
        SESSIONS.keep_mapping(connection, session_uuid, None, json.dumps(fields), heads)
        return RowMerged(int(session_id is not None), 0)
    values = tuple(fields.get(name) for name in FIELDS)
    session_id = write_row(connection, "practice_sessions", FIELDS, values, session_id)
    _link(connection, session_id, fields.get("answers", []))
    row = connection.exec_driver_sql(SESSION_ROWS + " AND p.id = ?", (session_id,)).one()
    local = session_fields(connection, session_id, row[1 : 1 + len(FIELDS)])
    SESSIONS.keep_mapping(connection, session_uuid, session_id, json.dumps(local), heads)
    return RowMerged(1, 0)


def _link(connection: Connection, session_id: int, answers: Sequence[str]) -> None:
    """The answers given in the practice, logged here, linked to it."""
    if not answers:
        return
    connection.exec_driver_sql(
        "UPDATE reviews SET session_id = ? WHERE id IN"
        " (SELECT review_id FROM sync_events WHERE event_id = ? AND review_id IS NOT NULL)",
        [(session_id, answer) for answer in answers],
    )


def session_uuid_of(connection: Connection, session_id: int | None) -> str | None:
    if session_id is None:
        return None
    found = connection.exec_driver_sql(
        "SELECT session_uuid FROM sync_sessions WHERE session_id = ?", (session_id,)
    ).first()
    return None if found is None else str(found[0])
