"""The collection's tables as typed SQLAlchemy models.

Schema changes go through Alembic migrations (``deck/migrations``); these models and the newest
migration must describe the same schema, which a test checks.
"""

from __future__ import annotations

import datetime as dt

from sqlalchemy import (
    Boolean,
    ColumnElement,
    Date,
    DateTime,
    Dialect,
    ForeignKey,
    FromClause,
    Index,
    Integer,
    String,
    Text,
    TypeDecorator,
    false,
    or_,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

from imperfect_trainer.deck.srs.sm2 import START_EASINESS_HUNDREDTHS


class UtcDateTime(TypeDecorator[dt.datetime]):
    """A moment, stored as UTC without an offset and always handed back timezone-aware."""

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("moments must be timezone-aware")
        return value.astimezone(dt.UTC).replace(tzinfo=None)

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        return None if value is None else value.replace(tzinfo=dt.UTC)


class Base(DeclarativeBase):
    pass


class Card(Base):
    """A card's content: built-in (from the shipped deck) or the person's own."""

    __tablename__ = "cards"
    # Covers the statistics' pass over the deck (deck/features/statistics.py), so it never reads the
    # wide rows holding the text.
    __table_args__ = (
        Index("ix_cards_stats", "id", "retired", "suspended", "section", "position"),
        # Only the few reflection cards: the statistics leave them out of "hard" without reading
        # every card's row.
        Index("ix_cards_reflections", "id", sqlite_where=text("kind = 'reflection'")),
        # Each section's first active card: the statistics order the sections as the deck does.
        Index("ix_cards_sections", "section", "position", sqlite_where=text("retired = 0")),
    )

    id: Mapped[str] = mapped_column(String(120), primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))
    source: Mapped[str] = mapped_column(String(60))
    section: Mapped[str] = mapped_column(String(200))
    front: Mapped[str] = mapped_column(Text)
    back: Mapped[str] = mapped_column(Text)
    # Space-separated; tags are lowercase words with hyphens, so a space never occurs inside one.
    tags: Mapped[str] = mapped_column(Text, default="")
    origin: Mapped[str] = mapped_column(String(10))  # "builtin" or "own"
    # New cards are introduced in this order: the deck's reading order, then own cards as added.
    position: Mapped[int] = mapped_column(Integer)
    retired: Mapped[bool] = mapped_column(Boolean, default=False)
    suspended: Mapped[bool] = mapped_column(Boolean, default=False)
    personal_note: Mapped[str | None] = mapped_column(Text, default=None)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)


def parked(cards: FromClause) -> ColumnElement[bool]:
    """A card set aside from every practice and count: retired, or suspended. The one place
    this is written (the partial index below and every statement that leaves such cards out)."""
    return or_(cards.c.retired.is_(True), cards.c.suspended.is_(True))


# Only the few retired or suspended cards: counts of active cards subtract these from an
# index-only count instead of joining every due card to its wide content row.
Index("ix_cards_parked", Card.__table__.c.id, sqlite_where=parked(Card.__table__))


class CardState(Base):
    """A card's SM-2 state and when it is next due (``due_day`` is empty for a new card)."""

    __tablename__ = "card_states"
    __table_args__ = (
        Index("ix_card_states_due", "due_day", "easiness_hundredths"),
        # "New cards introduced today" is counted at every start; without it, a full scan.
        Index("ix_card_states_introduced", "introduced_day"),
        # Only the few cards set aside with "Not today" (migration 0007).
        Index(
            "ix_card_states_set_aside",
            "set_aside_day",
            sqlite_where=text("set_aside_day IS NOT NULL"),
        ),
    )

    card_id: Mapped[str] = mapped_column(
        ForeignKey("cards.id", ondelete="CASCADE"), primary_key=True
    )
    repetitions: Mapped[int] = mapped_column(Integer, default=0)
    easiness_hundredths: Mapped[int] = mapped_column(Integer, default=START_EASINESS_HUNDREDTHS)
    interval_days: Mapped[int] = mapped_column(Integer, default=0)
    due_day: Mapped[dt.date | None] = mapped_column(Date, default=None)
    introduced_day: Mapped[dt.date | None] = mapped_column(Date, default=None)
    # The practice day of the last graded (non-drill) answer: a second answer that day is a drill.
    last_review_day: Mapped[dt.date | None] = mapped_column(Date, default=None)
    review_count: Mapped[int] = mapped_column(Integer, default=0)
    lapses: Mapped[int] = mapped_column(Integer, default=0)
    # The practice day a reflection was left with "Not today": not offered again that day.
    set_aside_day: Mapped[dt.date | None] = mapped_column(Date, default=None)


class PracticeSession(Base):
    """One sitting: the daily five minutes, or a short practice after a hard session."""

    __tablename__ = "practice_sessions"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "daily" or "debrief"
    practice_day: Mapped[dt.date] = mapped_column(Date, index=True)
    started_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(UtcDateTime, default=None)
    planned_seconds: Mapped[int] = mapped_column(Integer)


class Review(Base):
    """One answer, with the state before and after so it can be undone exactly."""

    __tablename__ = "reviews"
    __table_args__ = (Index("ix_reviews_card", "card_id", "reviewed_at"),)

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    card_id: Mapped[str] = mapped_column(ForeignKey("cards.id", ondelete="CASCADE"))
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="SET NULL"), default=None
    )
    reviewed_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    practice_day: Mapped[dt.date] = mapped_column(Date, index=True)
    # 0-5, as SM-2 grades recall; empty for a reflection written instead of graded (its text is
    # the journal entry linked to this answer; ``answer_rules`` schedules it on its own ladder).
    grade: Mapped[int | None] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)
    # A same-day repeat (of a card graded below 4, or in a debrief's practice): logged, but the
    # schedule is left alone.
    drill: Mapped[bool] = mapped_column(Boolean)
    repetitions_before: Mapped[int] = mapped_column(Integer)
    easiness_before: Mapped[int] = mapped_column(Integer)
    interval_before: Mapped[int] = mapped_column(Integer)
    due_before: Mapped[dt.date | None] = mapped_column(Date)
    repetitions_after: Mapped[int] = mapped_column(Integer)
    easiness_after: Mapped[int] = mapped_column(Integer)
    interval_after: Mapped[int] = mapped_column(Integer)
    due_after: Mapped[dt.date | None] = mapped_column(Date)


# Tables kept by triggers from other tables: never exported, imported or edited directly.
DERIVED_TABLES = frozenset({"practice_days", "section_totals"})


class PracticeDay(Base):
    """Answers and time per practice day, kept in step with ``reviews`` by triggers (migration
    0003), so the statistics read a row per day instead of scanning the whole log."""

    __tablename__ = "practice_days"

    day: Mapped[dt.date] = mapped_column(Date, primary_key=True)
    answers: Mapped[int] = mapped_column(Integer)
    duration_ms: Mapped[int] = mapped_column(Integer)


# What a section's totals count (migration 0006 writes the same numbers into its triggers, and
# ``check`` compares the totals with a count made from these): a card whose interval has reached
# three weeks is "settled" (Anki calls this mature); one not settled with an E-Factor below
# HARD_EASINESS, or that has lapsed HARD_LAPSES times, is "hard".
SETTLED_DAYS = 21
HARD_EASINESS = 200
HARD_LAPSES = 2


class SectionTotal(Base):
    """A section's active cards and how many are new, settled and hard, kept in step with
    ``cards`` and ``card_states`` by triggers (migration 0006), so the statistics read a row per
    section instead of every card."""

    __tablename__ = "section_totals"

    section: Mapped[str] = mapped_column(String(200), primary_key=True)
    cards: Mapped[int] = mapped_column(Integer)
    new_cards: Mapped[int] = mapped_column(Integer)
    settled: Mapped[int] = mapped_column(Integer)
    hard: Mapped[int] = mapped_column(Integer)


class JournalEntry(Base):
    """Something the person wrote: a reflection answer or a debrief note."""

    __tablename__ = "journal_entries"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    kind: Mapped[str] = mapped_column(String(20))  # "reflection" or "debrief"
    card_id: Mapped[str | None] = mapped_column(
        ForeignKey("cards.id", ondelete="SET NULL"), default=None, index=True
    )
    review_id: Mapped[int | None] = mapped_column(
        ForeignKey("reviews.id", ondelete="SET NULL"), default=None, index=True
    )
    session_id: Mapped[int | None] = mapped_column(
        ForeignKey("practice_sessions.id", ondelete="SET NULL"), default=None
    )
    practice_day: Mapped[dt.date] = mapped_column(Date, index=True)
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    text: Mapped[str] = mapped_column(Text)
    # "Share with my supervisor" (a programme's server collection; migration 0005).
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Setting(Base):
    """One preference, its value kept as JSON text."""

    __tablename__ = "settings"

    key: Mapped[str] = mapped_column(String(60), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class DebriefSituation(Base):
    """One situation picked in a debrief ("after a hard session"); its note is the journal entry."""

    __tablename__ = "debrief_situations"

    entry_id: Mapped[int] = mapped_column(
        ForeignKey("journal_entries.id", ondelete="CASCADE"), primary_key=True
    )
    # The card tag the situation practises with, e.g. "late-client" (features/debrief.py has all).
    situation: Mapped[str] = mapped_column(String(40), primary_key=True)


class Goal(Base):
    """One of the person's (at most three) practice goals, with the seed's check beside it."""

    __tablename__ = "goals"

    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    # "healthy" (striving toward my potential), "never-enough" or "unsure"; empty until answered.
    striving: Mapped[str | None] = mapped_column(String(20), default=None)
    # Whether it has been talked through with a supervisor; empty until answered.
    discussed_in_supervision: Mapped[bool | None] = mapped_column(Boolean, default=None)
    note: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    updated_at: Mapped[dt.datetime] = mapped_column(UtcDateTime)
    # The practice day the goal was last looked at; the home screen suggests a look each month.
    revisited_day: Mapped[dt.date] = mapped_column(Date)
    # "Share with my supervisor" (a programme's server collection; migration 0005).
    shared: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
