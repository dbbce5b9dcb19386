"""The journal: every typed reflection, debrief note and free entry, newest first, to read,
edit or delete. A debrief saved without a note is no journal entry: it is kept only as the
record of what happened and of the practice that followed, and never listed."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, replace

from sqlalchemy import ColumnElement, delete, or_, select, update
from sqlalchemy.orm import Session

from imperfect_trainer.deck.features.debrief import SITUATIONS, situation_label
from imperfect_trainer.deck.storage.models import (
    Card,
    DebriefSituation,
    JournalEntry,
    PracticeSession,
    Review,
)
from imperfect_trainer.deck.storage.removal_statements import Removal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import texts_apart
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.deck.sync.versioned_rows import ENTRIES


@dataclass(frozen=True, slots=True)
class PractisedCard:
    front: str
    grade: int | None  # None: a reflection written


@dataclass(frozen=True, slots=True)
class JournalItem:
    id: int
    kind: str  # "reflection", "debrief" or "note" (a free entry)
    created_at: dt.datetime
    updated_at: dt.datetime
    text: str
    # The card a reflection answered (None for a debrief, or once an own card was deleted).
    card_front: str | None
    # A debrief's situations and the cards practised straight after it.
    situations: tuple[str, ...] = ()
    practised: tuple[PractisedCard, ...] = ()
    # "Share with my supervisor": only on a programme's server does anyone else ever see it.
    shared: bool = False
    # Its texts written on two computers while apart that lost to the one it holds, not yet
    # added to it or done with (the sync keeps them all).
    written_apart: tuple[TextApart, ...] = ()


def entries(store: Store, search: str = "") -> list[JournalItem]:
    """The journal, newest first; ``search`` keeps entries whose text, card or situations hold
    every word typed (any case). A journal holds hundreds of entries, not millions, so the
    search runs over the loaded entries and finds words in situation labels too."""
    query = (
        select(
            JournalEntry.id,
            JournalEntry.kind,
            JournalEntry.created_at,
            JournalEntry.updated_at,
            JournalEntry.text,
            Card.front,
            JournalEntry.session_id,
            JournalEntry.shared,
        )
        .outerjoin(Card, Card.id == JournalEntry.card_id)
        .where(written())
        .order_by(JournalEntry.created_at.desc(), JournalEntry.id.desc())
    )
    with store.unit_of_work() as session:
        rows = session.execute(query).all()
        situations = _situations(session)
        practised = _practised_after(session)
        apart = texts_apart.unseen(session.connection(), ENTRIES)
    items = [
        JournalItem(
            entry_id,
            kind,
            created,
            updated,
            text,
            front,
            tuple(situations.get(entry_id, ())),
            practised.get(session_id, ()) if kind == "debrief" and session_id else (),
            shared,
            # Added to the entry already (here, or on another computer): nothing to show.
            texts_apart.not_in(text, apart.get(str(entry_id), ())),
        )
        for entry_id, kind, created, updated, text, front, session_id, shared in rows
    ]
    words = search.casefold().split()
    if not words:
        return items
    return [item for item in items if all(word in _searchable(item) for word in words)]


def _searchable(item: JournalItem) -> str:
    labels = " ".join(situation_label(tag) for tag in item.situations)
    return f"{item.text}\n{item.card_front or ''}\n{labels}".casefold()


def _situations(session: Session) -> dict[int, list[str]]:
    order = {situation.tag: n for n, situation in enumerate(SITUATIONS)}
    found: dict[int, list[str]] = {}
    for entry_id, tag in session.execute(
        select(DebriefSituation.entry_id, DebriefSituation.situation)
    ):
        found.setdefault(entry_id, []).append(tag)
    for tags in found.values():
        tags.sort(key=lambda tag: order.get(tag, len(order)))
    return found


def _practised_after(session: Session) -> dict[int | None, tuple[PractisedCard, ...]]:
    """The answers of every debrief practice, by practice (session) id, in order given."""
    query = (
        select(Review.session_id, Card.front, Review.grade)
        .join(Card, Card.id == Review.card_id)
        .join(PracticeSession, PracticeSession.id == Review.session_id)
        .where(PracticeSession.kind == "debrief")
        .order_by(Review.id)
    )
    found: dict[int | None, list[PractisedCard]] = {}
    for session_id, front, grade in session.execute(query):
        found.setdefault(session_id, []).append(PractisedCard(front, grade))
    return {session_id: tuple(cards) for session_id, cards in found.items()}


def update_text(store: Store, entry_id: int, text: str, now: dt.datetime) -> None:
    with store.unit_of_work() as session:
        session.execute(
            update(JournalEntry)
            .where(JournalEntry.id == entry_id)
            .values(text=text.strip(), updated_at=now)
        )


def add_text_apart(store: Store, entry_id: int, key: str, now: dt.datetime) -> str | None:
    """Add the text written apart ``key`` to the end of the entry's own, saved as an edit (so
    it syncs as one), and show it no more; returns the entry's text now (None, changing
    nothing, when the entry is gone: deleted by a sync meanwhile)."""
    with store.unit_of_work() as session:
        connection = session.connection()
        text = session.scalars(select(JournalEntry.text).where(JournalEntry.id == entry_id)).first()
        if text is None:
            return None
        return texts_apart.add(
            connection,
            key,
            text,
            lambda added: session.execute(
                update(JournalEntry)
                .where(JournalEntry.id == entry_id)
                .values(text=added, updated_at=now)
            ),
        )


def without(item: JournalItem, done: TextApart) -> JournalItem:
    """The entry once the text written apart ``done`` was added to it or done with."""
    return replace(
        item, written_apart=tuple(other for other in item.written_apart if other.key != done.key)
    )


def delete_entry(store: Store, entry_id: int) -> None:
    """Delete one entry (a debrief's situations go with it); the answers it came from stay."""
    with store.unit_of_work() as session:
        session.execute(Removal(delete(JournalEntry).where(JournalEntry.id == entry_id)))


def set_shared(store: Store, entry_id: int, shared: bool) -> None:
    """Tick or untick "Share with my supervisor" for one entry; taking it back hides it from
    the supervisor at once (their view reads the tick, never a copy)."""
    with store.unit_of_work() as session:
        session.execute(
            update(JournalEntry).where(JournalEntry.id == entry_id).values(shared=shared)
        )


FREE_ENTRY = "note"


def written() -> ColumnElement[bool]:
    """The entries a person wrote: every one but a debrief saved without a note."""
    return or_(JournalEntry.kind != "debrief", JournalEntry.text != "")


def add_free_entry(store: Store, text: str, now: dt.datetime) -> int:
    """Write a journal entry of the person's own, about nothing in particular; returns its id."""
    if not text.strip():
        raise ValueError("a journal entry needs some words")
    with store.unit_of_work() as session:
        entry = JournalEntry(
            kind=FREE_ENTRY,
            practice_day=store.practice_day(now),
            created_at=now,
            updated_at=now,
            text=text.strip(),
        )
        session.add(entry)
        session.flush()
        return entry.id
