"""Goals (with their checks) here and across computers, as journal entries are: a goal's
fields as this computer stores them, and a goal merged from all its versions (the later change
wins per field; a text or note written apart is kept beside the goal's own) written back."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.sync.entry_merge import merge_entry
from imperfect_trainer.deck.sync.versioned_rows import GOALS, RowMerged, keep_texts, write_row

if TYPE_CHECKING:
    from sqlalchemy import Connection

# In the order of the goals table's columns after its id.
FIELDS = (
    "position", "text", "striving", "discussed_in_supervision", "note", "created_at",
    "updated_at", "revisited_day", "shared",
)  # fmt: skip
# Typed, so each written apart is kept beside the goal's own.
TEXTS = ("text", "note")
GOAL_ROWS = f"""
    SELECT g.id, {", ".join(f"g.{name}" for name in FIELDS)}, s.goal_uuid, s.synced, s.heads
    FROM goals AS g LEFT JOIN sync_goals AS s ON s.goal_id = g.id"""
_DEFAULTS: dict[str, Any] = {
    "position": 1,
    "text": "",
    "striving": None,
    "discussed_in_supervision": None,
    "note": "",
    "shared": False,
}


def goal_fields(row: Sequence[Any]) -> dict[str, Any]:
    """A goal's fields from ``GOAL_ROWS``' values after the id, as events carry them."""
    fields = dict(zip(FIELDS, row, strict=True))
    for name in ("created_at", "updated_at", "revisited_day"):
        fields[name] = str(fields[name])
    discussed = fields["discussed_in_supervision"]
    fields["discussed_in_supervision"] = None if discussed is None else bool(discussed)
    fields["shared"] = bool(fields["shared"])
    return fields


def merge_versions(connection: Connection, goal_uuid: str) -> RowMerged:
    """The goal ``goal_uuid`` from every version of it this computer holds."""
    versions = GOALS.versions(connection, goal_uuid)
    result = merge_entry(versions, TEXTS)
    texts_kept = keep_texts(connection, goal_uuid, versions, result)
    goal_id = GOALS.mapped_id(connection, goal_uuid)
    heads = json.dumps(sorted(result.heads))
    if result.deleted or "created_at" not in result.fields:
        if goal_id is not None:
            GOALS.unlink(connection, goal_uuid)
            connection.exec_driver_sql("DELETE FROM goals WHERE id = ?", (goal_id,))
        GOALS.keep_mapping(connection, goal_uuid, None, json.dumps(dict(result.fields)), heads)
        return RowMerged(int(goal_id is not None), texts_kept)
    values = tuple({**_DEFAULTS, **result.fields}[name] for name in FIELDS)
    goal_id = write_row(connection, "goals", FIELDS, values, goal_id)
    row = connection.exec_driver_sql(GOAL_ROWS + " WHERE g.id = ?", (goal_id,)).one()
    local = goal_fields(row[1 : 1 + len(FIELDS)])
    GOALS.keep_mapping(connection, goal_uuid, goal_id, json.dumps(local), heads)
    return RowMerged(1, texts_kept)
