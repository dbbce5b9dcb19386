"""Which cards today holds, in practice order, and how many are waiting.

Counts come from indexes: every matching schedule, less the few parked (retired or suspended)
cards among them, which a small partial index lists; joining each due card to its content row
instead takes a third of a second at 100,000 cards. All of it is read on the store's kept
connection, without SQLAlchemy: the first card of the day waits for it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.srs.answer_rules import Schedule
from imperfect_trainer.deck.srs.scheduling import DRILL_BELOW_GRADE
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.plain_statements import PlainCursor
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
        today = self.store.practice_day(now).isoformat()
        with self.store.quick_transaction() as cursor:
            drill_ids = [
                row[0] for row in cursor.execute(_DRILL_PENDING, (today, DRILL_BELOW_GRADE))
            ]
            due_count = _active_count(cursor, "due_day <= ?", (today,))
            (introduced_today,) = cursor.execute(_INTRODUCED, (today,)).fetchone()
            new_allowed = max(0, int(self.store.setting("new_cards_per_day")) - introduced_today)
            new_count = min(new_allowed, _active_count(cursor, "due_day IS NULL", ()))
            (reflections,) = cursor.execute(_REFLECTIONS, (today, new_count)).fetchone()
            rows: list[tuple[Any, ...]] = []
            if drill_ids:
                marks = ", ".join("?" * len(drill_ids))
                rows += cursor.execute(f"{_CARDS} WHERE c.id IN ({marks})", drill_ids).fetchall()
            rows += cursor.execute(_DUE, (today, limit)).fetchall()
            if new_count and len(rows) < limit:
                rows += cursor.execute(_NEW, (min(new_count, limit - len(rows)),)).fetchall()
        by_id = {row[0]: _practice_card(row) for row in rows}
        drills = [card_id for card_id in drill_ids if card_id in by_id]
        ordered = [by_id[card_id] for card_id in drills]
        ordered += [by_id[row[0]] for row in rows if row[0] not in drills]
        return TodaysPractice(
            self.store.practice_day(now), ordered, drills, due_count, new_count, int(reflections)
        )

    def card(self, card_id: str) -> PracticeCard:
        with self.store.quick_transaction() as cursor:
            row = cursor.execute(f"{_CARDS} WHERE c.id = ?", (card_id,)).fetchone()
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
                "UPDATE card_states SET set_aside_day = ? WHERE card_id = ?",
                (None if day is None else day.isoformat(), card_id),
            )

    def set_aside_on(self, day: dt.date) -> frozenset[str]:
        """The reflections left with "Not today" on ``day``."""
        with self.store.quick_transaction() as cursor:
            rows = cursor.execute(
                "SELECT card_id FROM card_states WHERE set_aside_day = ?", (day.isoformat(),)
            ).fetchall()
        return frozenset(str(card_id) for (card_id,) in rows)

    def counts(self, now: dt.datetime) -> CardCounts:
        today = self.store.practice_day(now).isoformat()
        with self.store.quick_transaction() as cursor:
            return CardCounts(
                _active_count(cursor, "TRUE", ()),
                _active_count(cursor, "due_day <= ?", (today,)),
                _active_count(cursor, "due_day IS NULL", ()),
            )


# Plain statements on the kept connection (see ``Store.quick_transaction``); days are ISO text.
_CARDS = (
    "SELECT c.id, c.kind, c.section, c.front, c.back, c.tags, c.personal_note, s.repetitions,"
    " s.easiness_hundredths, s.interval_days, s.due_day, s.last_review_day, s.introduced_day,"
    " s.review_count, s.lapses"
    " FROM cards AS c JOIN card_states AS s ON s.card_id = c.id"
)
_DUE = (
    f"{_CARDS} WHERE s.due_day <= ? AND NOT c.retired AND NOT c.suspended"
    " ORDER BY s.due_day, s.easiness_hundredths, c.position LIMIT ?"
)
_NEW = (
    f"{_CARDS} WHERE s.due_day IS NULL AND NOT c.retired AND NOT c.suspended"
    " ORDER BY c.position LIMIT ?"
)
_INTRODUCED = "SELECT count(*) FROM card_states WHERE introduced_day = ?"
# The reflections among the due cards and among the new cards today brings in (through the
# small partial index of reflection cards, ix_cards_reflections).
_REFLECTIONS = (
    "SELECT (SELECT count(*) FROM cards AS c JOIN card_states AS s ON s.card_id = c.id"
    " WHERE c.kind = 'reflection' AND s.due_day <= ? AND NOT c.retired AND NOT c.suspended)"
    " + (SELECT count(*) FROM (SELECT c.kind FROM cards AS c JOIN card_states AS s"
    " ON s.card_id = c.id WHERE s.due_day IS NULL AND NOT c.retired AND NOT c.suspended"
    " ORDER BY c.position LIMIT ?) AS new WHERE new.kind = 'reflection')"
)
# Cards whose latest answer today was below the drill mark: they still need a repeat.
_DRILL_PENDING = (
    "SELECT r.card_id FROM reviews AS r JOIN (SELECT card_id, max(id) AS last_id FROM reviews"
    " WHERE practice_day = ? GROUP BY card_id) AS latest ON r.id = latest.last_id"
    " WHERE r.grade < ? ORDER BY r.id"
)
# Every matching schedule, less the few parked cards among them: IN, not a join, so SQLite walks
# the small partial index ix_cards_parked (its WHERE written exactly) instead of each due card.
_COUNT = "SELECT count(*) FROM card_states WHERE {condition}"
_PARKED_COUNT = (
    "SELECT count(*) FROM card_states WHERE {condition} AND card_id IN"
    " (SELECT id FROM cards WHERE retired IS 1 OR suspended IS 1)"
)


def _active_count(cursor: PlainCursor, condition: str, parameters: tuple[str, ...]) -> int:
    """Cards matching ``condition`` (on their schedule) that are neither retired nor suspended."""
    (every,) = cursor.execute(_COUNT.format(condition=condition), parameters).fetchone()
    (parked,) = cursor.execute(_PARKED_COUNT.format(condition=condition), parameters).fetchone()
    return int(every) - int(parked)


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
