"""The person's own cards: checking a draft, adding, editing and deleting them, and the personal
note a built-in card can carry (shown on its back during practice)."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from contextlib import closing
from dataclasses import dataclass, replace

from sqlalchemy import delete, func, select, update
from sqlalchemy.orm import Session

from imperfect_trainer.deck.content.cards import (
    MAX_BACK,
    MAX_FRONT,
    MAX_TAGS,
    OWN_SOURCE,
    TAG,
    CardContent,
    CardKind,
    own_card_id,
)
from imperfect_trainer.deck.storage.batches import chunked
from imperfect_trainer.deck.storage.models import Card, Review
from imperfect_trainer.deck.storage.removal_statements import Removal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import texts_apart
from imperfect_trainer.deck.sync.texts_apart import TextApart
from imperfect_trainer.deck.sync.versioned_rows import CARDS

OWN_SECTION = "My own cards"
MAX_SECTION = 200
MAX_NOTE = 1000
_STREAM_BATCH = 5_000


@dataclass(frozen=True, slots=True)
class OwnCardDraft:
    """What the card dialog holds; ``tags`` is the text as typed (commas or spaces between)."""

    kind: CardKind
    front: str
    back: str
    tags: str = ""
    section: str = OWN_SECTION


@dataclass(frozen=True, slots=True)
class Problem:
    """Why a draft cannot be saved yet; ``field`` names the dialog field to point at."""

    field: str
    message: str


class NotOwnCardError(ValueError):
    """Built-in cards come with the app and are not edited; they can carry a personal note."""


def parse_tags(text: str) -> tuple[str, ...]:
    """Tags as typed ("Late client, rumination") as deck tags ("late-client", "rumination")."""
    tags: list[str] = []
    for part in re.split(r"[,;\n]+", text):
        tag = "-".join(part.strip().casefold().split())
        if tag and tag not in tags:
            tags.append(tag)
    return tuple(tags)


def problems(store: Store, draft: OwnCardDraft, *, editing: str | None = None) -> list[Problem]:
    """Everything wrong with a draft, in the order of the dialog's fields; empty when fine."""
    found: list[Problem] = []
    front = draft.front.strip()
    if not front:
        found.append(Problem("front", "Write something on the front."))
    elif len(front) > MAX_FRONT:
        found.append(Problem("front", f"The front is {len(front)} characters; {MAX_FRONT} fit."))
    elif duplicate_of(store, front, editing=editing) is not None:
        found.append(Problem("front", "A card with this front is already in your deck."))
    back = draft.back.strip()
    if not back:
        found.append(Problem("back", "Write what you want to see on the back."))
    elif len(back) > MAX_BACK:
        found.append(Problem("back", f"The back is {len(back)} characters; {MAX_BACK} fit."))
    if not draft.section.strip():
        found.append(Problem("section", "Give the card a section, such as “My own cards”."))
    elif len(draft.section.strip()) > MAX_SECTION:
        found.append(Problem("section", f"A section name fits {MAX_SECTION} characters."))
    tags = parse_tags(draft.tags)
    wrong = [tag for tag in tags if not TAG.match(tag)]
    if wrong:
        found.append(
            Problem("tags", f"“{wrong[0]}” is not a tag: use letters, digits and hyphens.")
        )
    elif len(tags) > MAX_TAGS:
        found.append(Problem("tags", f"At most {MAX_TAGS} tags."))
    return found


def _same_text(text: str) -> str:
    return " ".join(text.casefold().split())


def duplicate_of(store: Store, front: str, *, editing: str | None = None) -> str | None:
    """The id of another card in the deck whose front reads the same (case and spacing aside).

    Fronts are compared in Python, so that non-ASCII letters fold too (SQLite's ``lower`` knows
    only ASCII); the query streams ids and fronts and nothing else.
    """
    wanted = _same_text(front)
    query = (
        select(Card.id, Card.front)
        .where(Card.retired.is_(False))
        .execution_options(yield_per=_STREAM_BATCH)
    )
    # Closed on the way out: on PostgreSQL the stream is a server-side cursor.
    with store.unit_of_work() as session, closing(session.execute(query)) as rows:
        for card_id, other in rows:
            if card_id != editing and _same_text(other) == wanted:
                return str(card_id)
    return None


def _new_id(store: Store, front: str) -> str:
    """The front's own-card id; if a card made from the same front was edited since (ids never
    change), the first free numbered one after it."""
    base = own_card_id(front)
    with store.unit_of_work() as session:
        taken = set(session.scalars(select(Card.id).where(Card.id.startswith(base))))
    number = 1
    card_id = base
    while card_id in taken:
        number += 1
        card_id = f"{base}-{number}"
    return card_id


def add_own_card(store: Store, draft: OwnCardDraft, now: dt.datetime) -> str:
    """Add a checked draft to the deck as a new card; returns its id."""
    _raise_problems(store, draft)
    card_id = _new_id(store, draft.front)
    content = CardContent(
        id=card_id,
        kind=draft.kind,
        source=OWN_SOURCE,
        section=draft.section.strip(),
        front=draft.front.strip(),
        back=draft.back.strip(),
        tags=parse_tags(draft.tags),
    )
    store.add_cards([content], now)
    return card_id


def update_own_card(store: Store, card_id: str, draft: OwnCardDraft, now: dt.datetime) -> None:
    """Change one of the person's own cards; its schedule and history stay as they are."""
    _raise_problems(store, draft, editing=card_id)
    with store.unit_of_work() as session:
        _write_draft(session, card_id, draft, now)


def _write_draft(session: Session, card_id: str, draft: OwnCardDraft, now: dt.datetime) -> None:
    card = _own_card(session.get(Card, card_id), card_id)
    card.kind = draft.kind.value
    card.front = draft.front.strip()
    card.back = draft.back.strip()
    card.section = draft.section.strip()
    card.tags = " ".join(parse_tags(draft.tags))
    card.updated_at = now


# The fields of an own card the card dialog edits, as its texts written apart name them.
_WRITTEN_FIELDS = ("front", "back")


def written_apart(store: Store, card_id: str) -> tuple[TextApart, ...]:
    """An own card's front and back as written on another computer while apart (the sync keeps
    them all), not yet added to it or done with, the fronts first (as the card is read), each
    side's oldest first; none in a collection that never synced."""
    draft = own_card_draft(store, card_id)
    with store.statements() as connection:
        apart = texts_apart.unseen(connection, CARDS).get(card_id, ())
    return tuple(
        sorted(
            (
                other
                for other in apart
                if other.field in _WRITTEN_FIELDS
                and texts_apart.not_in(getattr(draft, other.field), (other,))
            ),
            key=lambda other: _WRITTEN_FIELDS.index(other.field),
        )
    )


def with_text_apart(draft: OwnCardDraft, other: TextApart) -> OwnCardDraft:
    """``draft`` with ``other`` added to the end of the field it was written in (as it is, when
    that field holds it already: added before, and not saved)."""
    held = getattr(draft, other.field)
    if not texts_apart.not_in(held, (other,)):
        return draft
    added = texts_apart.appended(held, other.text)
    return replace(draft, front=added) if other.field == "front" else replace(draft, back=added)


def add_text_apart(
    store: Store, card_id: str, draft: OwnCardDraft, key: str, now: dt.datetime
) -> None:
    """Save ``draft`` (holding the text written apart ``key``, ``with_text_apart``) as an edit
    of the card, so it syncs as one, and show the text no more, in one go."""
    _raise_problems(store, draft, editing=card_id)
    with store.unit_of_work() as session:
        _write_draft(session, card_id, draft, now)
        texts_apart.mark_seen(session.connection(), key)


def own_card_draft(store: Store, card_id: str) -> OwnCardDraft:
    """An own card as the dialog edits it."""
    with store.unit_of_work() as session:
        card = _own_card(session.get(Card, card_id), card_id)
        return OwnCardDraft(
            CardKind(card.kind), card.front, card.back, ", ".join(card.tags.split()), card.section
        )


def answers_given(store: Store, card_ids: Sequence[str]) -> int:
    """How many answers deleting these cards would take with them (the dialog says so)."""
    with store.unit_of_work() as session:
        return sum(
            session.scalar(
                select(func.count()).select_from(Review).where(Review.card_id.in_(chunk))
            )
            or 0
            for chunk in chunked(card_ids)
        )


def delete_own_cards(store: Store, card_ids: Sequence[str]) -> None:
    """Delete own cards with their schedules and answers; journal entries keep their text.

    Built-in cards among ``card_ids`` are refused before anything is deleted.
    """
    with store.unit_of_work() as session:
        for chunk in chunked(card_ids):
            builtin = session.scalar(
                select(Card.id).where(Card.id.in_(chunk), Card.origin != "own").limit(1)
            )
            if builtin is not None:
                raise NotOwnCardError(f"{builtin} comes with the app and cannot be deleted")
        # The foreign keys cascade to card_states and reviews and unlink journal entries.
        for chunk in chunked(card_ids):
            session.execute(Removal(delete(Card).where(Card.id.in_(chunk))))


class NoteTooLongError(ValueError):
    """A note longer than a card keeps: refused whole rather than cut (no typed word lost)."""

    def __init__(self, length: int) -> None:
        super().__init__(f"a note of {length} characters; a card keeps {MAX_NOTE}")
        self.length = length


def set_personal_note(store: Store, card_id: str, note: str, now: dt.datetime) -> None:
    """Keep (or, when empty, remove) the person's note on a card; practice shows it on the back.
    Raises ``NoteTooLongError``, changing nothing, past ``MAX_NOTE`` characters."""
    with store.unit_of_work() as session:
        _write_note(session, card_id, note, now)


def note_written_apart(store: Store, card_id: str) -> tuple[TextApart, ...]:
    """A card's note as written on another computer while apart (the sync keeps it), not yet
    added to it or done with, the oldest first; none in a collection that never synced."""
    note = store.card(card_id).personal_note or ""
    with store.statements() as connection:
        apart = texts_apart.unseen(connection, CARDS).get(card_id, ())
    return texts_apart.not_in(note, tuple(o for o in apart if o.field == "personal_note"))


def with_note_apart(note: str, other: TextApart) -> str:
    """``note`` with ``other`` added to its end (as it is, when it holds it already)."""
    if not texts_apart.not_in(note, (other,)):
        return note
    return texts_apart.appended(note, other.text, "\n")


def add_note_apart(store: Store, card_id: str, note: str, key: str, now: dt.datetime) -> None:
    """Save ``note`` (holding the text written apart ``key``, ``with_note_apart``) as the card's
    note, so it syncs as an edit, and show the text no more, in one go. Raises
    ``NoteTooLongError``, changing nothing, when the two together are longer than a note."""
    with store.unit_of_work() as session:
        _write_note(session, card_id, note, now)
        texts_apart.mark_seen(session.connection(), key)


def _write_note(session: Session, card_id: str, note: str, now: dt.datetime) -> None:
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise NoteTooLongError(len(text))
    session.execute(
        update(Card)
        .where(Card.id == card_id)
        .values(personal_note=text or None, updated_at=now)
        .execution_options(synchronize_session=False)
    )


def _own_card(card: Card | None, card_id: str) -> Card:
    if card is None:
        raise KeyError(card_id)
    if card.origin != "own":
        raise NotOwnCardError(f"{card_id} comes with the app; add a personal note instead")
    return card


def _raise_problems(store: Store, draft: OwnCardDraft, *, editing: str | None = None) -> None:
    found = problems(store, draft, editing=editing)
    if found:
        raise ValueError(f"{found[0].field}: {found[0].message}")
