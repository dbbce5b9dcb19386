"""The collection facade: the only way in or out of ``collection.sqlite3``.

Like Anki's ``Collection``, ``Store`` owns the engine, and every user action (one answer, one undo,
one merge) is one committed transaction, finished before the call returns: a SQLAlchemy
``Session`` for most, and for the answer itself (waited on after every card) three prepared
statements on the driver's cursor inside one engine transaction. The window shows the next card
only after that.

Durability, in two steps. (1) Each action commits before it returns, in WAL mode with
``synchronous=NORMAL``: the answer is in the database and survives a crash or a kill of the app
(tests/test_crash_safety.py kills a real practice at random). (2) ``flush_to_disk`` then fsyncs
the WAL, which is what ``synchronous=FULL`` would do inside the commit; the window calls it
right after the next card is on screen, so a power cut can cost at most the answer whose next
card is being drawn, and the person never waits for the disk between cards. Closing the store
flushes too.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import sqlite3
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Connection,
    delete,
    event,
    func,
    or_,
    select,
    text,
    update,
)
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session, sessionmaker

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.content.deck_file import Deck, builtin_deck, builtin_fingerprint
from imperfect_trainer.deck.srs import scheduling
from imperfect_trainer.deck.srs.sm2 import Sm2State, due_in_days, review
from imperfect_trainer.deck.storage import backups, health
from imperfect_trainer.deck.storage.collection_file import (
    DATABASE_NAME,
    MIGRATIONS,
    create_collection,
    inspect_collection,
    make_engine,
    secure_data_dir,
    upgrade,
)
from imperfect_trainer.deck.storage.models import (
    Card,
    CardState,
    JournalEntry,
    PracticeDay,
    PracticeSession,
    Review,
    Setting,
)
from imperfect_trainer.deck.storage.restore import finish_pending_restore, restore_collection
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseAccessError,
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseTooNewError,
    DiskFullError,
    DiskWriteError,
    StoreError,
    error_from_os,
    error_from_sqlite,
)

# Re-exported: the store is where the rest of the app looks for the collection's errors.
__all__ = [
    "DATABASE_NAME",
    "MIGRATIONS",
    "SCHEMA_REVISION",
    "DatabaseAccessError",
    "DatabaseDamagedError",
    "DatabaseLockedError",
    "DatabaseTooNewError",
    "DiskFullError",
    "DiskWriteError",
    "Store",
    "StoreError",
    "inspect_collection",
]

# The newest migration in deck/storage/migrations/versions; a test keeps the two in step.
SCHEMA_REVISION = "0003"
_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLAC"}
_DECK_FINGERPRINT = settings_registry.DECK_FINGERPRINT
BACKUP_EVERY = dt.timedelta(minutes=30)

# The answer's statements as plain SQL (see ``Store.answer``). Days are stored as
# ISO text and moments as naive UTC text, exactly as the models' Date and UtcDateTime store them.
_ANSWER_READ = (
    "SELECT repetitions, easiness_hundredths, interval_days, due_day, last_review_day,"
    " introduced_day FROM card_states WHERE card_id = ?"
)
_ANSWER_UPDATE = (
    "UPDATE card_states SET review_count = review_count + 1, repetitions = ?,"
    " easiness_hundredths = ?, interval_days = ?, due_day = ?, last_review_day = ?,"
    " introduced_day = ?, lapses = lapses + ? WHERE card_id = ?"
)
_ANSWER_LOG = (
    "INSERT INTO reviews (card_id, session_id, reviewed_at, practice_day, grade, duration_ms,"
    " drill, repetitions_before, easiness_before, interval_before, due_before,"
    " repetitions_after, easiness_after, interval_after, due_after)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
)
_ANSWER_REFLECTION = (
    "INSERT INTO journal_entries (kind, card_id, review_id, session_id, practice_day,"
    " created_at, updated_at, text) VALUES ('reflection', ?, ?, ?, ?, ?, ?, ?)"
)
_ADD_CARD = (
    "INSERT INTO cards (id, kind, source, section, front, back, tags, origin, position, retired,"
    " suspended, personal_note, created_at, updated_at)"
    " VALUES (?, ?, ?, ?, ?, ?, ?, 'own', ?, 0, 0, NULL, ?, ?)"
)
_ADD_STATE = (
    "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
    " review_count, lapses) VALUES (?, 0, 250, 0, 0, 0)"
)
OWN_POSITION_START = 1_000_000
# Written exactly as ix_cards_parked's WHERE, so SQLite counts through that small partial index.
_PARKED = or_(Card.retired.is_(True), Card.suspended.is_(True))


@dataclass(frozen=True, slots=True)
class PracticeCard:
    """A card as the practice shows it."""

    id: str
    kind: CardKind
    section: str
    front: str
    back: str
    tags: tuple[str, ...]
    personal_note: str | None
    state: Sm2State
    due_day: dt.date | None

    @property
    def is_new(self) -> bool:
        return self.due_day is None


@dataclass(frozen=True, slots=True)
class TodaysPractice:
    """What today holds: cards in order (missed-earlier drills, due, then new) and the counts."""

    day: dt.date
    cards: list[PracticeCard]
    drill_ids: list[str]
    due_count: int
    new_count: int

    @property
    def available(self) -> int:
        return len(self.drill_ids) + self.due_count + self.new_count


@dataclass(frozen=True, slots=True)
class AnswerResult:
    review_id: int
    card_id: str
    grade: int
    drill: bool
    state: Sm2State
    due_day: dt.date | None


@dataclass(frozen=True, slots=True)
class Stats:
    cards: int
    due_today: int
    new_waiting: int
    reviews: int
    days_practised: int
    minutes_practised: float

    def as_dict(self) -> dict[str, int | float]:
        return {
            "cards": self.cards,
            "due_today": self.due_today,
            "new_waiting": self.new_waiting,
            "reviews": self.reviews,
            "days_practised": self.days_practised,
            "minutes_practised": round(self.minutes_practised, 1),
        }


@dataclass(frozen=True, slots=True)
class MergeReport:
    added: int = 0
    updated: int = 0
    retired: int = 0


@dataclass(frozen=True, slots=True)
class HealthReport:
    path: Path
    problems: tuple[str, ...]
    cards: int
    reviews: int
    # SQLite itself finds the file damaged: only a backup mends that.
    damaged: bool = False

    @property
    def healthy(self) -> bool:
        return not self.problems

    def line(self) -> str:
        if self.healthy:
            return f"healthy: {self.path} ({self.cards} cards, {self.reviews} answers)"
        if self.damaged:
            return f"damaged: {self.path}: " + "; ".join(self.problems)
        return f"problems in {self.path}: " + "; ".join(self.problems)


class Store:
    """One person's collection in ``data_dir``."""

    def __init__(self, data_dir: Path) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DATABASE_NAME
        self._settings: dict[str, Any] = settings_registry.defaults()
        self.last_merge = MergeReport()
        self.last_backup_at: dt.datetime | None = None
        # Set by any write; a backup on close is only worth taking when something changed.
        self.changed = False
        self._unflushed = False
        self._attach_engine()

    def _attach_engine(self) -> None:
        self._engine = make_engine(self.path)
        event.listen(self._engine, "before_cursor_execute", self._note_write)
        self._sessions = sessionmaker(self._engine, expire_on_commit=False)

    def _note_write(self, *args: Any) -> None:
        statement = args[2]
        if statement[:6].upper() in _WRITES:
            self.changed = True
            self._unflushed = True

    def flush_to_disk(self) -> None:
        """Make every committed action durable on disk (fsync the WAL); cheap when nothing is
        waiting."""
        if not self._unflushed:
            return
        wal = self.path.with_name(self.path.name + "-wal")
        try:
            descriptor = os.open(wal, os.O_RDONLY)
        except FileNotFoundError:
            self._unflushed = False
            return  # already checkpointed into the main file, which SQLite synced
        except OSError as error:
            raise error_from_os(self.path, error, "saving your last changes to disk") from error
        try:
            os.fsync(descriptor)
        except OSError as error:
            # Still unflushed: the next try asks the disk again rather than trusting it.
            raise DiskWriteError(
                self.path, f"could not be saved to disk ({error.strerror})"
            ) from error
        finally:
            os.close(descriptor)
        self._unflushed = False

    # ----------------------------------------------------------------- opening and closing

    @classmethod
    def open(
        cls, data_dir: Path, *, now: dt.datetime | None = None, deck: Deck | None = None
    ) -> Store:
        """Open (creating if needed) the collection in ``data_dir``, migrated and merged.

        A file we cannot use is reported and left exactly as it is: it is looked at read-only
        (no lock, no WAL file) before anything may write to it.
        """
        now = now or dt.datetime.now().astimezone()
        data_dir = Path(data_dir)
        secure_data_dir(data_dir)
        finish_pending_restore(data_dir)
        path = data_dir / DATABASE_NAME
        if path.exists() or path.is_symlink():
            revision = inspect_collection(path)
        else:
            create_collection(path)
            revision = SCHEMA_REVISION
        store = cls(data_dir)
        try:
            store._migrate(revision, now)
            store.reload_settings()
            # The shipped deck is parsed only when its files changed since the last merge.
            if deck is not None or store.setting(_DECK_FINGERPRINT) != builtin_fingerprint():
                store.last_merge = store._merge_deck(deck or builtin_deck(), now)
        except (DBAPIError, sqlite3.Error) as error:
            store._engine.dispose()
            raise error_from_sqlite(path, error) from error
        except BaseException:
            store._engine.dispose()
            raise
        store.changed = False
        return store

    def close(self) -> None:
        try:
            self.flush_to_disk()
        finally:
            self._engine.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action: one session, one transaction, committed on the way out."""
        try:
            with self._sessions.begin() as session:
                yield session
        except IntegrityError:
            raise  # a rule of the schema, for the caller to explain
        except (DBAPIError, sqlite3.Error) as error:
            raise error_from_sqlite(self.path, error) from error

    @contextmanager
    def _statements(self) -> Iterator[Connection]:
        """One action of plain table statements: one connection and transaction, no Session
        (its set-up and identity map cost more than the answer's three statements)."""
        try:
            with self._engine.begin() as connection:
                yield connection
        except (DBAPIError, sqlite3.Error) as error:
            raise error_from_sqlite(self.path, error) from error

    def _migrate(self, revision: str | None, now: dt.datetime) -> None:
        if revision == SCHEMA_REVISION:
            return
        if revision is not None:
            self.backup(now)
        upgrade(self._engine)

    # ---------------------------------------------------------------------------- settings

    def reload_settings(self) -> None:
        """Read the settings again (after an import replaced them)."""
        with self.unit_of_work() as session:
            for key, value in session.execute(select(Setting.key, Setting.value)):
                self._settings[key] = settings_registry.read(key, _json_or_none(value))

    def setting(self, key: str) -> Any:
        return self._settings.get(key)

    def set_setting(self, key: str, value: Any) -> None:
        """Save one setting; a value the registry does not allow raises ``SettingValueError``."""
        value = settings_registry.checked(key, value)
        encoded = json.dumps(value)
        with self.unit_of_work() as session:
            session.merge(Setting(key=key, value=encoded))
        self._settings[key] = value

    @property
    def rollover_hour(self) -> int:
        return int(self._settings["rollover_hour"])

    def practice_day(self, now: dt.datetime) -> dt.date:
        return scheduling.practice_day(now, self.rollover_hour)

    # ------------------------------------------------------------------------ the deck

    def _merge_deck(self, deck: Deck, now: dt.datetime) -> MergeReport:
        """Bring the shipped deck in: add new cards, update changed text, retire removed ones.

        Review history and the person's own cards are never touched.
        """
        if self._settings.get(_DECK_FINGERPRINT) == deck.fingerprint:
            return MergeReport()
        added = updated = retired = 0
        with self.unit_of_work() as session:
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
                    session.add(_new_state(content.id))
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
            session.merge(Setting(key=_DECK_FINGERPRINT, value=json.dumps(deck.fingerprint)))
        self._settings[_DECK_FINGERPRINT] = deck.fingerprint
        return MergeReport(added, updated, retired)

    # ----------------------------------------------------------------------- practising

    def todays_practice(self, now: dt.datetime, *, limit: int = 200) -> TodaysPractice:
        """Today's cards in practice order: earlier misses, then due (most overdue, hardest
        first), then new cards up to the daily limit. ``limit`` bounds how many are loaded."""
        today = self.practice_day(now)
        with self.unit_of_work() as session:
            drill_ids = self._drill_pending(session, today)
            due_filter = (
                CardState.due_day <= today,
                Card.retired.is_(False),
                Card.suspended.is_(False),
            )
            due_count = _active_count(session, CardState.due_day <= today)
            introduced_today = (
                session.scalar(select(func.count()).where(CardState.introduced_day == today)) or 0
            )
            new_allowed = max(0, int(self._settings["new_cards_per_day"]) - introduced_today)
            new_waiting = _active_count(session, CardState.due_day.is_(None))
            new_count = min(new_allowed, new_waiting)

            rows: list[tuple[Card, CardState]] = []
            if drill_ids:
                rows += _card_rows(session, select().where(Card.id.in_(drill_ids)))
            rows += _card_rows(
                session,
                select()
                .where(*due_filter)
                .order_by(CardState.due_day, CardState.easiness_hundredths, Card.position)
                .limit(limit),
            )
            if new_count and len(rows) < limit:
                rows += _card_rows(
                    session,
                    select()
                    .where(
                        CardState.due_day.is_(None),
                        Card.retired.is_(False),
                        Card.suspended.is_(False),
                    )
                    .order_by(Card.position)
                    .limit(min(new_count, limit - len(rows))),
                )
        by_id = {card.id: _practice_card(card, state) for card, state in rows}
        drills = [card_id for card_id in drill_ids if card_id in by_id]
        ordered = [by_id[card_id] for card_id in drills]
        ordered += [by_id[card.id] for card, _ in rows if card.id not in drills]
        return TodaysPractice(today, ordered, drills, due_count, new_count)

    def add_cards(self, contents: Sequence[CardContent], now: dt.datetime) -> int:
        """Add the person's own cards (or an import) in one transaction: all or nothing.

        Rows go in as bulk inserts, so a deck of 100,000 cards is one quick commit.
        """
        with self.unit_of_work() as session:
            start = session.scalar(
                select(func.coalesce(func.max(Card.position) + 1, OWN_POSITION_START)).where(
                    Card.origin == "own"
                )
            )
            assert start is not None
            # Plain SQL with one row tuple per card: SQLAlchemy's bulk machinery spends three
            # times SQLite's own time (2.4 s of 3.2 s at 100,000 cards) shaping the rows.
            connection = session.connection()
            moment = _moment_text(now)
            connection.exec_driver_sql(
                _ADD_CARD,
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
            connection.exec_driver_sql(_ADD_STATE, [(content.id,) for content in contents])
        return len(contents)

    def card(self, card_id: str) -> PracticeCard:
        with self.unit_of_work() as session:
            rows = _card_rows(session, select().where(Card.id == card_id))
        if not rows:
            raise KeyError(card_id)
        return _practice_card(*rows[0])

    def _drill_pending(self, session: Session, today: dt.date) -> list[str]:
        """Cards whose latest answer today was below 4: they still need a repeat today."""
        latest = (
            select(Review.card_id, func.max(Review.id).label("last_id"))
            .where(Review.practice_day == today)
            .group_by(Review.card_id)
            .subquery()
        )
        return list(
            session.scalars(
                select(Review.card_id)
                .join(latest, Review.id == latest.c.last_id)
                .where(Review.grade < scheduling.DRILL_BELOW_GRADE)
                .order_by(Review.id)
            )
        )

    def start_session(self, now: dt.datetime, *, kind: str = "daily") -> int:
        with self.unit_of_work() as session:
            practice = PracticeSession(
                kind=kind,
                practice_day=self.practice_day(now),
                started_at=now,
                planned_seconds=int(self._settings["session_seconds"]),
            )
            session.add(practice)
            session.flush()
            return practice.id

    def end_session(self, session_id: int, now: dt.datetime) -> None:
        with self.unit_of_work() as session:
            session.execute(
                update(PracticeSession).where(PracticeSession.id == session_id).values(ended_at=now)
            )

    def answer(
        self,
        card_id: str,
        grade: int,
        *,
        now: dt.datetime,
        session_id: int | None = None,
        duration_ms: int = 0,
        drill_only: bool = False,
        reflection: str | None = None,
    ) -> AnswerResult:
        """Record one answer, committed before returning.

        The day's first answer for a card moves its SM-2 schedule; later ones that day are drill
        repeats (logged, schedule unchanged), as is every answer with ``drill_only``.
        """
        if isinstance(grade, bool) or not isinstance(grade, int) or not 0 <= grade <= 5:
            raise ValueError(f"grade must be 0-5, got {grade!r}")
        today = self.practice_day(now)
        # The hot path, waited on after every card: three prepared SQL strings on the driver's
        # cursor inside one SQLAlchemy transaction. Statement building and result wrapping cost
        # more than SQLite's own work here, so they are skipped (and writes noted by hand).
        with self._statements() as connection:
            cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
            row = cursor.execute(_ANSWER_READ, (card_id,)).fetchone()
            if row is None:
                raise KeyError(card_id)
            repetitions, easiness, interval, due_text, last_text, introduced_text = row
            due_before = _day_of(due_text)
            before = Sm2State.from_hundredths(repetitions, easiness, interval)
            drill = drill_only or _day_of(last_text) == today
            after, due_after, lapse = before, due_before, 0
            if not drill:
                after = review(before, grade)
                due_after = scheduling.due_day_after(today, due_in_days(after))
                last_text = today.isoformat()
                introduced_text = introduced_text or last_text
                lapse = int(grade < 3 and due_before is not None)
            self.changed = self._unflushed = True
            cursor.execute(
                _ANSWER_UPDATE,
                (
                    after.repetitions,
                    after.easiness_hundredths,
                    after.interval,
                    _day_text(due_after),
                    last_text,
                    introduced_text,
                    lapse,
                    card_id,
                ),
            )
            cursor.execute(
                _ANSWER_LOG,
                (
                    card_id,
                    session_id,
                    _moment_text(now),
                    today.isoformat(),
                    grade,
                    max(0, int(duration_ms)),
                    int(drill),
                    before.repetitions,
                    before.easiness_hundredths,
                    before.interval,
                    _day_text(due_before),
                    after.repetitions,
                    after.easiness_hundredths,
                    after.interval,
                    _day_text(due_after),
                ),
            )
            review_id = int(cursor.lastrowid or 0)
            if reflection and reflection.strip():
                cursor.execute(
                    _ANSWER_REFLECTION,
                    (
                        card_id,
                        review_id,
                        session_id,
                        today.isoformat(),
                        _moment_text(now),
                        _moment_text(now),
                        reflection.strip(),
                    ),
                )
        return AnswerResult(review_id, card_id, grade, drill, after, due_after)

    def undo_answer(self, review_id: int) -> str:
        """Take back one answer: the card's state, the log row and its journal entry, exactly."""
        with self.unit_of_work() as session:
            logged = session.get(Review, review_id)
            if logged is None:
                raise KeyError(review_id)
            state = session.get(CardState, logged.card_id)
            assert state is not None  # a review's card always has a state (foreign key)
            session.execute(delete(JournalEntry).where(JournalEntry.review_id == review_id))
            session.delete(logged)
            session.flush()
            state.review_count -= 1
            if not logged.drill:
                state.repetitions = logged.repetitions_before
                state.easiness_hundredths = logged.easiness_before
                state.interval_days = logged.interval_before
                state.due_day = logged.due_before
                if logged.grade < 3 and logged.due_before is not None:
                    state.lapses -= 1
                if logged.due_before is None:
                    state.introduced_day = None
                state.last_review_day = session.scalar(
                    select(func.max(Review.practice_day)).where(
                        Review.card_id == logged.card_id, Review.drill.is_(False)
                    )
                )
            return logged.card_id

    # ------------------------------------------------------------------ numbers and health

    def stats(self, now: dt.datetime) -> Stats:
        today = self.practice_day(now)
        with self.unit_of_work() as session:
            cards = _active_count(session, None)
            due = _active_count(session, CardState.due_day <= today)
            new = _active_count(session, CardState.due_day.is_(None))
            # One row per day, kept by triggers on reviews: no pass over the whole log.
            reviews, days, total_ms = session.execute(
                select(
                    func.coalesce(func.sum(PracticeDay.answers), 0),
                    func.count(),
                    func.coalesce(func.sum(PracticeDay.duration_ms), 0),
                )
            ).one()
        return Stats(cards, due, new, reviews, days, total_ms / 60_000)

    def practised_days(self, first: dt.date, last: dt.date) -> set[dt.date]:
        """The days between ``first`` and ``last`` (inclusive) with at least one answer."""
        with self.unit_of_work() as session:
            return set(
                session.scalars(
                    select(Review.practice_day)
                    .where(Review.practice_day.between(first, last))
                    .distinct()
                )
            )

    def last_practice_day(self) -> dt.date | None:
        with self.unit_of_work() as session:
            return session.scalar(select(func.max(Review.practice_day)))

    def check(self) -> HealthReport:
        """SQLite's own checks and ours; nothing is changed. A damaged file is reported as
        such, never as a traceback."""
        try:
            with self._engine.connect() as connection:
                problems = health.describe(connection)
                if problems and problems[0].startswith("SQLite's"):
                    return HealthReport(self.path, tuple(problems), 0, 0, damaged=True)
                cards = connection.execute(text("SELECT count(*) FROM cards")).scalar() or 0
                reviews = connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0
        except (DBAPIError, sqlite3.Error) as error:
            failure = error_from_sqlite(self.path, error)
            if not isinstance(failure, DatabaseDamagedError):
                raise failure from error
            return HealthReport(self.path, (failure.problem,), 0, 0, damaged=True)
        return HealthReport(self.path, tuple(problems), cards, reviews)

    def repair(self, now: dt.datetime) -> list[str]:
        """Fix what is safe to fix, after a backup; a healthy collection is left untouched.

        A damaged collection cannot be backed up (a backup must be good); the one repair tried
        on it, rebuilding the indexes, cannot lose data, and SQLite's WAL keeps it atomic."""
        report = self.check()
        if report.healthy:
            return []
        if not report.damaged:
            self.backup(now)
        try:
            with self._engine.begin() as connection:
                return health.repair(connection, self.practice_day(now))
        except (DBAPIError, sqlite3.Error) as error:
            raise error_from_sqlite(self.path, error) from error

    # --------------------------------------------------------------------------- backups

    def backup(self, now: dt.datetime) -> Path:
        """Take a backup now (online backup API), checked, then thin the old ones.

        A collection that fails SQLite's check is not backed up (``DatabaseDamagedError``):
        a damaged copy must never stand in for a good one."""
        try:
            with self._engine.connect() as connection:
                source = connection.connection.driver_connection
                assert isinstance(source, sqlite3.Connection)
                path = backups.write_backup(source, self.data_dir, self.path, now)
            backups.thin_backups(self.data_dir, now)
        except OSError as error:
            raise error_from_os(
                backups.backup_folder(self.data_dir), error, "writing the backup"
            ) from error
        except (DBAPIError, sqlite3.Error) as error:
            raise error_from_sqlite(self.path, error) from error
        self.last_backup_at = now
        self.changed = False
        return path

    def backup_if_due(self, now: dt.datetime, *, every: dt.timedelta = BACKUP_EVERY) -> Path | None:
        """A backup when something changed and the last one is older than ``every``."""
        if not self.changed:
            return None
        if self.last_backup_at is not None and abs(now - self.last_backup_at) < every:
            return None
        return self.backup(now)

    def restore(self, backup: Path, now: dt.datetime) -> Path | None:
        """Replace the collection with ``backup``; returns where the current one was kept.

        A backup is taken first when the collection allows one; either way the current file
        and its WAL are copied aside, byte for byte, before anything replaces them
        (``restore.restore_collection``)."""
        inspect_collection(backup)
        damaged = False
        try:
            self.backup(now)
        except DatabaseDamagedError:
            damaged = True  # kept as it is by the copy aside below
        self.flush_to_disk()
        self._engine.dispose()
        try:
            kept = restore_collection(self.data_dir, backup, now, current_damaged=damaged)
        finally:
            self._attach_engine()
        self._migrate(inspect_collection(self.path), now)
        self._settings = settings_registry.defaults()
        self.reload_settings()
        self._merge_deck(builtin_deck(), now)
        self.changed = False
        return kept


def _json_or_none(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return None


def _day_of(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _day_text(day: dt.date | None) -> str | None:
    return None if day is None else day.isoformat()


def _moment_text(moment: dt.datetime) -> str:
    if moment.tzinfo is None:
        raise ValueError("moments must be timezone-aware")
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


def _active_count(session: Session, condition: Any) -> int:
    """Cards matching ``condition`` (on their state) that are neither retired nor suspended.

    All matching states are counted from an index alone, less the few parked cards among them;
    joining each due card to its content row instead takes a third of a second at 100,000.
    """
    every = select(func.count()).select_from(CardState)
    # IN, not a join: SQLite then walks the small parked list instead of every due state.
    parked = (
        select(func.count())
        .select_from(CardState)
        .where(CardState.card_id.in_(select(Card.id).where(_PARKED)))
    )
    if condition is not None:
        every, parked = every.where(condition), parked.where(condition)
    return (session.scalar(every) or 0) - (session.scalar(parked) or 0)


def _new_state(card_id: str) -> CardState:
    return CardState(
        card_id=card_id,
        repetitions=0,
        easiness_hundredths=250,
        interval_days=0,
        review_count=0,
        lapses=0,
    )


def _card_rows(session: Session, query: Any) -> list[tuple[Card, CardState]]:
    statement = query.add_columns(Card, CardState).select_from(Card).join(CardState)
    return [(row[0], row[1]) for row in session.execute(statement)]


def _practice_card(card: Card, state: CardState) -> PracticeCard:
    return PracticeCard(
        id=card.id,
        kind=CardKind(card.kind),
        section=card.section,
        front=card.front,
        back=card.back,
        tags=tuple(card.tags.split()),
        personal_note=card.personal_note,
        state=Sm2State.from_hundredths(
            state.repetitions, state.easiness_hundredths, state.interval_days
        ),
        due_day=state.due_day,
    )
