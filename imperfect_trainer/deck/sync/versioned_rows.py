"""Rows kept across computers as versions (journal entries, goals, cards, debriefs' practices):
each row's id across computers mapped to its local row in a side table (``sync_entries``,
``sync_goals``, ``sync_cards``, ``sync_sessions``) with its fields as last synced, and the
texts written apart kept (``sync_kept_texts``)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, NamedTuple

from imperfect_trainer.deck.sync.entry_merge import TEXT, EntryVersion, MergedEntry
from imperfect_trainer.deck.sync.side_tables import has_tables

if TYPE_CHECKING:
    from sqlalchemy import Connection


class RowMerged(NamedTuple):
    changed: int
    texts_kept: int


@dataclass(frozen=True, slots=True)
class Side:
    """Where one kind of row is mapped: its event kind, side table and that table's columns."""

    kind: str
    table: str
    uuid_column: str
    id_column: str

    def mapped_id(self, connection: Connection, row_uuid: str) -> int | None:
        found = self.mapped_key(connection, row_uuid)
        return None if found is None else int(found)

    def mapped_key(self, connection: Connection, row_uuid: str) -> str | None:
        """The local row's id as stored (a card's is text)."""
        found = connection.exec_driver_sql(
            f"SELECT {self.id_column} FROM {self.table} WHERE {self.uuid_column} = ?",
            (row_uuid,),
        ).first()
        return None if found is None or found[0] is None else str(found[0])

    def unlink(self, connection: Connection, row_uuid: str) -> None:
        """Before its local row is deleted by a merge, so the deletion trigger does not take
        it for a deletion made here."""
        connection.exec_driver_sql(
            f"UPDATE {self.table} SET {self.id_column} = NULL WHERE {self.uuid_column} = ?",
            (row_uuid,),
        )

    def keep_mapping(
        self,
        connection: Connection,
        row_uuid: str,
        local_id: int | str | None,
        synced: str,
        heads: str,
    ) -> None:
        self.keep_mappings(connection, [(row_uuid, local_id, synced, heads)])

    def keep_mappings(
        self, connection: Connection, rows: Sequence[tuple[str, int | str | None, str, str]]
    ) -> None:
        """Each (id across computers, local id, fields as synced, heads), in one statement."""
        if not rows:
            return
        connection.exec_driver_sql(
            f"INSERT INTO {self.table} ({self.uuid_column}, {self.id_column}, synced, heads)"
            f" VALUES (?, ?, ?, ?) ON CONFLICT ({self.uuid_column}) DO UPDATE SET"
            f" {self.id_column} = excluded.{self.id_column}, synced = excluded.synced,"
            " heads = excluded.heads, gone = 0",
            list(rows),
        )

    def versions(self, connection: Connection, row_uuid: str) -> list[EntryVersion]:
        return [
            _version(identity, stamp, device, json.loads(payload))
            for identity, stamp, device, payload in connection.exec_driver_sql(
                "SELECT event_id, hlc, device, payload FROM sync_events"
                " WHERE kind = ? AND subject = ?",
                (self.kind, row_uuid),
            )
        ]


ENTRIES = Side("entry", "sync_entries", "entry_uuid", "entry_id")
GOALS = Side("goal", "sync_goals", "goal_uuid", "goal_id")
# A card is known by its own id on every computer (its answers name it).
CARDS = Side("card", "sync_cards", "card_key", "card_id")
SESSIONS = Side("session", "sync_sessions", "session_uuid", "session_id")


def write_row(
    connection: Connection,
    table: str,
    columns: Sequence[str],
    values: Sequence[Any],
    row_id: int | None,
) -> int:
    """The merged row written here: row ``row_id`` of ``table`` changed to ``values``, or a new
    row when it was never here or was deleted here meanwhile. Returns its id here."""
    present = (
        row_id is not None
        and connection.exec_driver_sql(f"SELECT 1 FROM {table} WHERE id = ?", (row_id,)).first()
        is not None
    )
    if present:
        assert row_id is not None
        assignments = ", ".join(f"{name} = ?" for name in columns)
        connection.exec_driver_sql(
            f"UPDATE {table} SET {assignments} WHERE id = ?", (*values, row_id)
        )
        return row_id
    return int(
        connection.exec_driver_sql(
            f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join('?' * len(columns))})"
            " RETURNING id",
            tuple(values),
        ).scalar_one()
    )


def keep_texts(
    connection: Connection, row_uuid: str, versions: list[EntryVersion], result: MergedEntry
) -> int:
    """The texts written apart from the winning one, kept beside the row; returns how many
    were new here."""
    stamps = {version.event_id: version.order for version in versions}
    kept_now = 0
    for kept in result.kept_texts:
        stamp, device, _ = stamps[kept.event_id]
        added = connection.exec_driver_sql(
            "INSERT INTO sync_kept_texts (event_id, entry_uuid, text, device, hlc)"
            " VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (kept_key(kept.event_id, kept.field), row_uuid, kept.text, device, stamp),
        )
        kept_now += added.rowcount
    return kept_now


def kept_key(event_id: str, field: str) -> str:
    """A kept text's key: its version's id, with the field it was written in when that is not
    ``text`` (one version of a card may have been written apart in its front and its back)."""
    return event_id if field == TEXT else f"{event_id}:{field}"


def kept_field(key: str) -> str:
    """The field a kept text was written in (a version's id is a uuid: no colon in it)."""
    _, colon, field = key.partition(":")
    return field if colon else TEXT


def kept_texts(connection: Connection) -> list[tuple[str, str]]:
    """The texts written on another computer while apart, kept beside their entries: (the
    entry's id across computers, the text)."""
    if not has_tables(connection):
        return []
    rows = connection.exec_driver_sql(
        "SELECT entry_uuid, text FROM sync_kept_texts ORDER BY hlc, event_id"
    )
    return [(str(entry), str(text)) for entry, text in rows]


def _version(identity: str, stamp: str, device: str, payload: dict[str, Any]) -> EntryVersion:
    return EntryVersion(
        identity,
        (stamp, device, identity),
        frozenset(payload["parents"]),
        payload.get("changed", {}),
        bool(payload.get("deleted", False)),
    )
