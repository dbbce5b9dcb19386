"""What a supervision report holds, gathered for a period: practice, mastery, goals, and only
the journal entries the person chose to share. Every figure and list comes from the period:
the practice figures from ``report_period`` (the same words the supervisor's screen uses), the
ideas still hard and the mastery as they stood at the period's end, read from the answers'
logged states, so an answer given after the period changes nothing in it.

A supervisor on a programme's server makes the same report on one of their trainees
(``trainee_report``) from what the supervision views show them: days and minutes, mastery per
section, and the goals and journal entries the trainee ticked "Share with my supervisor". The
rest of a person's own report (answers, retention, the hard ideas) is not the supervisor's to
read, so it is left out rather than guessed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Select, and_, case, func, or_, select

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import journal, statistics, supervision
from imperfect_trainer.deck.features.goals import Goal, list_goals
from imperfect_trainer.deck.features.report_period import Period, PracticeFigures, practice_figures
from imperfect_trainer.deck.features.supervision import SectionProgress
from imperfect_trainer.deck.srs.sm2 import PASSING_QUALITY
from imperfect_trainer.deck.storage.models import (
    HARD_EASINESS,
    HARD_LAPSES,
    SETTLED_DAYS,
    Card,
    JournalEntry,
    Review,
)
from imperfect_trainer.deck.store import Store

HARD_IDEAS_SHOWN = 8


@dataclass(frozen=True, slots=True)
class HardIdea:
    """A card answered in the report's period that still felt hard at its end: not settled,
    and a low E-Factor or two lapses by then (as ``statistics.is_hard`` says of today). A card
    whose latest graded answer in the period was 4 or 5 was just answered well, and is not
    one, nor is a reflection (it is written, not graded)."""

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
    practice: PracticeFigures
    # None in a report on a trainee: the supervision views do not show them.
    answers: int | None
    cards_reviewed: int | None
    retention: float | None
    # Per section of the deck: as at the period's end in a person's own report; as the
    # supervision views show it now in a report on a trainee (``mastery_today``).
    sections: list[SectionProgress]
    hard_ideas: list[HardIdea]
    goals: Sequence[Goal | supervision.SharedGoal]
    journal: list[SharedEntry]
    # Whose report: None for the person's own, else the trainee a supervisor reports on.
    trainee: str | None = field(default=None)

    @property
    def period(self) -> Period:
        return self.practice.period

    @property
    def first(self) -> dt.date:
        return self.practice.period.first

    @property
    def last(self) -> dt.date:
        return self.practice.period.last

    @property
    def days_practised(self) -> int:
        return self.practice.days_practised

    @property
    def minutes(self) -> float:
        return self.practice.minutes

    @property
    def mastery_today(self) -> bool:
        """Whether the mastery is today's rather than the period's end (a trainee's views)."""
        return self.trainee is not None


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
    """A person's own report on ``first`` to ``last``; of ``shared_journal``, only the entries
    written in the period are included."""
    period = Period(first, last)
    activity = statistics.gather_activity(store, last, period_days=period.days)
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
            for front, section, lapses in session.execute(_hard_at_end(first, last))
        ]
        sections = [
            SectionProgress(section, int(cards), int(cards) - int(met or 0), int(settled or 0))
            for section, cards, met, settled in session.execute(_mastery_at(last))
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
                    .where(
                        JournalEntry.id.in_(list(shared_journal)),
                        JournalEntry.practice_day.between(first, last),
                    )
                    .order_by(JournalEntry.practice_day, JournalEntry.id)
                )
            ]
    return SupervisionReport(
        practice=practice_figures(
            {day: a.minutes for day, a in activity.activity.items() if a.answers}, period
        ),
        answers=activity.answers,
        cards_reviewed=cards_reviewed,
        retention=activity.retention,
        sections=[s for s in sections if s.cards],
        hard_ideas=hard,
        goals=list_goals(store),
        journal=journal,
    )


def _latest_states(last: dt.date) -> Select[str, int]:
    """Each card's latest answer up to ``last`` that moved its schedule (a same-day repeat
    leaves it alone): its logged state after is the card's state at the period's end."""
    return (
        select(Review.card_id, func.max(Review.id).label("review_id"))
        .where(Review.practice_day <= last, Review.drill.is_(False))
        .group_by(Review.card_id)
    )


def _hard_at_end(first: dt.date, last: dt.date) -> Select[str, str, int]:
    """The cards answered in the period that felt hard at its end, hardest first."""
    latest = _latest_states(last).subquery()
    # A lapse: a failing grade on a card already scheduled (``answer_rules._lapse``).
    lapses = (
        select(Review.card_id, func.count().label("lapses"))
        .where(
            Review.practice_day <= last,
            Review.drill.is_(False),
            Review.grade < PASSING_QUALITY,
            Review.due_before.is_not(None),
        )
        .group_by(Review.card_id)
        .subquery()
    )
    lapse_count = func.coalesce(lapses.c.lapses, 0)
    answered_in_period = select(Review.card_id).where(Review.practice_day.between(first, last))
    return (
        select(Card.front, Card.section, lapse_count)
        .join(latest, latest.c.card_id == Card.id)
        .join(Review, Review.id == latest.c.review_id)
        .outerjoin(lapses, lapses.c.card_id == Card.id)
        .where(
            Card.retired.is_(False),
            Card.kind != CardKind.REFLECTION.value,
            Card.id.in_(answered_in_period),
            Card.id.not_in(statistics.answered_well(first, last)),
            Review.interval_after < SETTLED_DAYS,
            or_(Review.easiness_after < HARD_EASINESS, lapse_count >= HARD_LAPSES),
        )
        .order_by(Review.easiness_after, lapse_count.desc(), Card.position)
        .limit(HARD_IDEAS_SHOWN)
    )


def _mastery_at(last: dt.date) -> Select[str, int, int, int]:
    """Per section, in deck order: its cards, those met by ``last``, those settled by then."""
    latest = _latest_states(last).subquery()
    settled = and_(latest.c.review_id.is_not(None), Review.interval_after >= SETTLED_DAYS)
    return (
        select(
            Card.section,
            func.count(),
            func.count(latest.c.review_id),
            func.sum(case((settled, 1), else_=0)),
        )
        .select_from(Card)
        .outerjoin(latest, latest.c.card_id == Card.id)
        .outerjoin(Review, Review.id == latest.c.review_id)
        .where(Card.retired.is_(False))
        .group_by(Card.section)
        .order_by(func.min(Card.position))
    )


def trainee_report(store: Store, trainee: str, first: dt.date, last: dt.date) -> SupervisionReport:
    """A supervisor's report on one trainee for a period (``report_on``), read from ``store``."""
    return report_on(supervision.overview(store, trainee, first, last), first, last)


def report_on(
    seen: supervision.TraineeOverview, first: dt.date, last: dt.date
) -> SupervisionReport:
    """A supervisor's report on one trainee for a period, from what the server showed of them
    then: their practice and mastery, the goals they share, and the journal entries of the
    period they share (newest last, as in a person's own report)."""
    period = Period(first, last)
    return SupervisionReport(
        practice=practice_figures(seen.minutes_by_day, period),
        answers=None,
        cards_reviewed=None,
        retention=None,
        sections=[s for s in seen.sections if s.cards],
        hard_ideas=[],
        goals=list(seen.goals),
        journal=[
            SharedEntry(entry.practice_day, entry.kind, None, entry.text)
            for entry in sorted(seen.journal, key=lambda entry: (entry.practice_day, entry.id))
            if period.holds(entry.practice_day)
        ],
        trainee=seen.name,
    )


def _preview(text: str, length: int = 80) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= length else flat[: length - 1] + "…"
