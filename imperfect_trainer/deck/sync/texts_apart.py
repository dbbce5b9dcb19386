"""The texts written on another computer while apart (``sync_kept_texts``), shown to the person
beside their own entry, goal or card until they add one to it or are done with it. Done with, a text
is only noted as seen (``sync_kept_seen``): it stays on disk, as everything typed does.

Only a local collection that syncs has them: a solo clinician's collection and a programme's
server collection read none."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from imperfect_trainer.deck.sync.entry_merge import TEXT
from imperfect_trainer.deck.sync.side_tables import has_tables, make_tables
from imperfect_trainer.deck.sync.versioned_rows import Side, kept_field

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from imperfect_trainer.deck.store import Store


@dataclass(frozen=True, slots=True)
class TextApart:
    """One text written apart: ``key`` names it (its row in ``sync_kept_texts``); ``here``:
    written on this computer, and replaced by the other computer's later edit; ``field``: where
    it was written (``text``, a goal's ``note``, an own card's ``front`` or ``back``)."""

    key: str
    text: str
    here: bool = False
    field: str = TEXT


def unseen(connection: Connection, side: Side) -> dict[str, tuple[TextApart, ...]]:
    """Each local row's texts written apart and not yet added or done with, oldest first, by
    the row's id as text (a card's id is text)."""
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
    found: dict[str, list[TextApart]] = defaultdict(list)
    for row_id, key, text, here in rows:
        found[str(row_id)].append(TextApart(str(key), str(text), bool(here), kept_field(key)))
    return {row_id: tuple(texts) for row_id, texts in found.items()}


def not_in(text: str, texts: tuple[TextApart, ...]) -> tuple[TextApart, ...]:
    """The texts ``text`` does not hold yet: one added already (here, or on another computer,
    reaching this one by the sync) is nothing to show."""
    return tuple(other for other in texts if other.text.strip() not in text)


def appended(text: str, other: str, between: str = "\n\n") -> str:
    """A text written apart added to the end of the row's own, a blank line between (or
    ``between``: a one-line field's)."""
    return between.join(part for part in (text.strip(), other.strip()) if part)


def add(
    connection: Connection,
    key: str,
    text: str,
    save: Callable[[str], object],
    between: str = "\n\n",
) -> str:
    """``text`` with the text written apart ``key`` added to its end, given to ``save`` (to be
    saved as an edit of its row, which then syncs), and shown no more; returns the text now."""
    other = text_of(connection, key)
    if other is not None:
        text = appended(text, other, between)
        save(text)
    mark_seen(connection, key)
    return text


def text_of(connection: Connection, key: str) -> str | None:
    if not _syncs(connection):
        return None
    return connection.exec_driver_sql(
        "SELECT text FROM sync_kept_texts WHERE event_id = ?", (key,)
    ).scalar()


def done_with(store: Store, key: str) -> None:
    """Show the text written apart ``key`` no more; it stays on disk."""
    with store.statements() as connection:
        mark_seen(connection, key)


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
