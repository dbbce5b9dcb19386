"""The events this computer holds (``sync_events``): kept, found, sent and confirmed."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, NamedTuple

from imperfect_trainer.deck.sync.events import UNDO, Event

if TYPE_CHECKING:
    from sqlalchemy import Connection

# Rows read and events written this many at a time: a first sync of a long history is not held
# in memory at once.
PAGE = 10_000


# Pages SQLite keeps in memory while a sync writes (64 MiB, against its 2 MiB default): a first
# sync's million rows go into indexes in card and id order, and with the default most of each
# index's pages are read again from the file for every few rows written.
_SYNC_CACHE_KIB = 65536


def roomy_cache(connection: Connection) -> None:
    """The connection's page cache made room for a sync's writes (the connection's own
    setting, bounded: it is memory taken only as pages are read)."""
    connection.exec_driver_sql(f"PRAGMA cache_size = -{_SYNC_CACHE_KIB}")


def acknowledged(connection: Connection, device: str) -> int:
    """How many of this computer's events the hub has confirmed."""
    found = connection.exec_driver_sql(
        "SELECT count(*) FROM sync_events WHERE device = ? AND uploaded = 1", (device,)
    ).scalar()
    return int(found or 0)


class Unsent(NamedTuple):
    """An event as kept here, on its way to the hub: its payload the JSON text written when it
    was kept (or checked when it came from the hub), sent as it is."""

    event_id: str
    hlc: str
    device: str
    kind: str
    subject: str
    payload: str


def waiting_upload(connection: Connection, limit: int, skip: int = 0) -> list[Unsent]:
    """Up to ``limit`` events not yet sent, in clock order, after the first ``skip`` of them
    (a batch still on its way)."""
    rows = connection.exec_driver_sql(
        "SELECT event_id, hlc, device, kind, subject, payload FROM sync_events"
        " WHERE uploaded = 0 ORDER BY hlc, rowid LIMIT ? OFFSET ?",
        (limit, skip),
    ).all()
    return [Unsent(*row) for row in rows]


def mark_uploaded(connection: Connection, event_ids: Sequence[str]) -> None:
    if not event_ids:
        return
    connection.exec_driver_sql(
        "UPDATE sync_events SET uploaded = 1 WHERE event_id = ?",
        [(identity,) for identity in event_ids],
    )


def known(connection: Connection, event_ids: Sequence[str]) -> set[str]:
    found: set[str] = set()
    for start in range(0, len(event_ids), 500):
        chunk = event_ids[start : start + 500]
        marks = ", ".join("?" * len(chunk))
        rows = connection.exec_driver_sql(
            f"SELECT event_id FROM sync_events WHERE event_id IN ({marks})", tuple(chunk)
        )
        found.update(str(row[0]) for row in rows)
    return found


def insert_events(
    connection: Connection,
    events: Sequence[tuple[Event, int | None]],
    *,
    applied: bool,
    uploaded: bool,
) -> None:
    """``events``, each with the ``reviews`` row it is (for an answer made here)."""
    if not events:
        return
    connection.exec_driver_sql(
        "INSERT INTO sync_events (event_id, hlc, device, kind, subject, payload, review_id,"
        " answer, applied, uploaded) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [
            (event.event_id, event.hlc.text, event.device, event.kind, event.subject,
             event.payload_text(), review_id,
             event.payload.get("answer") if event.kind == UNDO else None, applied, uploaded)
            for event, review_id in events
        ],
    )  # fmt: skip
