"""Which cards a practice takes in: today's cards in order (missed-earlier repeats first), or
the cards chosen for it, and, when today's run out, more of today's. A reflection comes in
only if it was not left for another day today ("Not today") and the practice has room for one
more (``reflections_per_practice``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.practice.answer_log import Calendar
from imperfect_trainer.deck.practice.todays_cards import PracticeCard, TodaysCards, TodaysPractice
from imperfect_trainer.deck.srs.scheduling import PracticeQueue


@dataclass(slots=True)
class Intake:
    """What comes into one practice's ``queue``; the cards it met are kept in ``cards``."""

    today: TodaysCards
    calendar: Calendar
    cards: dict[str, PracticeCard]
    queue: PracticeQueue
    reflections_allowed: int
    # Today's practice asks for more of today's cards when its queue runs out; a practice of
    # chosen cards (a debrief's) does not.
    tops_up: bool
    # The reflections this practice has taken in (at most ``reflections_allowed``).
    reflections: set[str] = field(default_factory=set)

    def take_in_today(self, today: TodaysPractice, met: set[str], now: dt.datetime) -> None:
        """Queue today's cards; a missed-earlier card ``met`` in this practice has had its once
        more (or needs none)."""
        drills = set(today.drill_ids)
        rest = [card.id for card in today.cards if card.id not in drills]
        again = [card_id for card_id in today.drill_ids if card_id not in met]
        self.take_in(today.cards, rest, again, now)

    def top_up(self, met: set[str], now: dt.datetime) -> None:
        if self.tops_up:
            self.take_in_today(self.today.practice(now), met, now)

    def take_in(
        self,
        cards: Iterable[PracticeCard],
        card_ids: list[str],
        drill_ids: list[str],
        now: dt.datetime,
    ) -> None:
        """Queue ``card_ids`` in order after ``drill_ids`` (repeats), leaving out reflections
        set aside today and any beyond the practice's allowance."""
        for card in cards:
            self.cards[card.id] = card
        set_aside = self.today.set_aside_on(self.calendar.practice_day(now))
        drills = [card_id for card_id in drill_ids if self._welcome(card_id, set_aside)]
        rest = [card_id for card_id in card_ids if self._welcome(card_id, set_aside)]
        self.queue.extend(rest, drills)

    def _welcome(self, card_id: str, set_aside: frozenset[str]) -> bool:
        if self.cards[card_id].kind is not CardKind.REFLECTION:
            return True
        if card_id in set_aside:
            return False
        if card_id not in self.reflections:
            if len(self.reflections) >= self.reflections_allowed:
                return False
            self.reflections.add(card_id)
        return True
