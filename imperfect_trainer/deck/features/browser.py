"""The deck browser's data: every card as a light row, the filter, and the card-level actions.

Rows come from one query straight into named tuples, so 100,000 cards load without building
ORM objects. Filtering is a pure function over those rows (the window's table asks it once per
keystroke, not once per row, and while typing on, only over the cards the last keystroke
kept), and the actions are one transaction each.
"""

from __future__ import annotations

import datetime as dt
import string
from array import array
from collections.abc import Collection, Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import NamedTuple

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from imperfect_trainer.deck.srs.sm2 import START_EASINESS_HUNDREDTHS
from imperfect_trainer.deck.storage.batches import chunked
from imperfect_trainer.deck.storage.bulk_schedules import set_schedules
from imperfect_trainer.deck.storage.models import Card, CardState
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import local_fresh_starts


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
    retired: int  # 0 or 1: a built-in card a deck upgrade took out, its history kept


class Status(StrEnum):
    ALL = "all"  # active and suspended: every card in the deck
    ACTIVE = "active"
    SUSPENDED = "suspended"
    RETIRED = "retired"  # only asked for: never mixed into the deck's own list


class Origin(StrEnum):
    ALL = "all"
    BUILTIN = "builtin"
    OWN = "own"


@dataclass(frozen=True, slots=True)
class CardFilter:
    """What the browser shows: cards holding a word starting with each word of ``text`` (in
    the front, back, personal note, section or tags), of the chosen kind, section, tag, status
    and origin (``None`` or ``ALL``: any card in the deck; retired cards only when asked for)."""

    text: str = ""
    kind: str | None = None
    section: str | None = None
    tag: str | None = None
    status: Status = Status.ALL
    origin: Origin = Origin.ALL

    def narrows(self, earlier: CardFilter) -> bool:
        """Whether every card this filter lets through also passed ``earlier`` (typing on at
        the end of the search), so only ``earlier``'s cards need looking through."""
        return self.text.startswith(earlier.text) and (
            self.kind,
            self.section,
            self.tag,
            self.status,
            self.origin,
        ) == (earlier.kind, earlier.section, earlier.tag, earlier.status, earlier.origin)


# Punctuation and line breaks count as spaces, so a word after "(", "“" or "-" starts a word.
_SEPARATORS = str.maketrans(dict.fromkeys(string.punctuation + "\u2018’“”«»–—…·\n\t", " "))


def searchable(*parts: str) -> str:
    """Text as a search looks through it: folded case, punctuation as spaces, and a space in
    front, so `` late`` finds the word "late" or "later" but not "immaculate"."""
    return " " + " ".join(parts).casefold().translate(_SEPARATORS)


# Rows made searchable at a time: enough that one translate call serves many, few enough that
# the texts in the making never double the memory of a big collection's.
_SEARCHABLE_BATCH = 2048


def _searchable_rows(rows: Sequence[BrowserRow]) -> list[str]:
    """``searchable`` of each row's front, section and tags."""
    texts: list[str] = []
    for start in range(0, len(rows), _SEARCHABLE_BATCH):
        texts += _searchable_batch(rows[start : start + _SEARCHABLE_BATCH])
    return texts


def _searchable_batch(rows: Sequence[BrowserRow]) -> list[str]:
    """The plain-ASCII texts (most of a big collection) are translated joined, in one call:
    Python translates ASCII text quickly but pays per call, while text with curly quotes or
    dashes takes a slower path, so those are done one by one rather than slowing the whole
    joined text down."""
    texts = [f" {row.front} {row.section} {row.tags}".casefold() for row in rows]
    plain = [n for n, text in enumerate(texts) if text.isascii()]
    if len(plain) < len(texts):
        chosen = set(plain)
        for n, text in enumerate(texts):
            if n not in chosen:
                texts[n] = text.translate(_SEPARATORS)
    if plain:
        joined = "\0".join([texts[n] for n in plain]).translate(_SEPARATORS)
        for n, text in zip(plain, joined.split("\0"), strict=True):
            texts[n] = text
    return texts


def search_words(text: str) -> list[str]:
    """The word starts a typed search asks for, each with its leading space."""
    return [" " + word for word in text.casefold().translate(_SEPARATORS).split()]


class CardIndex:
    """The loaded cards and what a search looks through, in load (deck) order.

    ``texts`` holds each card's front, section and tags, ready for searching. Backs and notes
    are searched too, but kept once per distinct text (``backs``, and ``back_of`` for each
    card): a collection of many similar cards shares them, and memory stays that of the fronts.
    """

    def __init__(self, rows: list[BrowserRow], backs: list[str]) -> None:
        self.rows: list[BrowserRow] = []
        self.texts: list[str] = []
        self.backs: list[str] = []
        self.back_of = array("I")
        self._back_numbers: dict[str, int] = {}
        self._position: dict[str, int] | None = None
        self.retired = 0
        self.extend(rows, backs)

    def __len__(self) -> int:
        return len(self.rows)

    def _back_number(self, back: str) -> int:
        number = self._back_numbers.get(back)
        if number is None:
            number = self._back_numbers[back] = len(self.backs)
            self.backs.append(searchable(back))
        return number

    def extend(self, rows: Sequence[BrowserRow], backs: Sequence[str]) -> None:
        """Add cards at the end; ``backs``: each card's back and note, as ``back_text`` gives."""
        if self._position is not None:
            self._position.update((row.id, len(self.rows) + n) for n, row in enumerate(rows))
        self.rows += rows
        self.texts += _searchable_rows(rows)
        self.back_of.extend(map(self._back_number, backs))
        self.retired += sum(row.retired for row in rows)

    def position(self, card_id: str) -> int | None:
        """A card's place in ``rows`` (None when not loaded)."""
        if self._position is None:
            self._position = {row.id: n for n, row in enumerate(self.rows)}
        return self._position.get(card_id)

    def update(self, fresh: Sequence[tuple[BrowserRow, str]]) -> list[int]:
        """Put fresh cards (each with its back text) in place of their loaded selves; returns
        the places changed. Cards not loaded are left out."""
        changed = []
        for row, back in fresh:
            serial = self.position(row.id)
            if serial is None:
                continue
            self.retired += row.retired - self.rows[serial].retired
            self.rows[serial] = row
            self.texts[serial] = searchable(row.front, row.section, row.tags)
            self.back_of[serial] = self._back_number(back)
            changed.append(serial)
        return changed

    def without(self, card_ids: Collection[str]) -> CardIndex:
        """The index with some cards taken out (deleted)."""
        kept = [n for n, row in enumerate(self.rows) if row.id not in card_ids]
        backs = {number: text for text, number in self._back_numbers.items()}
        return CardIndex([self.rows[n] for n in kept], [backs[self.back_of[n]] for n in kept])


# The casts make the same plain values on SQLite and PostgreSQL (text days, 0 or 1).
_COLUMNS = """
    SELECT c.id, c.kind, c.front, c.section, c.tags, CAST(s.due_day AS TEXT), s.interval_days,
           s.easiness_hundredths, s.review_count, s.lapses, CAST(c.suspended AS INTEGER),
           CAST(c.origin = 'own' AS INTEGER), CAST(c.retired AS INTEGER)
    FROM cards AS c JOIN card_states AS s ON s.card_id = c.id
"""
# The back and note, in the same order as the rows: a second pass over the cards rather than two
# more columns on each row tuple, which would be copied into a BrowserRow for nothing.
_BACKS = "SELECT c.back || ' ' || coalesce(c.personal_note, '') FROM cards AS c"


def _rows(
    store: Store, session: Session, sql: str, parameters: Sequence[object] = ()
) -> list[BrowserRow]:
    # The driver's cursor, inside the unit of work's transaction: rows are built straight
    # from its plain tuples. A kind, section, tag list or due day is the same text on many
    # cards; each is kept once (a third less memory for a big collection, for ~10% more time).
    shared: dict[str, str] = {}
    once = shared.setdefault
    make = BrowserRow._make
    return [
        make(
            (
                card_id,
                once(kind, kind),
                front,
                once(section, section),
                once(tags, tags),
                due if due is None else once(due, due),
                *numbers,
            )
        )
        for card_id, kind, front, section, tags, due, *numbers in store.driver_rows(
            session, sql, parameters
        )
    ]


def _backs(
    store: Store, session: Session, sql: str, parameters: Sequence[object] = ()
) -> list[str]:
    shared: dict[str, str] = {}
    once = shared.setdefault
    return [once(back, back) for (back,) in store.driver_rows(session, sql, parameters)]


def load_index(store: Store) -> CardIndex:
    """Every card, in deck order: the deck's own and, for the "Retired" filter, built-in cards
    a deck upgrade retired (with their history)."""
    with store.unit_of_work() as session:
        rows = _rows(store, session, _COLUMNS + " ORDER BY c.position")
        backs = _backs(store, session, _BACKS + " ORDER BY c.position")
    return CardIndex(rows, backs)


def fresh_cards(store: Store, card_ids: Sequence[str]) -> list[tuple[BrowserRow, str]]:
    """A few cards as they are now, each with its back text, after an action changed them."""
    found: list[tuple[BrowserRow, str]] = []
    with store.unit_of_work() as session:
        for chunk in chunked(card_ids):
            marks = ", ".join("?" * len(chunk))
            where = f" WHERE c.id IN ({marks}) ORDER BY c.position"
            rows = _rows(store, session, _COLUMNS + where, chunk)
            backs = _backs(store, session, _BACKS + where, chunk)
            found += zip(rows, backs, strict=True)
    return found


def reload_rows(store: Store, card_ids: Sequence[str]) -> dict[str, BrowserRow]:
    """Fresh rows for a few cards, by id."""
    return {row.id: row for row, _back in fresh_cards(store, card_ids)}


def matching(index: CardIndex, wanted: CardFilter, among: Iterable[int]) -> list[int]:
    """The cards of ``among`` (places in ``index``, kept in their order) that pass ``wanted``.

    Each condition narrows the list in one comprehension, so the cost is a few passes over the
    cards, not a function call per card; backs are looked through once per distinct text.
    """
    rows, texts, back_of = index.rows, index.texts, index.back_of
    keep = among if isinstance(among, list) else list(among)
    for word in search_words(wanted.text):
        in_back = bytes(word in back for back in index.backs)
        if any(in_back):
            keep = [i for i in keep if word in texts[i] or in_back[back_of[i]]]
        else:
            keep = [i for i in keep if word in texts[i]]
    if wanted.kind is not None:
        keep = [i for i in keep if rows[i].kind == wanted.kind]
    if wanted.section is not None:
        keep = [i for i in keep if rows[i].section == wanted.section]
    if wanted.tag is not None:
        # Padded with spaces so "goal" does not match inside "goals".
        tag = f" {wanted.tag} "
        keep = [i for i in keep if tag in f" {rows[i].tags} "]
    if wanted.status is Status.RETIRED:
        keep = [i for i in keep if rows[i].retired]
    elif wanted.status is not Status.ALL:
        suspended = int(wanted.status is Status.SUSPENDED)
        keep = [i for i in keep if rows[i].suspended == suspended and not rows[i].retired]
    elif index.retired:
        keep = [i for i in keep if not rows[i].retired]
    if wanted.origin is not Origin.ALL:
        own = int(wanted.origin is Origin.OWN)
        keep = [i for i in keep if rows[i].own == own]
    return keep


def facets(rows: Iterable[BrowserRow]) -> tuple[list[str], list[str], list[str]]:
    """The kinds, sections (in deck order) and tags (sorted) of the deck's cards, for the
    filter lists."""
    kinds: dict[str, None] = {}
    sections: dict[str, None] = {}
    tags: set[str] = set()
    for row in rows:
        if row.retired:
            continue
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


def reset_progress(store: Store, card_ids: Sequence[str], now: dt.datetime) -> SavedProgress:
    """Make cards new again (their answers stay in the history); returns what to restore.

    The review and lapse counts describe the history, which is kept, so they are left alone.
    On a computer that syncs, each card started fresh is noted, to start fresh on every
    computer in its place among the answers.
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
        started = [str(state["card_id"]) for state in states if state["introduced_day"]]
        local_fresh_starts.note(session.connection(), started, now)
    return SavedProgress(tuple(states))


def restore_progress(store: Store, saved: SavedProgress) -> None:
    """Undo a reset: every card gets back exactly the state it had (and, on a computer that
    syncs, on every computer)."""
    with store.unit_of_work() as session:
        set_schedules(session.connection(), saved.states)
        local_fresh_starts.take_back(session.connection(), saved.card_ids)


@dataclass(frozen=True, slots=True)
class DeckCounts:
    """How the cards of a collection divide: practised, suspended, retired."""

    cards: int
    suspended: tuple[str, ...]  # ids, in deck order
    retired: int

    @property
    def in_practice(self) -> int:
        return self.cards - len(self.suspended) - self.retired


def deck_counts(store: Store) -> DeckCounts:
    with store.unit_of_work() as session:
        cards = session.scalar(select(func.count()).select_from(Card)) or 0
        suspended = session.scalars(
            select(Card.id)
            .where(Card.suspended.is_(True), Card.retired.is_(False))
            .order_by(Card.position)
        ).all()
        retired = session.scalar(select(func.count()).where(Card.retired.is_(True))) or 0
    return DeckCounts(cards, tuple(suspended), retired)
