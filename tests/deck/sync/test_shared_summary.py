"""What a sync would publish for the supervisor, read from the local collection alone: only
what is shared, practised days with their answers, mastery per shipped section."""

from __future__ import annotations

import datetime as dt
import os

from imperfect_trainer.deck.features import goals, journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import side_tables, stamping
from imperfect_trainer.deck.sync.shared_summary import shared_summary
from tests.support.moments import MORNING

HOUR = dt.timedelta(hours=1)


def _joined_and_stamped(store: Store) -> dict[tuple[str, str], dict[str, object]]:
    with store.statements() as connection:
        state = side_tables.join(connection, "postgresql://t@/programme", "device")
        stamping.stamp_local_changes(connection, state, MORNING + HOUR, os.urandom)
        return shared_summary(connection)


def test_only_what_was_ticked_shared_is_in_the_supervisors_summary(store: Store) -> None:
    shared = journal.add_free_entry(store, "Shared with my supervisor", MORNING)
    journal.add_free_entry(store, "Mine alone", MORNING)
    journal.set_shared(store, shared, True)
    goal = goals.add_goal(store, "Ask for feedback", MORNING)
    goals.add_goal(store, "Private goal", MORNING)
    goals.set_shared(store, goal, True)

    summary = _joined_and_stamped(store)

    texts = sorted(str(values["text"]) for (kind, _), values in summary.items() if "text" in values)
    assert texts == ["Ask for feedback", "Shared with my supervisor"]


def test_a_practised_day_and_its_sections_answers_are_in_the_summary(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 4, now=MORNING, duration_ms=60_000)

    summary = _joined_and_stamped(store)

    assert summary["day", MORNING.date().isoformat()] == {"answers": 1, "duration_ms": 60_000}
    sections = [values for (kind, _), values in summary.items() if kind == "section"]
    assert sum(int(str(values["cards"])) - int(str(values["new"])) for values in sections) == 1
