"""The deck browser's data: every card as a light row, the filter, and the card-level actions.

Rows come from one query straight into named tuples, so 100,000 cards load without building
ORM objects. Filtering is a pure function over those rows (the window's proxy model
asks it once per keystroke, not once per row), and the actions are one transaction each.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from imperfect_trainer.deck.srs.sm2 import START_EASINESS_HUNDREDTHS
from imperfect_trainer.deck.storage.batches import chunked
from imperfect_trainer.deck.storage.models import Card, CardState, PracticeSession, Review
from imperfect_trainer.deck.store import Store


class BrowserRow(NamedTuple):
    """A card as the browser holds it: a tuple straight from the database cursor, with names
    (building 100,000 ORM objects or dataclasses would double the load time)."""

    id: str
    kind: str
    front: str
    section: str
    tags: str  # space-separated
    due: str | None  # an ISO date ("2026-11-23", sorts as text); None for a new card
    interval: int
    easiness: int  # the E-Factor in hundredths
    reviews: int
    lapses: int
    suspended: int  # 0 or 1
    own: int  # 0 or 1


class Status(StrEnum):
    ALL = "all"
    ACTIVE = "active"
    SUSPENDED = "suspended"


class Origin(StrEnum):
    ALL = "all"
    BUILTIN = "builtin"
    OWN = "own"


@dataclass(frozen=True, slots=True)
class CardFilter:
    """What the browser shows: every word of ``text`` in the front, section or tags, and the
    chosen kind, section, tag, status and origin (``None`` or ``ALL``: any)."""

    text: str = ""
    kind: str | None = None
    section: str | None = None
    tag: str | None = None
    status: Status = Status.ALL
    origin: Origin = Origin.ALL

    @property
    def is_empty(self) -> bool:
        return self == CardFilter()


def search_text(row: BrowserRow) -> str:
    """What a typed search looks through, folded once when the rows are loaded."""
    return f"{row.front}\n{row.section}\n{row.tags}".casefold()


# The casts make the same plain values on SQLite and PostgreSQL (text days, 0 or 1).
_ROWS_SQL = """
    SELECT c.id, c.kind, c.front, c.section, c.tags, CAST(s.due_day AS TEXT), s.interval_days,
           s.easiness_hundredths, s.review_count, s.lapses, CAST(c.suspended AS INTEGER),
           CAST(c.origin = 'own' AS INTEGER)
    FROM cards AS c JOIN card_states AS s ON s.card_id = c.id
    WHERE NOT c.retired
"""


def _rows(
    store: Store, session: Session, sql: str, parameters: Sequence[object] = ()
) -> list[BrowserRow]:
    # The driver's cursor, inside the unit of work's transaction: rows are built straight
    # from its plain tuples.
    cursor = store.file.cursor(session.connection())
    return list(map(BrowserRow._make, cursor.execute(store.file.sql(sql), parameters)))


def load_rows(store: Store) -> list[BrowserRow]:
    """Every card that is in the deck (retired built-in cards are left out), in deck order."""
    with store.unit_of_work() as session:
        return _rows(store, session, _ROWS_SQL + " ORDER BY c.position")


def reload_rows(store: Store, card_ids: Sequence[str]) -> dict[str, BrowserRow]:
    """Fresh rows for a few cards after an action, so the table updates them in place."""
    found: dict[str, BrowserRow] = {}
    with store.unit_of_work() as session:
        for chunk in chunked(card_ids):
            marks = ", ".join("?" * len(chunk))
            for row in _rows(store, session, f"{_ROWS_SQL} AND c.id IN ({marks})", chunk):
                found[row.id] = row
    return found


def matching(
    rows: Sequence[BrowserRow], texts: Sequence[str], wanted: CardFilter
) -> bytearray | None:
    """One byte per row, 1 where the row passes ``wanted``; ``None`` when every row passes.

    ``texts`` holds ``search_text`` of each row. Each condition narrows a list of row numbers in
    one comprehension, so the cost is a few passes over the rows, not a function call per row.
    """
    if wanted.is_empty:
        return None
    keep: Iterable[int] = range(len(rows))
    for word in wanted.text.casefold().split():
        keep = [i for i in keep if word in texts[i]]
    if wanted.kind is not None:
        keep = [i for i in keep if rows[i].kind == wanted.kind]
    if wanted.section is not None:
        keep = [i for i in keep if rows[i].section == wanted.section]
    if wanted.tag is not None:
        # Padded with spaces so "goal" does not match inside "goals".
        tag = f" {wanted.tag} "
        keep = [i for i in keep if tag in f" {rows[i].tags} "]
    if wanted.status is not Status.ALL:
        suspended = int(wanted.status is Status.SUSPENDED)
        keep = [i for i in keep if rows[i].suspended == suspended]
    if wanted.origin is not Origin.ALL:
        own = int(wanted.origin is Origin.OWN)
        keep = [i for i in keep if rows[i].own == own]
    mask = bytearray(len(rows))
    for i in keep:
        mask[i] = 1
    return mask


def facets(rows: Iterable[BrowserRow]) -> tuple[list[str], list[str], list[str]]:
    """The kinds, sections (in deck order) and tags (sorted) that occur, for the filter lists."""
    kinds: dict[str, None] = {}
    sections: dict[str, None] = {}
    tags: set[str] = set()
    for row in rows:
        kinds.setdefault(row.kind)
        sections.setdefault(row.section)
        tags.update(row.tags.split())
    return list(kinds), list(sections), sorted(tags)


def set_suspended(store: Store, card_ids: Sequence[str], suspended: bool, now: dt.datetime) -> None:
    """Suspend cards (they stay out of practice, their schedules kept) or bring them back."""
    with store.unit_of_work() as session:
        for chunk in chunked(card_ids):
            session.execute(
                update(Card)
                .where(Card.id.in_(chunk))
                .values(suspended=suspended, updated_at=now)
                .execution_options(synchronize_session=False)
            )


_PROGRESS = ("repetitions", "easiness_hundredths", "interval_days", "due_day")
_PROGRESS_DAYS = ("introduced_day", "last_review_day")


@dataclass(frozen=True, slots=True)
class SavedProgress:
    """The SM-2 columns of some cards as they were before a reset, to put back on undo."""

    states: tuple[dict[str, object], ...]

    @property
    def card_ids(self) -> list[str]:
        return [str(state["card_id"]) for state in self.states]


def reset_progress(store: Store, card_ids: Sequence[str]) -> SavedProgress:
    """Make cards new again (their answers stay in the history); returns what to restore.

    The review and lapse counts describe the history, which is kept, so they are left alone.
    """
    columns = [getattr(CardState, name) for name in ("card_id", *_PROGRESS, *_PROGRESS_DAYS)]
    states: list[dict[str, object]] = []
    with store.unit_of_work() as session:
        for chunk in chunked(card_ids):
            query = select(*columns).where(CardState.card_id.in_(chunk))
            states += [dict(row._mapping) for row in session.execute(query)]
            session.execute(
                update(CardState)
                .where(CardState.card_id.in_(chunk))
                .values(
                    repetitions=0,
                    easiness_hundredths=START_EASINESS_HUNDREDTHS,
                    interval_days=0,
                    due_day=None,
                    introduced_day=None,
                    last_review_day=None,
                )
                .execution_options(synchronize_session=False)
            )
    return SavedProgress(tuple(states))


def restore_progress(store: Store, saved: SavedProgress) -> None:
    """Undo a reset: every card gets back exactly the state it had (one executemany)."""
    if not saved.states:
        return
    with store.unit_of_work() as session:
        # An UPDATE of the mapped class with a list of dicts is SQLAlchemy's bulk update by
        # primary key.
        session.execute(update(CardState), list(saved.states))


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


def card_history(store: Store, card_id: str) -> list[HistoryEntry]:
    """Every answer given to a card, newest first."""
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
    with store.unit_of_work() as session:
        return [
            HistoryEntry(at, day, grade, drill, kind, before, after, easiness, ms / 1000)
            for at, day, grade, drill, kind, before, after, easiness, ms in session.execute(query)
        ]
