"""What a supervision report holds, gathered for a period: practice, mastery, goals, and only
the journal entries the person chose to share.

A supervisor on a programme's server makes the same report on one of their trainees
(``trainee_report``) from what the supervision views show them: days and minutes, mastery per
section, and the goals and journal entries the trainee ticked "Share with my supervisor". The
rest of a person's own report (answers, retention, the hard ideas) is not the supervisor's to
read, so it is left out rather than guessed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import func, select

from imperfect_trainer.deck.features import journal, statistics, supervision
from imperfect_trainer.deck.features.goals import Goal, list_goals
from imperfect_trainer.deck.storage.models import Card, CardState, JournalEntry, Review
from imperfect_trainer.deck.store import Store

HARD_IDEAS_SHOWN = 8


@dataclass(frozen=True, slots=True)
class HardIdea:
    """A card that keeps feeling hard (``statistics.is_hard``); a card whose latest graded
    answer in the report's period was 4 or 5 was just answered well, and is not one, nor is a
    reflection (it is written, not graded)."""

    front: str
    section: str
    lapses: int


@dataclass(frozen=True, slots=True)
class SharedEntry:
    day: dt.date
    kind: str
    card_front: str | None
    text: str


@dataclass(frozen=True, slots=True)
class JournalChoice:
    """A journal entry as offered for ticking: enough to recognise it, nothing more."""

    id: int
    day: dt.date
    kind: str
    preview: str


@dataclass(frozen=True, slots=True)
class SupervisionReport:
    first: dt.date
    last: dt.date
    days_practised: int
    minutes: float
    # None in a report on a trainee: the supervision views do not show them.
    answers: int | None
    cards_reviewed: int | None
    retention: float | None
    sections: list[statistics.SectionMastery]
    hard_ideas: list[HardIdea]
    goals: Sequence[Goal | supervision.SharedGoal]
    journal: list[SharedEntry]
    # Whose report: None for the person's own, else the trainee a supervisor reports on.
    trainee: str | None = field(default=None)


def journal_choices(store: Store, first: dt.date, last: dt.date) -> list[JournalChoice]:
    """The period's journal entries, newest first, for the person to tick (none by default)."""
    with store.unit_of_work() as session:
        rows = session.execute(
            select(JournalEntry.id, JournalEntry.practice_day, JournalEntry.kind, JournalEntry.text)
            .where(JournalEntry.practice_day.between(first, last), journal.written())
            .order_by(JournalEntry.practice_day.desc(), JournalEntry.id.desc())
        )
        return [JournalChoice(id_, day, kind, _preview(text)) for id_, day, kind, text in rows]


def gather_report(
    store: Store, first: dt.date, last: dt.date, shared_journal: Collection[int] = ()
) -> SupervisionReport:
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    numbers = statistics.gather(store, last, period_days=(last - first).days + 1)
    with store.unit_of_work() as session:
        cards_reviewed = (
            session.scalar(
                select(func.count(func.distinct(Review.card_id))).where(
                    Review.practice_day.between(first, last)
                )
            )
            or 0
        )
        hard = [
            HardIdea(front, section, lapses)
            for front, section, lapses in session.execute(
                select(Card.front, Card.section, CardState.lapses)
                .join(CardState, CardState.card_id == Card.id)
                .where(
                    Card.retired.is_(False),
                    CardState.due_day.is_not(None),
                    statistics.is_hard(),
                    Card.id.not_in(statistics.never_still_hard(first, last)),
                )
                .order_by(CardState.easiness_hundredths, CardState.lapses.desc(), Card.position)
                .limit(HARD_IDEAS_SHOWN)
            )
        ]
        journal = []
        if shared_journal:
            journal = [
                SharedEntry(day, kind, front, text)
                for day, kind, front, text in session.execute(
                    select(
                        JournalEntry.practice_day, JournalEntry.kind, Card.front, JournalEntry.text
                    )
                    .outerjoin(Card, Card.id == JournalEntry.card_id)
                    .where(JournalEntry.id.in_(list(shared_journal)))
                    .order_by(JournalEntry.practice_day, JournalEntry.id)
                )
            ]
    return SupervisionReport(
        first=first,
        last=last,
        days_practised=numbers.days_practised,
        minutes=numbers.minutes,
        answers=numbers.answers,
        cards_reviewed=cards_reviewed,
        retention=numbers.retention,
        sections=[s for s in numbers.sections if s.cards],
        hard_ideas=hard,
        goals=list_goals(store),
        journal=journal,
    )


def trainee_report(store: Store, trainee: str, first: dt.date, last: dt.date) -> SupervisionReport:
    """A supervisor's report on one trainee for a period: their practice and mastery, the goals
    they share, and the journal entries of the period they share (newest last, as in a
    person's own report)."""
    if last < first:
        raise ValueError(f"the period ends ({last}) before it starts ({first})")
    seen = supervision.overview(store, trainee, first, last)
    return SupervisionReport(
        first=first,
        last=last,
        days_practised=seen.days_between(first, last),
        minutes=seen.minutes_between(first, last),
        answers=None,
        cards_reviewed=None,
        retention=None,
        sections=[
            statistics.SectionMastery(s.section, s.cards, s.new, s.settled, hard=0)
            for s in seen.sections
            if s.cards
        ],
        hard_ideas=[],
        goals=list(seen.goals),
        journal=[
            SharedEntry(entry.practice_day, entry.kind, None, entry.text)
            for entry in sorted(seen.journal, key=lambda entry: (entry.practice_day, entry.id))
            if first <= entry.practice_day <= last
        ],
        trainee=trainee,
    )


def _preview(text: str, length: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"
