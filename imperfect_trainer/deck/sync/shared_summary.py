"""What a trainee's supervisor may see, read from the merged local collection: the rows a sync
publishes to the hub (``hub_publication``, migration 0011), each (kind, key) with its values.

Only what the four supervisor views show leaves the computer this way: practised days with
their answers and minutes, each shipped section's mastery (counted as the statistics screen
counts it), and the journal entries and goals ticked "Share with my supervisor", each keyed by
its id across computers (so every computer publishes the same row).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.storage.models import SETTLED_DAYS

if TYPE_CHECKING:
    from sqlalchemy import Connection

Published = dict[tuple[str, str], dict[str, Any]]

_DAYS = "SELECT day, answers, duration_ms FROM practice_days WHERE answers > 0"
_SECTIONS = f"""
    SELECT c.section, min(c.position), count(*), count(*) - count(s.due_day),
        count(CASE WHEN s.interval_days >= {SETTLED_DAYS} THEN 1 END)
    FROM cards AS c JOIN card_states AS s ON s.card_id = c.id
    WHERE c.origin = 'builtin' AND NOT c.retired
    GROUP BY c.section"""
# Entries and goals not stamped yet (written during this sync) have no id across computers:
# published next time.
_ENTRIES = """
    SELECT s.entry_uuid, j.kind, j.practice_day, j.created_at, j.updated_at, j.text
    FROM journal_entries AS j JOIN sync_entries AS s ON s.entry_id = j.id
    WHERE j.shared"""
_GOALS = """
    SELECT s.goal_uuid, g.position, g.text, g.striving, g.discussed_in_supervision, g.note,
        g.revisited_day, g.updated_at
    FROM goals AS g JOIN sync_goals AS s ON s.goal_id = g.id
    WHERE g.shared"""


def shared_summary(connection: Connection) -> Published:
    """Everything the supervisor may see of this collection, as the hub keeps it."""
    published: Published = {}
    for day, answers, duration_ms in connection.exec_driver_sql(_DAYS):
        published["day", str(day)] = {"answers": int(answers), "duration_ms": int(duration_ms)}
    for section, position, cards, new, settled in connection.exec_driver_sql(_SECTIONS):
        published["section", str(section)] = {
            "position": int(position),
            "cards": int(cards),
            "new": int(new),
            "settled": int(settled),
        }
    for entry_uuid, kind, day, created, updated, text in connection.exec_driver_sql(_ENTRIES):
        published["entry", str(entry_uuid)] = {
            "kind": str(kind),
            "practice_day": str(day),
            "created_at": str(created),
            "updated_at": str(updated),
            "text": str(text),
        }
    for row in connection.exec_driver_sql(_GOALS):
        goal_uuid, position, text, striving, discussed, note, revisited, updated = row
        published["goal", str(goal_uuid)] = {
            "position": int(position),
            "text": str(text),
            "striving": striving,
            "discussed_in_supervision": None if discussed is None else bool(discussed),
            "note": str(note),
            "revisited_day": str(revisited),
            "updated_at": str(updated),
        }
    return published
