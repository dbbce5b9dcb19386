"""Journal entries here and across computers: an entry's fields as this computer stores them,
and an entry merged from all its versions (``entry_merge``) written back, with the texts
written apart kept beside it (``sync_kept_texts``)."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync.entry_merge import MergedEntry, merge_entry
from imperfect_trainer.deck.sync.versioned_rows import (
    ENTRIES,
    SESSIONS,
    RowMerged,
    keep_texts,
    write_row,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection


ENTRY_ROWS = """
    SELECT j.id, j.kind, j.card_id, (SELECT event_id FROM sync_events WHERE review_id =
        j.review_id), j.practice_day, j.created_at, j.updated_at, j.text, j.shared,
        s.entry_uuid, s.synced, s.heads,
        (SELECT session_uuid FROM sync_sessions WHERE session_id = j.session_id)
    FROM journal_entries AS j LEFT JOIN sync_entries AS s ON s.entry_id = j.id"""


def entry_situations(connection: Connection, entry_id: int | None = None) -> dict[int, list[str]]:
    """Each entry's debrief situations (or only ``entry_id``'s)."""
    found: dict[int, list[str]] = defaultdict(list)
    rows = connection.exec_driver_sql(
        "SELECT entry_id, situation FROM debrief_situations"
        " WHERE ? IS NULL OR entry_id = ? ORDER BY entry_id, situation",
        (entry_id, entry_id),
    )
    for entry_id, situation in rows:
        found[int(entry_id)].append(str(situation))
    return found


def entry_fields(
    row: Sequence[Any], situations: list[str], session: str | None = None
) -> dict[str, Any]:
    kind, card, answer, day, created, updated, text, shared = row
    fields = {
        "kind": kind,
        "card": card,
        "answer": answer,
        "practice_day": str(day),
        "created_at": str(created),
        "updated_at": str(updated),
        "text": text,
        "shared": bool(shared),
        "situations": situations,
    }
    # A debrief's practice, once it synced (an entry without one stays as it was).
    if session is not None:
        fields["session"] = session
    return fields


def merge_versions(connection: Connection, entry_uuid: str) -> RowMerged:
    """The entry ``entry_uuid`` from every version of it this computer holds."""
    versions = ENTRIES.versions(connection, entry_uuid)
    result = merge_entry(versions)
    texts_kept = keep_texts(connection, entry_uuid, versions, result)
    entry_id = ENTRIES.mapped_id(connection, entry_uuid)
    heads = json.dumps(sorted(result.heads))
    if result.deleted or "kind" not in result.fields:
        if entry_id is not None:
            ENTRIES.unlink(connection, entry_uuid)
            connection.exec_driver_sql("DELETE FROM journal_entries WHERE id = ?", (entry_id,))
        synced = json.dumps(dict(result.fields))
        ENTRIES.keep_mapping(connection, entry_uuid, None, synced, heads)
        return RowMerged(int(entry_id is not None), texts_kept)
    entry_id = _write_entry(connection, entry_id, result)
    # The entry as this computer reads it back (a card or answer it lacks left empty), so the
    # next sync finds no change in what it could not store.
    row = connection.exec_driver_sql(ENTRY_ROWS + " WHERE j.id = ?", (entry_id,)).one()
    situations = entry_situations(connection, entry_id).get(entry_id, [])
    local = entry_fields(row[1:9], situations, row[12])
    ENTRIES.keep_mapping(connection, entry_uuid, entry_id, json.dumps(local), heads)
    return RowMerged(1, texts_kept)


def _full(result: MergedEntry) -> dict[str, Any]:
    defaults: dict[str, Any] = {
        "card": None, "answer": None, "shared": False, "situations": [], "session": None,
    }  # fmt: skip
    return {**defaults, **result.fields}


# In the order of the values a merged entry is written with.
_COLUMNS = (
    "kind", "card_id", "review_id", "session_id", "practice_day", "created_at", "updated_at",
    "text", "shared",
)  # fmt: skip


def _write_entry(connection: Connection, entry_id: int | None, result: MergedEntry) -> int:
    fields = _full(result)
    review_id = None
    if fields["answer"] is not None:
        review_id = connection.exec_driver_sql(
            "SELECT review_id FROM sync_events WHERE event_id = ?", (fields["answer"],)
        ).scalar()
    card = fields["card"]
    if (
        card is not None
        and connection.exec_driver_sql("SELECT 1 FROM cards WHERE id = ?", (card,)).first() is None
    ):
        card = None
    session_id = None
    if fields["session"] is not None:
        session_id = SESSIONS.mapped_id(connection, fields["session"])
    values = (
        fields["kind"], card, review_id, session_id, fields["practice_day"],
        fields["created_at"], fields["updated_at"], fields["text"], fields["shared"],
    )  # fmt: skip
    entry_id = write_row(connection, "journal_entries", _COLUMNS, values, entry_id)
    connection.exec_driver_sql("DELETE FROM debrief_situations WHERE entry_id = ?", (entry_id,))
    for situation in dict.fromkeys(fields["situations"]):
        connection.exec_driver_sql(
            "INSERT INTO debrief_situations (entry_id, situation) VALUES (?, ?)",
            (entry_id, situation),
        )
    return int(entry_id)
