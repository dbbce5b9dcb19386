"""One card's answers, for the Cards page: its history newest first (a table in its own
dialog), and the card in full beside the table with that history in a sentence or two.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from imperfect_trainer.deck.storage.models import Card, PracticeSession, Review
from imperfect_trainer.deck.store import Store


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One answer in a card's history."""

    reviewed_at: dt.datetime
    practice_day: dt.date
    grade: int | None  # None: a reflection written, not graded
    drill: bool
    session_kind: str | None
    interval_before: int
    interval_after: int
    easiness_after: int
    seconds: float


def _history(session: Session, card_id: str) -> list[HistoryEntry]:
    query = (
        select(
            Review.reviewed_at,
            Review.practice_day,
            Review.grade,
            Review.drill,
            PracticeSession.kind,
            Review.interval_before,
            Review.interval_after,
            Review.easiness_after,
            Review.duration_ms,
        )
        .outerjoin(PracticeSession, PracticeSession.id == Review.session_id)
        .where(Review.card_id == card_id)
        .order_by(Review.reviewed_at.desc(), Review.id.desc())
    )
    return [
        HistoryEntry(at, day, grade, drill, kind, before, after, easiness, ms / 1000)
        for at, day, grade, drill, kind, before, after, easiness, ms in session.execute(query)
    ]


def card_history(store: Store, card_id: str) -> list[HistoryEntry]:
    """Every answer given to a card, newest first."""
    with store.unit_of_work() as session:
        return _history(session, card_id)


@dataclass(frozen=True, slots=True)
class CardPreview:
    """A card in full, for reading beside the table: both sides, the note, the answers."""

    front: str
    back: str
    note: str
    history: list[HistoryEntry]


def card_preview(store: Store, card_id: str) -> CardPreview:
    """One card's text and history (``KeyError`` when it is gone)."""
    with store.unit_of_work() as session:
        found = session.execute(
            select(Card.front, Card.back, Card.personal_note).where(Card.id == card_id)
        ).one_or_none()
        if found is None:
            raise KeyError(card_id)
        front, back, note = found
        return CardPreview(front, back, note or "", _history(session, card_id))
