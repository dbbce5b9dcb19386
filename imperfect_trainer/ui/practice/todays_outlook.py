"""What home says today holds: about how many minutes and cards (the practice is a time box,
so a quick one brings more), whether this is a return after a long break, and the days
practised this month. Worked out from the collection and ``deck/srs/scheduling``'s rules."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from imperfect_trainer.deck.srs.scheduling import (
    back_after_long_break,
    cards_to_offer,
    estimate_practice,
)
from imperfect_trainer.deck.store import Store


@dataclass(frozen=True, slots=True)
class TodaysOutlook:
    today: dt.date
    cards: int
    minutes: int
    after_long_break: bool
    practised: set[dt.date]
    more_waiting: bool


def todays_outlook(store: Store, now: dt.datetime) -> TodaysOutlook:
    today = store.practice_day(now)
    plan = store.todays_practice(now, limit=0)
    offered = cards_to_offer(
        plan.available,
        plan.reflections,
        int(store.setting("reflections_per_practice")),
        len(store.today.set_aside_on(today)),
    )
    estimate = estimate_practice(offered, int(store.setting("session_seconds")))
    last = store.answers.last_practice_day()
    return TodaysOutlook(
        today,
        cards=estimate.cards,
        minutes=estimate.minutes,
        after_long_break=back_after_long_break(today, last),
        practised=store.answers.practised_days(today.replace(day=1), today),
        more_waiting=offered > estimate.cards,
    )
