"""Cards here and across computers, as journal entries are: an own card's every field (made,
edited, retired, deleted), a built-in card's personal note and suspension. A card is known by
its own id everywhere (the answers name it). Merged from all its versions, the later change
wins per field; a front or back written apart on two computers is kept beside the card's own
(``sync_kept_texts``); a card deleted on one computer while edited on another stays, with the
edit.

An own card that arrives is added with a new card's schedule; the answers given to it on other
computers, which waited for it here, are logged and replayed by the same merge.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.content.cards import CARD_ID, OWN_SOURCE
from imperfect_trainer.deck.srs.sm2 import START_EASINESS_HUNDREDTHS
from imperfect_trainer.deck.sync.entry_merge import merge_entry
from imperfect_trainer.deck.sync.versioned_rows import CARDS, RowMerged, keep_texts

if TYPE_CHECKING:
    from sqlalchemy import Connection

# In the order of ``CARD_ROWS``' columns after the id.
FIELDS = (
    "kind", "source", "section", "front", "back", "tags", "origin", "position", "retired",
    "suspended", "personal_note", "created_at", "updated_at",
)  # fmt: skip
# What a built-in card's versions carry (its text comes with the app).
BUILT_IN_FIELDS = ("suspended", "personal_note")
TEXTS = ("front", "back", "personal_note")
_OWN_PREFIX = f"{OWN_SOURCE}."
# Own cards, and the built-in cards a person changed or that synced before: a built-in card
# untouched everywhere makes no version.
CARD_ROWS = f"""
    SELECT c.id, {", ".join(f"c.{name}" for name in FIELDS)}, s.card_key, s.synced, s.heads
    FROM cards AS c LEFT JOIN sync_cards AS s ON s.card_id = c.id
    WHERE (c.origin = 'own' OR c.suspended OR c.personal_note IS NOT NULL
        OR s.card_key IS NOT NULL)"""


def card_fields(row: Sequence[Any]) -> dict[str, Any]:
    """A card's fields from ``CARD_ROWS``' values after the id, as events carry them: an own
    card's all, a built-in card's note and suspension."""
    fields = dict(zip(FIELDS, row, strict=True))
    for name in ("retired", "suspended"):
        fields[name] = bool(fields[name])
    for name in ("created_at", "updated_at"):
        fields[name] = str(fields[name])
    if fields["origin"] == "own":
        return fields
    return {name: fields[name] for name in BUILT_IN_FIELDS}


def built_in_unsynced() -> dict[str, Any]:
    """A built-in card's fields as every computer has them before anyone changes them."""
    return {"suspended": False, "personal_note": None}


def is_own(card_key: str) -> bool:
    """An own card's id (one written by hand on the hub that is no card id is taken for a
    built-in card's, which no computer holds: nothing is written)."""
    return (
        card_key.startswith(_OWN_PREFIX) and len(card_key) <= 120 and bool(CARD_ID.match(card_key))
    )


def merge_versions(connection: Connection, card_key: str) -> RowMerged:
    """The card ``card_key`` from every version of it this computer holds."""
    versions = CARDS.versions(connection, card_key)
    result = merge_entry(versions, TEXTS)
    texts_kept = keep_texts(connection, card_key, versions, result)
    heads = json.dumps(sorted(result.heads))
    present = _present(connection, card_key)
    if is_own(card_key):
        if result.deleted or not {"front", "created_at"} <= set(result.fields):
            if present:
                _delete(connection, card_key)
            CARDS.keep_mapping(connection, card_key, None, json.dumps(dict(result.fields)), heads)
            return RowMerged(int(present), texts_kept)
        _write_own(connection, card_key, dict(result.fields), present)
    elif present:
        fields = {**built_in_unsynced(), **result.fields}
        connection.exec_driver_sql(
            "UPDATE cards SET suspended = ?, personal_note = ? WHERE id = ?",
            (fields["suspended"], fields["personal_note"], card_key),
        )
    else:
        # A built-in card this app's deck lacks (a newer app's): nothing here to change.
        CARDS.keep_mapping(connection, card_key, None, json.dumps(dict(result.fields)), heads)
        return RowMerged(0, texts_kept)
    row = connection.exec_driver_sql(CARD_ROWS + " AND c.id = ?", (card_key,)).one()
    local = card_fields(row[1 : 1 + len(FIELDS)])
    CARDS.keep_mapping(connection, card_key, card_key, json.dumps(local), heads)
    return RowMerged(1, texts_kept)


def _present(connection: Connection, card_id: str) -> bool:
    found = connection.exec_driver_sql("SELECT 1 FROM cards WHERE id = ?", (card_id,)).first()
    return found is not None


_OWN_DEFAULTS: dict[str, Any] = {
    "kind": "fact",
    "source": OWN_SOURCE,
    "section": "My own cards",
    "back": "",
    "tags": "",
    "retired": False,
    "suspended": False,
    "personal_note": None,
}


def own_row(fields: dict[str, Any], next_position: Callable[[], int]) -> tuple[Any, ...]:
    """An arriving own card's values in ``FIELDS``' order: what its versions left unsaid is a
    new own card's, placed after the deck's last card."""
    values = {**_OWN_DEFAULTS, **fields, "origin": "own"}
    if "position" not in values:
        values["position"] = next_position()
    if "updated_at" not in values:
        values["updated_at"] = values["created_at"]
    return tuple(values[name] for name in FIELDS)


ADD_OWN = f"INSERT INTO cards (id, {', '.join(FIELDS)}) VALUES (?{', ?' * len(FIELDS)})"
# A card that arrives starts new here, as one made here does.
ADD_STATE = (
    "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
    f" review_count, lapses) VALUES (?, 0, {START_EASINESS_HUNDREDTHS}, 0, 0, 0)"
)


def _write_own(connection: Connection, card_id: str, fields: dict[str, Any], present: bool) -> None:
    ordered = own_row(fields, lambda: _next_position(connection))
    if present:
        assignments = ", ".join(f"{name} = ?" for name in FIELDS)
        connection.exec_driver_sql(
            f"UPDATE cards SET {assignments} WHERE id = ?", (*ordered, card_id)
        )
        return
    connection.exec_driver_sql(ADD_OWN, (card_id, *ordered))
    connection.exec_driver_sql(ADD_STATE, (card_id,))


def _next_position(connection: Connection) -> int:
    last = connection.exec_driver_sql("SELECT coalesce(max(position), 0) FROM cards").scalar()
    return int(last or 0) + 1


def _delete(connection: Connection, card_id: str) -> None:
    """The card gone, deleted on another computer that had seen every version of it. Its
    answers leave the log with it (that computer took them back, its undos say so); their
    events wait here, as an answer to a card this computer lacks does, instead of the deletion
    trigger taking them for undos made here."""
    CARDS.unlink(connection, card_id)
    connection.exec_driver_sql(
        "UPDATE sync_events SET review_id = NULL, applied = 0 WHERE kind = 'answer'"
        " AND review_id IN (SELECT id FROM reviews WHERE card_id = ?)",
        (card_id,),
    )
    connection.exec_driver_sql("DELETE FROM cards WHERE id = ?", (card_id,))
