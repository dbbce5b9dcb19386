"""The person's settings across their computers: the later change wins per key.

Only the settings that are the person's choice about their practice and reports sync; those
about one computer (its window, text size, theme, reminders, what it last did) stay on it.
A setting changed here since the last sync (its value differs from the one last synced,
``sync_settings``) is stamped as an event; a merge writes a key's latest value, unless this
computer changed it since and has not stamped that yet (its own change is then stamped later,
and the next merge orders the two).
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.settings_registry import SettingValueError

if TYPE_CHECKING:
    from sqlalchemy import Connection

SYNCED = (
    "session_seconds",
    "new_cards_per_day",
    "rollover_hour",
    "reflections_per_practice",
    "report_name",
    "report_footer",
)
_MARKS = ", ".join("?" * len(SYNCED))


def changed_here(connection: Connection) -> list[tuple[str, str]]:
    """(key, value as stored) of every synced setting whose value differs from the last synced
    one. A key never synced still at its default is no change: a computer joining with a new
    collection takes the person's settings instead of sending its defaults as later ones."""
    rows = connection.exec_driver_sql(
        "SELECT s.key, s.value, y.synced FROM settings AS s"
        " LEFT JOIN sync_settings AS y ON y.key = s.key"
        f" WHERE s.key IN ({_MARKS}) AND (y.synced IS NULL OR y.synced <> s.value)"
        " ORDER BY s.key",
        SYNCED,
    )
    return [
        (str(key), str(value))
        for key, value, synced in rows
        if synced is not None or not _is_default(str(key), str(value))
    ]


def _is_default(key: str, value: str) -> bool:
    try:
        return bool(json.loads(value) == settings_registry.SETTINGS[key].default)
    except ValueError:
        return False


def note_synced(connection: Connection, key: str, value: str) -> None:
    connection.exec_driver_sql(
        "INSERT INTO sync_settings (key, synced) VALUES (?, ?)"
        " ON CONFLICT (key) DO UPDATE SET synced = excluded.synced",
        (key, value),
    )


def merge_key(connection: Connection, key: str) -> bool:
    """The key's latest value (by clock) written here; returns whether it changed."""
    if key not in SYNCED or any(changed == key for changed, _ in changed_here(connection)):
        return False
    latest = connection.exec_driver_sql(
        "SELECT payload FROM sync_events WHERE kind = 'setting' AND subject = ?"
        " ORDER BY hlc DESC, device DESC, event_id DESC LIMIT 1",
        (key,),
    ).first()
    if latest is None:
        return False
    value = json.loads(latest[0])["value"]
    try:
        stored = json.dumps(settings_registry.checked(key, json.loads(value)))
    except (SettingValueError, ValueError):
        return False  # not a value this app allows: the one here stays
    current = connection.exec_driver_sql(
        "SELECT value FROM settings WHERE key = ?", (key,)
    ).scalar()
    note_synced(connection, key, stored)
    if current == stored:
        return False
    connection.exec_driver_sql("DELETE FROM settings WHERE key = ?", (key,))
    connection.exec_driver_sql("INSERT INTO settings (key, value) VALUES (?, ?)", (key, stored))
    return True
