"""Which cards today holds, in practice order, and how many are waiting.

Counts come from indexes: every matching schedule, less the few parked (retired or suspended)
cards among them, which a small partial index lists; joining each due card to its content row
instead takes a third of a second at 100,000 cards.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.srs import scheduling
from imperfect_trainer.deck.srs.sm2 import Sm2State
from imperfect_trainer.deck.storage.models import Card, CardState, Review

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

# Written exactly as ix_cards_parked's WHERE, so SQLite counts through that small partial index.
_PARKED = or_(Card.retired.is_(True), Card.suspended.is_(True))


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
    state: Sm2State
    due_day: dt.date | None

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

    @property
    def available(self) -> int:
        return len(self.drill_ids) + self.due_count + self.new_count


@dataclass(frozen=True, slots=True)
class CardCounts:
    cards: int
    due_today: int
    new_waiting: int


class TodaysCards:
    def __init__(self, store: Store) -> None:
        self.store = store

    def practice(self, now: dt.datetime, *, limit: int = 200) -> TodaysPractice:
        """Today's cards in practice order: earlier misses, then due (most overdue, hardest
        first), then new cards up to the daily limit. ``limit`` bounds how many are loaded."""
        today = self.store.practice_day(now)
        with self.store.unit_of_work() as session:
            drill_ids = _drill_pending(session, today)
            due_count = active_count(session, CardState.due_day <= today)
            introduced_today = (
                session.scalar(select(func.count()).where(CardState.introduced_day == today)) or 0
            )
            new_allowed = max(0, int(self.store.setting("new_cards_per_day")) - introduced_today)
            new_count = min(new_allowed, active_count(session, CardState.due_day.is_(None)))

            rows: list[tuple[Card, CardState]] = []
            if drill_ids:
                rows += _card_rows(session, select().where(Card.id.in_(drill_ids)))
            rows += _card_rows(
                session,
                select()
                .where(
                    CardState.due_day <= today,
                    Card.retired.is_(False),
                    Card.suspended.is_(False),
                )
                .order_by(CardState.due_day, CardState.easiness_hundredths, Card.position)
                .limit(limit),
            )
            if new_count and len(rows) < limit:
                rows += _card_rows(
                    session,
                    select()
                    .where(
                        CardState.due_day.is_(None),
                        Card.retired.is_(False),
                        Card.suspended.is_(False),
                    )
                    .order_by(Card.position)
                    .limit(min(new_count, limit - len(rows))),
                )
        by_id = {card.id: _practice_card(card, state) for card, state in rows}
        drills = [card_id for card_id in drill_ids if card_id in by_id]
        ordered = [by_id[card_id] for card_id in drills]
        ordered += [by_id[card.id] for card, _ in rows if card.id not in drills]
        return TodaysPractice(today, ordered, drills, due_count, new_count)

    def card(self, card_id: str) -> PracticeCard:
        with self.store.unit_of_work() as session:
            rows = _card_rows(session, select().where(Card.id == card_id))
        if not rows:
            raise KeyError(card_id)
        return _practice_card(*rows[0])

    def counts(self, now: dt.datetime) -> CardCounts:
        today = self.store.practice_day(now)
        with self.store.unit_of_work() as session:
            return CardCounts(
                active_count(session, None),
                active_count(session, CardState.due_day <= today),
                active_count(session, CardState.due_day.is_(None)),
            )


def active_count(session: Session, condition: Any) -> int:
    """Cards matching ``condition`` (on their schedule) that are neither retired nor suspended."""
    every = select(func.count()).select_from(CardState)
    # IN, not a join: SQLite then walks the small parked list instead of every due state.
    parked = (
        select(func.count())
        .select_from(CardState)
        .where(CardState.card_id.in_(select(Card.id).where(_PARKED)))
    )
    if condition is not None:
        every, parked = every.where(condition), parked.where(condition)
    return (session.scalar(every) or 0) - (session.scalar(parked) or 0)


def _drill_pending(session: Session, today: dt.date) -> list[str]:
    """Cards whose latest answer today was below the drill mark: they still need a repeat."""
    latest = (
        select(Review.card_id, func.max(Review.id).label("last_id"))
        .where(Review.practice_day == today)
        .group_by(Review.card_id)
        .subquery()
    )
    return list(
        session.scalars(
            select(Review.card_id)
            .join(latest, Review.id == latest.c.last_id)
            .where(Review.grade < scheduling.DRILL_BELOW_GRADE)
            .order_by(Review.id)
        )
    )


def _card_rows(session: Session, query: Any) -> list[tuple[Card, CardState]]:
    statement = query.add_columns(Card, CardState).select_from(Card).join(CardState)
    return [(row[0], row[1]) for row in session.execute(statement)]


def _practice_card(card: Card, state: CardState) -> PracticeCard:
    return PracticeCard(
        id=card.id,
        kind=CardKind(card.kind),
        section=card.section,
        front=card.front,
        back=card.back,
        tags=tuple(card.tags.split()),
        personal_note=card.personal_note,
        state=Sm2State.from_hundredths(
            state.repetitions, state.easiness_hundredths, state.interval_days
        ),
        due_day=state.due_day,
    )
