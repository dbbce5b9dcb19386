"""Cards coming into the collection: the shipped deck merged in, and the person's own added.

The merge adds new built-in cards, updates changed text in place and retires removed ones; their
answers, and the person's own cards and notes, are never touched. It runs only when the deck
files' fingerprint differs from the one last merged.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sqlalchemy import func, select, text

from imperfect_trainer.deck.content.cards import CardContent
from imperfect_trainer.deck.content.deck_file import Deck, MergeReport
from imperfect_trainer.deck.settings_registry import DECK_FINGERPRINT
from imperfect_trainer.deck.srs.sm2 import START_EASINESS_HUNDREDTHS
from imperfect_trainer.deck.storage.batches import chunked
from imperfect_trainer.deck.storage.models import Card, CardState, Setting
from imperfect_trainer.deck.storage.stored_values import moment_text

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from imperfect_trainer.deck.store import Store

OWN_POSITION_START = 1_000_000
_ADD_CARD = (
    "INSERT INTO cards (id, kind, source, section, front, back, tags, origin, position, retired,"
    " suspended, personal_note, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 'own', ?, FALSE, FALSE, NULL, ?, ?)"
)
_ADD_STATES = (
    "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
    " review_count, lapses) VALUES "
)
_NEW_STATE = f"(?, 0, {START_EASINESS_HUNDREDTHS}, 0, 0, 0)"
_EDIT_CARD = (
    "UPDATE cards SET kind = ?, section = ?, front = ?, back = ?, tags = ?, updated_at = ?"
    " WHERE id = ? AND origin = 'own' AND kind = ? AND section = ? AND front = ? AND back = ?"
    " AND tags = ?"
)


@dataclass(frozen=True, slots=True)
class OwnCardEdit:
    """An own card's new content (``content.id`` names the card) and what it was when read."""

    content: CardContent
    was: CardContent


class CardChangedError(Exception):
    """An own card changed (in the window) between reading it and writing the edit."""

    def __init__(self, card_id: str) -> None:
        super().__init__(f"{card_id} changed meanwhile")
        self.card_id = card_id


class DeckCards:
    def __init__(self, store: Store) -> None:
        self.store = store

    def merge(self, deck: Deck, now: dt.datetime) -> MergeReport:
        """Bring the shipped deck in; nothing to do when it was merged before."""
        if self.store.setting(DECK_FINGERPRINT) == deck.fingerprint:
            return MergeReport()
        added = updated = retired = 0
        with self.store.unit_of_work() as session:
            # The person's other computer may be merging this very moment (a first start on
            # two at once, on a server): the merge holds its fingerprint's row, so this one
            # waits for it, then finds the deck merged. Only the person's own row is locked.
            session.execute(
                text(
                    "INSERT INTO settings (key, value) VALUES (:key, 'null') ON CONFLICT DO NOTHING"
                ),
                {"key": DECK_FINGERPRINT},
            )
            merged = session.scalar(
                select(Setting.value).where(Setting.key == DECK_FINGERPRINT).with_for_update()
            )
            if merged is not None and json.loads(merged) == deck.fingerprint:
                self.store.remember_setting(DECK_FINGERPRINT, deck.fingerprint)
                return MergeReport()
            existing = {card.id: card for card in session.scalars(select(Card))}
            shipped_ids = set()
            for position, content in enumerate(deck.cards):
                shipped_ids.add(content.id)
                fields = {
                    "kind": content.kind.value,
                    "source": content.source,
                    "section": content.section,
                    "front": content.front,
                    "back": content.back,
                    "tags": " ".join(content.tags),
                }
                card = existing.get(content.id)
                if card is None:
                    session.add(
                        Card(
                            id=content.id,
                            origin="builtin",
                            position=position,
                            retired=False,
                            suspended=False,
                            created_at=now,
                            updated_at=now,
                            **fields,
                        )
                    )
                    session.add(new_schedule(content.id))
                    added += 1
                elif card.origin == "builtin":
                    changed = any(getattr(card, key) != value for key, value in fields.items())
                    if changed or card.retired or card.position != position:
                        for key, value in fields.items():
                            setattr(card, key, value)
                        card.position = position
                        card.retired = False
                        card.updated_at = now
                        updated += changed
            for card in existing.values():
                if card.origin == "builtin" and card.id not in shipped_ids and not card.retired:
                    card.retired = True
                    card.updated_at = now
                    retired += 1
            session.merge(Setting(key=DECK_FINGERPRINT, value=json.dumps(deck.fingerprint)))
        self.store.remember_setting(DECK_FINGERPRINT, deck.fingerprint)
        return MergeReport(added, updated, retired)

    def add_own(self, contents: Sequence[CardContent], now: dt.datetime) -> int:
        """Add the person's own cards (or an import) in one transaction: all or nothing.

        Rows go in as bulk inserts, so a deck of 100,000 cards is one quick commit.
        """
        return self._write_own(contents, (), now)

    def import_own(
        self, contents: Sequence[CardContent], edits: Sequence[OwnCardEdit], now: dt.datetime
    ) -> int:
        """Add new own cards and change existing ones in one transaction: all or nothing.

        An edit applies only to a card still as it was read (``edit.was``); if the card changed
        in between, ``CardChangedError`` undoes the whole transaction.
        """
        return self._write_own(contents, edits, now)

    def _write_own(
        self, contents: Sequence[CardContent], edits: Sequence[OwnCardEdit], now: dt.datetime
    ) -> int:
        with self.store.unit_of_work() as session:
            connection = session.connection()
            sql = self.store.driver_sql
            moment = moment_text(now)
            for edit in edits:
                after, before = edit.content, edit.was
                changed = connection.exec_driver_sql(
                    sql(_EDIT_CARD),
                    (
                        after.kind.value,
                        after.section,
                        after.front,
                        after.back,
                        " ".join(after.tags),
                        moment,
                        after.id,
                        before.kind.value,
                        before.section,
                        before.front,
                        before.back,
                        " ".join(before.tags),
                    ),
                ).rowcount
                if changed != 1:
                    raise CardChangedError(after.id)
            if contents:
                self._insert_own(session, contents, moment)
        return len(contents) + len(edits)

    def _insert_own(self, session: Session, contents: Sequence[CardContent], moment: str) -> None:
        start = session.scalar(
            select(func.coalesce(func.max(Card.position) + 1, OWN_POSITION_START)).where(
                Card.origin == "own"
            )
        )
        assert start is not None
        # Plain SQL with one row tuple per card: SQLAlchemy's bulk machinery spends three
        # times SQLite's own time (2.4 s of 3.2 s at 100,000 cards) shaping the rows.
        connection = session.connection()
        sql = self.store.driver_sql
        connection.exec_driver_sql(
            sql(_ADD_CARD),
            [
                (
                    content.id,
                    content.kind.value,
                    content.source,
                    content.section,
                    content.front,
                    content.back,
                    " ".join(content.tags),
                    start + offset,
                    moment,
                    moment,
                )
                for offset, content in enumerate(contents)
            ],
        )
        # Many rows per statement: on PostgreSQL the section totals' triggers run once per
        # statement (migration 0006), and one per card would update one row 100,000 times.
        for chunk in chunked([content.id for content in contents]):
            values = ", ".join([_NEW_STATE] * len(chunk))
            connection.exec_driver_sql(sql(_ADD_STATES + values), tuple(chunk))


def new_schedule(card_id: str) -> CardState:
    """The schedule row of a card never answered."""
    return CardState(
        card_id=card_id,
        repetitions=0,
        easiness_hundredths=START_EASINESS_HUNDREDTHS,
        interval_days=0,
        review_count=0,
        lapses=0,
    )
