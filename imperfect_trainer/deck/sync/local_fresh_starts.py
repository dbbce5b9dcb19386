""" "Start this card fresh" across computers: each one made here is noted with its place in the
log (``sync_fresh_starts``), stamped in that place among the answers as a ``fresh`` event, and
replayed in clock order with every computer's answers (``answer_replay``): answers given after
it on any computer count after it, those before it are set aside by it, and every computer
reaches the same schedule. Taken back (the window's undo) before a sync, it is forgotten;
after one, its taking back is an undo event naming it.

Noted only on a collection that syncs (the side tables exist): a solo clinician's reset writes
nothing more.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imperfect_trainer.deck.sync.answer_replay import OrderKey
from imperfect_trainer.deck.sync.side_tables import has_tables, make_tables

if TYPE_CHECKING:
    from sqlalchemy import Connection

# Fresh starts not stamped yet order after every stamped event, in their place in the log
# (the same key as an unstamped answer's, and just after the answer row they followed).
UNSTAMPED = "~"


@dataclass(frozen=True, slots=True)
class Pending:
    row_id: int
    card_id: str
    after_review: int
    at: str


def note(connection: Connection, card_ids: Sequence[str], now: dt.datetime) -> None:
    """Note that ``card_ids`` were started fresh at ``now`` (in the reset's transaction)."""
    if not card_ids or not _syncs(connection):
        return
    # Joined under an older version, and not synced since: its table made now.
    make_tables(connection)
    after = connection.exec_driver_sql("SELECT coalesce(max(id), 0) FROM reviews").scalar()
    at = now.astimezone(dt.UTC).isoformat()
    connection.exec_driver_sql(
        "INSERT INTO sync_fresh_starts (card_id, after_review, at) VALUES (?, ?, ?)",
        [(card_id, after, at) for card_id in card_ids],
    )


def take_back(connection: Connection, card_ids: Sequence[str]) -> None:
    """The latest fresh start of each card taken back: forgotten if not stamped yet, else
    marked for an undo event at the next sync."""
    if not card_ids or not _syncs(connection):
        return
    for card_id in card_ids:
        latest = connection.exec_driver_sql(
            "SELECT id, event_id FROM sync_fresh_starts WHERE card_id = ? AND taken_back = 0"
            " ORDER BY id DESC LIMIT 1",
            (card_id,),
        ).first()
        if latest is None:
            continue
        if latest[1] is None:
            connection.exec_driver_sql("DELETE FROM sync_fresh_starts WHERE id = ?", (latest[0],))
        else:
            connection.exec_driver_sql(
                "UPDATE sync_fresh_starts SET taken_back = 1 WHERE id = ?", (latest[0],)
            )


def _syncs(connection: Connection) -> bool:
    """A local collection that syncs (a programme's server collection is the hub's own)."""
    return connection.dialect.name == "sqlite" and has_tables(connection)


def pending(connection: Connection) -> list[Pending]:
    rows = connection.exec_driver_sql(
        "SELECT id, card_id, after_review, at FROM sync_fresh_starts WHERE event_id IS NULL"
        " ORDER BY id"
    )
    return [Pending(int(row[0]), str(row[1]), int(row[2]), str(row[3])) for row in rows]


def note_stamped(connection: Connection, row_id: int, event_id: str) -> None:
    connection.exec_driver_sql(
        "UPDATE sync_fresh_starts SET event_id = ? WHERE id = ?", (event_id, row_id)
    )


def taken_back_unsent(connection: Connection) -> list[tuple[str, str]]:
    """(event id, card) of each stamped fresh start taken back here since; each marked sent."""
    rows = connection.exec_driver_sql(
        "SELECT event_id, card_id FROM sync_fresh_starts WHERE taken_back = 1 ORDER BY id"
    ).all()
    connection.exec_driver_sql("UPDATE sync_fresh_starts SET taken_back = 2 WHERE taken_back = 1")
    return [(str(event_id), str(card_id)) for event_id, card_id in rows]


# Every fresh start of the touched cards that stands: stamped ones (from any computer) not
# taken back, and this computer's not stamped yet.
_STANDING = """
    SELECT f.subject, f.hlc, f.device, f.event_id FROM temp.sync_touched AS t
    JOIN sync_events AS f ON f.kind = 'fresh' AND f.subject = t.card_id
    WHERE NOT EXISTS (SELECT 1 FROM sync_events AS u WHERE u.answer = f.event_id)
      AND NOT EXISTS (SELECT 1 FROM sync_fresh_starts AS h
                      WHERE h.event_id = f.event_id AND h.taken_back > 0)"""
_UNSTAMPED_HERE = """
    SELECT h.card_id, h.after_review, h.id FROM temp.sync_touched AS t
    JOIN sync_fresh_starts AS h ON h.card_id = t.card_id
    WHERE h.event_id IS NULL"""


def standing(connection: Connection) -> dict[str, list[OrderKey]]:
    """Each touched card's fresh starts (``temp.sync_touched``), as replay order keys."""
    found: dict[str, list[OrderKey]] = {}
    for card_id, stamp, device, identity in connection.exec_driver_sql(_STANDING):
        found.setdefault(str(card_id), []).append((str(stamp), str(device), str(identity)))
    for card_id, after, row_id in connection.exec_driver_sql(_UNSTAMPED_HERE):
        key = (UNSTAMPED, "", f"{int(after):020d}-fresh-{int(row_id):020d}")
        found.setdefault(str(card_id), []).append(key)
    return found
