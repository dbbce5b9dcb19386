"""Which cards today holds, in practice order, and how many are waiting.

Counts come from indexes: every matching schedule, less the few parked (retired or suspended)
cards among them, which a small partial index lists; joining each due card to its content row
instead takes a third of a second at 100,000 cards. All of it is read on the store's kept
connection, as ``storage/statements``' plain text, without SQLAlchemy: the first card of the day
waits for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.srs.answer_rules import Schedule
from imperfect_trainer.deck.srs.scheduling import DRILL_BELOW_GRADE
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.stored_values import schedule_from_row

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store


@dataclass(frozen=True, slots=True)
class PracticeCard:
    """A card as the practice shows it."""

    id: str
    kind: CardKind
    section: str
    front: str
    back: str
    tags: tuple[str, ...]
    personal_note: str | None
    # The schedule as read with the card: its buttons preview answers on it, and the answer is
    # written only if the stored schedule is still this one.
    schedule: Schedule

    @property
    def state(self) -> Sm2State:
        return self.schedule.sm2

    @property
    def due_day(self) -> dt.date | None:
        return self.schedule.due_day

    @property
    def is_new(self) -> bool:
        return self.due_day is None


@dataclass(frozen=True, slots=True)
class TodaysPractice:
    """What today holds: cards in order (missed-earlier drills, due, then new) and the counts."""

    day: dt.date
    cards: list[PracticeCard]
    drill_ids: list[str]
    due_count: int
    new_count: int
    # Of the due and new cards above, the reflections (a practice takes in only a few).
    reflections: int = 0

    @property
    def available(self) -> int:
        return len(self.drill_ids) + self.due_count + self.new_count


@dataclass(frozen=True, slots=True)
class CardCounts:
    cards: int
    due_today: int
    new_waiting: int


# Enough for a quick answerer's five minutes; a longer practice tops up (``Practice``), and
# building each card's SM-2 state costs the first card's wait.
CARDS_AT_ONCE = 40


class TodaysCards:
    def __init__(self, store: Store) -> None:
        self.store = store

    def practice(self, now: dt.datetime, *, limit: int = CARDS_AT_ONCE) -> TodaysPractice:
        """Today's cards in practice order: earlier misses, then due (most overdue, hardest
        first), then new cards up to the daily limit. ``limit`` bounds how many are loaded."""
        sql = self.store.plain_sql
        today = self.store.practice_day(now).isoformat()
        with self.store.quick_transaction() as cursor:
            pending = {"today": today, "below": DRILL_BELOW_GRADE}
            drill_ids = [row[0] for row in cursor.execute(sql.drills_pending, pending)]
            (due_count,) = cursor.execute(sql.count_due, {"today": today}).fetchone()
            (introduced_today,) = cursor.execute(sql.introduced_on, {"today": today}).fetchone()
            new_allowed = max(0, int(self.store.setting("new_cards_per_day")) - introduced_today)
            new_count = min(new_allowed, cursor.execute(sql.count_new).fetchone()[0])
            (reflections,) = cursor.execute(
                sql.reflections_today, {"today": today, "new_count": new_count}
            ).fetchone()
            rows: list[tuple[Any, ...]] = []
            for card_id in drill_ids:
                rows += cursor.execute(sql.practice_card, {"card_id": card_id}).fetchall()
            rows += cursor.execute(sql.due_cards, {"today": today, "limit": limit}).fetchall()
            if new_count and len(rows) < limit:
                wanted = min(new_count, limit - len(rows))
                rows += cursor.execute(sql.new_cards, {"limit": wanted}).fetchall()
        by_id = {row[0]: _practice_card(row) for row in rows}
        drills = [card_id for card_id in drill_ids if card_id in by_id]
        ordered = [by_id[card_id] for card_id in drills]
        ordered += [by_id[row[0]] for row in rows if row[0] not in drills]
        return TodaysPractice(
            self.store.practice_day(now),
            ordered,
            drills,
            int(due_count),
            new_count,
            int(reflections),
        )

    def card(self, card_id: str) -> PracticeCard:
        with self.store.quick_transaction() as cursor:
            sql = self.store.plain_sql.practice_card
            row = cursor.execute(sql, {"card_id": card_id}).fetchone()
        if row is None:
            raise KeyError(card_id)
        return _practice_card(row)

    def set_aside(self, card_id: str, day: dt.date | None) -> None:
        """Keep on disk that the reflection ``card_id`` was left with "Not today" on ``day``
        (None: taken back), so that no practice offers it again that day, even after a
        restart. Its schedule is left alone."""
        with self.store.quick_transaction() as cursor:
            self.store.mark_written()
            cursor.execute(
                self.store.plain_sql.set_aside,
                {"card_id": card_id, "day": None if day is None else day.isoformat()},
            )

    def set_aside_on(self, day: dt.date) -> frozenset[str]:
        """The reflections left with "Not today" on ``day``."""
        with self.store.quick_transaction() as cursor:
            sql = self.store.plain_sql.set_aside_on
            rows = cursor.execute(sql, {"today": day.isoformat()}).fetchall()
        return frozenset(str(card_id) for (card_id,) in rows)

    def counts(self, now: dt.datetime) -> CardCounts:
        sql = self.store.plain_sql
        today = {"today": self.store.practice_day(now).isoformat()}
        with self.store.quick_transaction() as cursor:
            return CardCounts(
                int(cursor.execute(sql.count_active).fetchone()[0]),
                int(cursor.execute(sql.count_due, today).fetchone()[0]),
                int(cursor.execute(sql.count_new).fetchone()[0]),
            )


def _practice_card(row: tuple[Any, ...]) -> PracticeCard:
    card_id, kind, section, front, back, tags, note = row[:7]
    return PracticeCard(
        id=card_id,
        kind=CardKind(kind),
        section=section,
        front=front,
        back=back,
        tags=tuple(tags.split()),
        personal_note=note,
        schedule=schedule_from_row(row[7:]),
    )
