"""Check Database: SQLite's own checks plus our rules, and the repairs that are safe.

Each rule counts the rows that break it and knows a fix that loses nothing a person wrote:
journal text is always kept (only its link to a missing card is cleared), a review log row is
only removed when its card no longer exists.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass, replace
from itertools import groupby

from sqlalchemy import Connection, text

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.srs.answer_rules import NEW_CARD, Answer, Schedule, replay
from imperfect_trainer.deck.srs.sm2 import (
    MAX_EASINESS_HUNDREDTHS,
    MAX_REPETITIONS,
    MAX_STATE_INTERVAL_DAYS,
    MIN_EASINESS_HUNDREDTHS,
    START_EASINESS_HUNDREDTHS,
    Sm2State,
)
from imperfect_trainer.deck.storage.bulk_schedules import set_schedules
from imperfect_trainer.deck.storage.models import HARD_EASINESS, HARD_LAPSES, SETTLED_DAYS
from imperfect_trainer.deck.storage.removals import removal
from imperfect_trainer.deck.storage.stored_values import (
    SCHEDULE_COLUMNS,
    day,
    day_or_none,
    schedule_from_row,
)

_BEYOND_BOUNDS = (
    f"interval_days > {MAX_STATE_INTERVAL_DAYS} OR easiness_hundredths > {MAX_EASINESS_HUNDREDTHS}"
    f" OR repetitions > {MAX_REPETITIONS}"
)


def _at_most(column: str, bound: int) -> str:
    # Written out, not min(): SQLite's two-argument min() is an aggregate on PostgreSQL.
    return f"CASE WHEN {column} > {bound} THEN {bound} ELSE {column} END"


@dataclass(frozen=True, slots=True)
class Rule:
    description: str
    count: str
    fix: str
    # A rule about what only SQLite lets a column hold (PostgreSQL's columns keep their types).
    sqlite_only: bool = False


RULES = (
    Rule(
        "schedules of cards that no longer exist",
        "SELECT count(*) FROM card_states WHERE card_id NOT IN (SELECT id FROM cards)",
        "DELETE FROM card_states WHERE card_id NOT IN (SELECT id FROM cards)",
    ),
    Rule(
        "answers for cards that no longer exist",
        "SELECT count(*) FROM reviews WHERE card_id NOT IN (SELECT id FROM cards)",
        "DELETE FROM reviews WHERE card_id NOT IN (SELECT id FROM cards)",
    ),
    Rule(
        "answers linked to a missing practice session",
        "SELECT count(*) FROM reviews WHERE session_id IS NOT NULL"
        " AND session_id NOT IN (SELECT id FROM practice_sessions)",
        "UPDATE reviews SET session_id = NULL WHERE session_id IS NOT NULL"
        " AND session_id NOT IN (SELECT id FROM practice_sessions)",
    ),
    Rule(
        "journal entries linked to a missing card",
        "SELECT count(*) FROM journal_entries WHERE card_id IS NOT NULL"
        " AND card_id NOT IN (SELECT id FROM cards)",
        "UPDATE journal_entries SET card_id = NULL WHERE card_id IS NOT NULL"
        " AND card_id NOT IN (SELECT id FROM cards)",
    ),
    Rule(
        "journal entries linked to a missing answer",
        "SELECT count(*) FROM journal_entries WHERE review_id IS NOT NULL"
        " AND review_id NOT IN (SELECT id FROM reviews)",
        "UPDATE journal_entries SET review_id = NULL WHERE review_id IS NOT NULL"
        " AND review_id NOT IN (SELECT id FROM reviews)",
    ),
    Rule(
        "journal entries linked to a missing practice session",
        "SELECT count(*) FROM journal_entries WHERE session_id IS NOT NULL"
        " AND session_id NOT IN (SELECT id FROM practice_sessions)",
        "UPDATE journal_entries SET session_id = NULL WHERE session_id IS NOT NULL"
        " AND session_id NOT IN (SELECT id FROM practice_sessions)",
    ),
    Rule(
        "cards without a schedule",
        "SELECT count(*) FROM cards WHERE id NOT IN (SELECT card_id FROM card_states)",
        "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
        f" review_count, lapses) SELECT id, 0, {START_EASINESS_HUNDREDTHS}, 0, 0, 0 FROM cards"
        " WHERE id NOT IN (SELECT card_id FROM card_states)",
    ),
    Rule(
        "E-Factors below 1.3",
        f"SELECT count(*) FROM card_states WHERE easiness_hundredths < {MIN_EASINESS_HUNDREDTHS}",
        f"UPDATE card_states SET easiness_hundredths = {MIN_EASINESS_HUNDREDTHS}"
        f" WHERE easiness_hundredths < {MIN_EASINESS_HUNDREDTHS}",
    ),
    Rule(
        "negative intervals or counts",
        "SELECT count(*) FROM card_states"
        " WHERE interval_days < 0 OR repetitions < 0 OR review_count < 0 OR lapses < 0",
        "UPDATE card_states SET interval_days = CASE WHEN interval_days < 0 THEN 0"
        " ELSE interval_days END,"
        " repetitions = CASE WHEN repetitions < 0 THEN 0 ELSE repetitions END,"
        " review_count = CASE WHEN review_count < 0 THEN 0 ELSE review_count END,"
        " lapses = CASE WHEN lapses < 0 THEN 0 ELSE lapses END"
        " WHERE interval_days < 0 OR repetitions < 0 OR review_count < 0 OR lapses < 0",
    ),
    Rule(
        "schedules beyond any possible history (a hand-edited or imported value)",
        f"SELECT count(*) FROM card_states WHERE {_BEYOND_BOUNDS}",
        "UPDATE card_states SET"
        f" interval_days = {_at_most('interval_days', MAX_STATE_INTERVAL_DAYS)},"
        f" easiness_hundredths = {_at_most('easiness_hundredths', MAX_EASINESS_HUNDREDTHS)},"
        f" repetitions = {_at_most('repetitions', MAX_REPETITIONS)} WHERE {_BEYOND_BOUNDS}",
    ),
    Rule(
        "answers with a grade outside 0-5",
        "SELECT count(*) FROM reviews WHERE grade NOT BETWEEN 0 AND 5",
        "UPDATE reviews SET grade = CASE WHEN grade < 0 THEN 0 ELSE 5 END"
        " WHERE grade NOT BETWEEN 0 AND 5",
    ),
    Rule(
        "due dates that are not dates",
        "SELECT count(*) FROM card_states"
        " WHERE due_day IS NOT NULL AND date(due_day) IS NOT due_day",
        # Due at once: a card with a broken date is simply offered again, never lost.
        "UPDATE card_states SET due_day = :today"
        " WHERE due_day IS NOT NULL AND date(due_day) IS NOT due_day",
        sqlite_only=True,
    ),
)


def _on_sqlite(connection: Connection) -> bool:
    return connection.dialect.name == "sqlite"


def integrity_problems(connection: Connection) -> list[str]:
    if not _on_sqlite(connection):
        return []  # PostgreSQL checks its own pages; damage there is the server's to mend
    rows = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA integrity_check")]
    return [] if rows == ["ok"] else rows


def quick_damage(connection: Connection) -> str | None:
    """SQLite's quick check (the pages, not each index against its table): what it found, in
    words, or None; a few hundred milliseconds at 100,000 cards."""
    if not _on_sqlite(connection):
        return None
    rows = [str(row[0]) for row in connection.exec_driver_sql("PRAGMA quick_check")]
    return None if rows == ["ok"] else _summary(rows).replace("integrity", "quick")


def rule_problems(connection: Connection) -> list[tuple[Rule, int]]:
    found = []
    for rule in RULES:
        if rule.sqlite_only and not _on_sqlite(connection):
            continue
        count = connection.execute(text(rule.count)).scalar() or 0
        if count:
            found.append((rule, int(count)))
    return found


def foreign_key_problems(connection: Connection) -> int:
    if not _on_sqlite(connection):
        return 0  # PostgreSQL refuses a row that points nowhere
    return len(list(connection.exec_driver_sql("PRAGMA foreign_key_check")))


def unusable_settings(connection: Connection) -> list[str]:
    """Settings whose stored value the app cannot use (it falls back to the default)."""
    bad = []
    for key, value in connection.execute(text("SELECT key, value FROM settings")):
        if key not in settings_registry.SETTINGS:
            continue  # a newer version's setting: not ours to judge
        try:
            settings_registry.checked(key, json.loads(value))
        except ValueError:
            bad.append(key)
    return bad


# Each section's totals counted from its cards, as the triggers of migration 0006 keep them.
_COUNTED_SECTION_TOTALS = f"""
    SELECT c.section, count(*),
           sum(CASE WHEN s.due_day IS NULL THEN 1 ELSE 0 END),
           sum(CASE WHEN s.interval_days >= {SETTLED_DAYS} THEN 1 ELSE 0 END),
           sum(CASE WHEN s.interval_days < {SETTLED_DAYS}
                    AND (s.easiness_hundredths < {HARD_EASINESS} OR s.lapses >= {HARD_LAPSES})
               THEN 1 ELSE 0 END)
    FROM cards AS c JOIN card_states AS s ON s.card_id = c.id
    WHERE c.retired = {{false}}
    GROUP BY c.section"""
_KEPT_SECTION_TOTALS = "SELECT section, cards, new_cards, settled, hard FROM section_totals"


def _counted_section_totals(connection: Connection) -> str:
    return _COUNTED_SECTION_TOTALS.format(false="0" if _on_sqlite(connection) else "false")


def section_totals_off(connection: Connection) -> int:
    """Sections whose kept totals are not what their cards add up to (a hand edit, or the
    triggers lost): the statistics would show them wrong."""
    counted = {
        row[0]: tuple(row[1:])
        for row in connection.exec_driver_sql(_counted_section_totals(connection))
    }
    kept = {row[0]: tuple(row[1:]) for row in connection.exec_driver_sql(_KEPT_SECTION_TOTALS)}
    return sum(
        1 for section in counted.keys() | kept.keys() if counted.get(section) != kept.get(section)
    )


def _rebuild_section_totals(connection: Connection) -> None:
    connection.exec_driver_sql(removal("DELETE FROM section_totals", connection.dialect.name))
    connection.exec_driver_sql(
        "INSERT INTO section_totals (section, cards, new_cards, settled, hard)"
        + _counted_section_totals(connection)
    )


_STATES = (
    f"SELECT card_id, {', '.join(SCHEDULE_COLUMNS)} FROM card_states"
    " WHERE card_id IN (SELECT card_id FROM reviews)"
)
_ANSWERS = (
    "SELECT card_id, grade, practice_day, drill, due_before FROM reviews ORDER BY card_id, id"
)


def schedules_off_their_answers(connection: Connection) -> dict[str, Schedule]:
    """Cards whose stored schedule is not what their answers lead to (``answer_rules.replay``),
    with the schedule they do lead to. A card started fresh after its answers is new again and
    keeps only its counts; that is not a problem."""
    stored = {row[0]: schedule_from_row(row[1:]) for row in connection.exec_driver_sql(_STATES)}
    found: dict[str, Schedule] = {}
    rows = connection.exec_driver_sql(_ANSWERS)
    for card_id, card_rows in groupby(rows, key=lambda row: str(row[0])):
        replayed = replay(
            Answer(grade, day(logged_day), bool(drill), _ANY, day_or_none(due_before), _ANY, None)
            for _, grade, logged_day, drill, due_before in card_rows
        )
        schedule = stored.get(card_id)
        if schedule is None or schedule == replayed:
            continue
        if schedule.is_new and _counts_agree(schedule, replayed):
            continue  # started fresh after its answers
        found[card_id] = replayed
    return found


# Replay decides each answer's states itself; only the logged due day before it is read.
_ANY = Sm2State()


def _counts_agree(schedule: Schedule, replayed: Schedule) -> bool:
    fresh = replace(NEW_CARD, review_count=replayed.review_count, lapses=replayed.lapses)
    return schedule == fresh


def describe(connection: Connection) -> list[str]:
    """Every problem found, in words; empty when the collection is healthy.

    When SQLite's own check fails, that is the only problem reported: our rules read the same
    damaged pages and would only fail, or mislead.
    """
    integrity = integrity_problems(connection)
    if integrity:
        return [_summary(integrity)]
    problems = [f"{count} {rule.description}" for rule, count in rule_problems(connection)]
    if not problems and (off := schedules_off_their_answers(connection)):
        problems.append(f"{len(off)} schedules that their own answers do not lead to")
    if bad := unusable_settings(connection):
        problems.append("settings with values the app cannot use: " + ", ".join(bad))
    if off_sections := section_totals_off(connection):
        problems.append(f"{off_sections} sections whose statistics totals are out of step")
    if not problems and (dangling := foreign_key_problems(connection)):
        problems.append(f"{dangling} rows point to missing rows")
    return problems


def _columns(card_id: str, schedule: Schedule) -> dict[str, object]:
    return {
        "card_id": card_id,
        "repetitions": schedule.repetitions,
        "easiness_hundredths": schedule.easiness_hundredths,
        "interval_days": schedule.interval_days,
        "due_day": schedule.due_day,
        "last_review_day": schedule.last_review_day,
        "introduced_day": schedule.introduced_day,
        "review_count": schedule.review_count,
        "lapses": schedule.lapses,
    }


def _summary(integrity: list[str]) -> str:
    lines = [
        line.strip()
        for row in integrity
        for line in row.splitlines()
        if line.strip() and not line.startswith("***")
    ]
    found = "1 problem" if len(lines) == 1 else f"{len(lines)} problems"
    return f"SQLite's integrity check found {found} (the first: {lines[0]})"


def repair(connection: Connection, today: dt.date) -> list[str]:
    """Apply the safe fixes inside the caller's transaction; returns what was fixed."""
    fixed = []
    if integrity_problems(connection):
        # Rebuilding the indexes is the one integrity repair that cannot lose data.
        connection.exec_driver_sql("REINDEX")
        fixed.append("rebuilt the indexes")
        if integrity_problems(connection):
            return fixed  # the tables themselves are damaged: only a backup mends that
    for rule, count in rule_problems(connection):
        connection.execute(
            text(removal(rule.fix, connection.dialect.name)), {"today": today.isoformat()}
        )
        fixed.append(f"{count} {rule.description}")
    if off := schedules_off_their_answers(connection):
        # The answers are the record; a schedule is only what they lead to.
        set_schedules(
            connection, [_columns(card_id, schedule) for card_id, schedule in off.items()]
        )
        fixed.append(f"{len(off)} schedules rebuilt from their answers")
    if bad := unusable_settings(connection):
        # Without the row, the setting's default applies again.
        for key in bad:
            reset = removal("DELETE FROM settings WHERE key = :key", connection.dialect.name)
            connection.execute(text(reset), {"key": key})
        fixed.append("settings reset to their defaults: " + ", ".join(bad))
    # Last, so the totals are counted from the cards and schedules as repaired above.
    if off_sections := section_totals_off(connection):
        _rebuild_section_totals(connection)
        fixed.append(f"{off_sections} sections' statistics totals counted again")
    return fixed
