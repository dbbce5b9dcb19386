"""The texts written on another computer while apart (``sync_kept_texts``), shown to the person
beside their own entry or goal until they add one to it or are done with it. Done with, a text
is only noted as seen (``sync_kept_seen``): it stays on disk, as everything typed does.

Only a local collection that syncs has them: a solo clinician's collection and a programme's
server collection read none."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imperfect_trainer.deck.sync.side_tables import has_tables, make_tables
from imperfect_trainer.deck.sync.versioned_rows import Side

if TYPE_CHECKING:
    from sqlalchemy import Connection


@dataclass(frozen=True, slots=True)
class TextApart:
    """One text written apart: ``key`` names it (its row in ``sync_kept_texts``); ``here``:
    written on this computer, and replaced by the other computer's later edit."""

    key: str
    text: str
    here: bool = False


def unseen(connection: Connection, side: Side) -> dict[int, tuple[TextApart, ...]]:
    """Each local row's texts written apart and not yet added or done with, oldest first."""
    if not _syncs(connection):
        return {}
    # Joined under an older version, and not synced since: nothing is seen yet.
    seen = (
        "AND k.event_id NOT IN (SELECT event_id FROM sync_kept_seen)"
        if _has_seen(connection)
        else ""
    )
    rows = connection.exec_driver_sql(
        f"SELECT m.{side.id_column}, k.event_id, k.text, k.device = s.device"
        f" FROM sync_kept_texts AS k JOIN {side.table} AS m ON m.{side.uuid_column} = k.entry_uuid"
        " LEFT JOIN sync_state AS s ON s.id = 1"
        f" WHERE m.{side.id_column} IS NOT NULL {seen} ORDER BY k.hlc, k.event_id"
    )
    found: dict[int, list[TextApart]] = defaultdict(list)
    for row_id, key, text, here in rows:
        found[int(row_id)].append(TextApart(str(key), str(text), bool(here)))
    return {row_id: tuple(texts) for row_id, texts in found.items()}


def text_of(connection: Connection, key: str) -> str | None:
    if not _syncs(connection):
        return None
    return connection.exec_driver_sql(
        "SELECT text FROM sync_kept_texts WHERE event_id = ?", (key,)
    ).scalar()


def mark_seen(connection: Connection, key: str) -> None:
    """No longer shown; the text itself stays where the sync kept it."""
    if not _syncs(connection):
        return
    make_tables(connection)
    connection.exec_driver_sql(
        "INSERT INTO sync_kept_seen (event_id) VALUES (?) ON CONFLICT (event_id) DO NOTHING",
        (key,),
    )


def _syncs(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite" and has_tables(connection)


def _has_seen(connection: Connection) -> bool:
    found = connection.exec_driver_sql(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'sync_kept_seen'"
    ).first()
    return found is not None
