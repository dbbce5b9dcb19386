"""After a hard session: the situations from the seed, the debrief note, and the cards to drill.

A debrief is a journal entry of kind "debrief" (its note, possibly empty) with the situations
picked beside it. The two minutes of practice that may follow are a practice of kind "debrief"
whose answers are all drill (``Practice.start(..., card_ids=...)``): logged, schedules untouched.
The entry points at that practice, so the journal shows the two together.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

DEBRIEF_SECONDS = 120
# Enough cards for two minutes at about 30 seconds a card, with room for a repeat or two.
DEBRIEF_CARDS = 6


@dataclass(frozen=True, slots=True)
class Situation:
    tag: str
    label: str


# What can go wrong in a session, in the seed's words; each tag is a tag of the built-in deck.
SITUATIONS = (
    Situation("late-client", "The client arrived late"),
    Situation("intoxicated-client", "The client arrived intoxicated"),
    Situation("dropout-threat", "The client threatened to drop out"),
    Situation("relapse", "A relapse"),
    Situation("rupture", "A rupture between us"),
    Situation("no-progress", "No progress, or it feels that way"),
    Situation("over-preparation", "I over-prepared"),
    Situation("rumination", "I keep replaying it"),
)
_LABELS = {situation.tag: situation.label for situation in SITUATIONS}


def situation_label(tag: str) -> str:
    return _LABELS.get(tag, tag.replace("-", " "))


def save_debrief(store: Store, situations: Sequence[str], note: str, now: dt.datetime) -> int:
    """Keep a debrief in the journal; returns its entry id."""
    from imperfect_trainer.deck.storage.models import DebriefSituation, JournalEntry

    unknown = [tag for tag in situations if tag not in _LABELS]
    if unknown:
        raise ValueError(f"unknown situation {unknown[0]!r}")
    with store.unit_of_work() as session:
        entry = JournalEntry(
            kind="debrief",
            practice_day=store.practice_day(now),
            created_at=now,
            updated_at=now,
            text=note.strip(),
        )
        session.add(entry)
        session.flush()
        session.add_all(
            DebriefSituation(entry_id=entry.id, situation=tag) for tag in dict.fromkeys(situations)
        )
        return entry.id


def attach_practice(store: Store, entry_id: int, session_id: int) -> None:
    """Link the debrief to the short practice that followed it."""
    from sqlalchemy import update

    from imperfect_trainer.deck.storage.models import JournalEntry

    with store.unit_of_work() as session:
        session.execute(
            update(JournalEntry).where(JournalEntry.id == entry_id).values(session_id=session_id)
        )


def cards_for(store: Store, situations: Sequence[str], *, limit: int = DEBRIEF_CARDS) -> list[str]:
    """Cards tagged for the situations: most matching tags first, then the ones seen least
    recently, so a second debrief about the same thing brings different cards."""
    from sqlalchemy import case, func, literal, or_, select

    from imperfect_trainer.deck.storage.models import Card, Review

    if not situations:
        return []
    padded = literal(" ") + Card.tags + literal(" ")
    tagged = [padded.contains(f" {tag} ") for tag in situations]
    matches = sum((case((condition, 1), else_=0) for condition in tagged), start=literal(0))
    last_seen = (
        select(func.max(Review.reviewed_at))
        .where(Review.card_id == Card.id)
        .correlate(Card)
        .scalar_subquery()
    )
    query = (
        select(Card.id)
        .where(
            Card.retired.is_(False),
            Card.suspended.is_(False),
            or_(*tagged),
        )
        .order_by(matches.desc(), last_seen.asc().nulls_first(), Card.position)
        .limit(limit)
    )
    with store.unit_of_work() as session:
        return list(session.scalars(query))
