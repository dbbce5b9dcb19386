"""The collection facade: the only way in or out of ``collection.sqlite3``.

Like Anki's ``Collection``, ``Store`` keeps the collection's lifecycle, its transactions and its
durability, and hands out one object per role, each owning its queries and returning typed
records: ``answers`` (``practice/answer_log``), ``today`` (``practice/todays_cards``), ``cards``
(``content/deck_merge``) and ``safety`` (``storage/safety_nets``). The rooms in ``features/``
and ``interchange/`` run their own ORM queries through ``unit_of_work``. What a backend has
of its own sits behind ``file``, a ``Collection`` (``storage/collection``). The verbs the whole
app uses are also here, one line each, in the order of a day: open, practise, answer, count,
back up, close.

A collection is either the local SQLite file (``Store.open``, the default,
``storage/sqlite_collection``) or one person's collection in a training programme's PostgreSQL
database (``Store.open_server``, ``storage/postgres_collection``); everything above ``file`` is
the same for both.

Every user action (one answer, one undo, one merge) is one committed transaction, finished
before the call returns. Durability, in two steps. (1) Each action commits before it returns, in
WAL mode with ``synchronous=NORMAL``: the answer is in the database and survives a crash or a
kill of the app (tests/deck/storage/test_crash_safety.py kills a real practice at random).
(2) ``flush_to_disk`` then fsyncs the WAL, which is what ``synchronous=FULL`` would do inside the
commit; the window calls it right after the next card is on screen, so a power cut can cost at
most the answer whose next card is being drawn, and the person never waits for the disk between
cards. Closing the store flushes too.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck import settings_registry
from imperfect_trainer.deck.content.deck_file import (
    Deck,
    MergeReport,
    builtin_deck,
    builtin_fingerprint,
)
from imperfect_trainer.deck.practice.answer_log import AnswerLog, AnswerResult
from imperfect_trainer.deck.practice.todays_cards import (
    CARDS_AT_ONCE,
    PracticeCard,
    TodaysCards,
    TodaysPractice,
)
from imperfect_trainer.deck.settings import Settings
from imperfect_trainer.deck.storage.collection import Collection
from imperfect_trainer.deck.storage.collection_file import (
    DATABASE_NAME,
    inspect_collection,
    secure_data_dir,
    upgrade,
)
from imperfect_trainer.deck.storage.kept_connection import PlainCursor
from imperfect_trainer.deck.storage.opening import ready_to_open
from imperfect_trainer.deck.storage.sqlite_collection import SqliteCollection
from imperfect_trainer.deck.storage.store_errors import error_from_sqlite, is_sqlite_error
from imperfect_trainer.deck.storage.transactions import Transactions, watch_writes

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from imperfect_trainer.deck.content.cards import CardContent
    from imperfect_trainer.deck.content.deck_merge import DeckCards
    from imperfect_trainer.deck.storage.plain_sql import PlainStatements
    from imperfect_trainer.deck.storage.safety_nets import HealthReport, SafetyNets
    from imperfect_trainer.deck.storage.server_address import ServerAddress

# The newest migration in storage/migrations/versions; a test keeps the two in step.
SCHEMA_REVISION = "0013"


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


class Store:
    """One person's collection in ``data_dir``."""

    def __init__(self, data_dir: Path, collection: Collection | None = None) -> None:
        self.data_dir = data_dir
        self.path = data_dir / DATABASE_NAME
        self.last_merge = MergeReport()
        self.file: Collection
        if collection is None:
            # Its engine is made on first use, and watched from then on.
            self.file = SqliteCollection(
                self.path, on_engine=lambda engine: watch_writes(engine, self.file.writes)
            )
        else:
            self.file = collection
            watch_writes(collection.engine, collection.writes)
        self.transactions = Transactions(self.file)
        self.settings = Settings(self.file)
        self.answers = AnswerLog(self.file.answers, self.settings)
        self.today = TodaysCards(self.file, self.settings)

    # The roles that need SQLAlchemy's ORM are made (and it imported) on first use: the first
    # card of the day is reached without them.

    @cached_property
    def cards(self) -> DeckCards:
        from imperfect_trainer.deck.content.deck_merge import DeckCards

        return DeckCards(self.transactions, self.settings)

    @cached_property
    def safety(self) -> SafetyNets:
        from imperfect_trainer.deck.storage.safety_nets import SafetyNets

        return SafetyNets(self.transactions, self.data_dir, self.settings.practice_day)

    # ----------------------------------------------------------------- opening and closing

    @classmethod
    def open(
        cls, data_dir: Path, *, now: dt.datetime | None = None, deck: Deck | None = None
    ) -> Store:
        """Open (creating if needed) the collection in ``data_dir``, migrated and merged. A
        file we cannot use is reported and left exactly as it is (``storage/opening``)."""
        now = now or dt.datetime.now().astimezone()
        data_dir = Path(data_dir)
        revision = ready_to_open(data_dir, SCHEMA_REVISION)
        store = cls(data_dir)
        try:
            store._migrate(revision, now)
            store.settings.reload()
            store._merge_shipped(deck, now)
        except BaseException as error:
            store.file.dispose()
            if is_sqlite_error(error):
                raise error_from_sqlite(store.path, error) from error
            raise
        store.file.writes.changed = False
        return store

    @classmethod
    def open_to_read(cls, data_dir: Path) -> Store:
        """The collection in ``data_dir`` as it is, when its disk is too full to open it:
        nothing migrated, merged, backed up or written (``storage/read_only``)."""
        from imperfect_trainer.deck.storage.read_only import open_read_only

        store = cls(data_dir, open_read_only(data_dir / DATABASE_NAME, SCHEMA_REVISION))
        try:
            store.settings.reload()
        except BaseException:
            store.file.dispose()
            raise
        return store

    @classmethod
    def open_server(
        cls,
        address: ServerAddress,
        data_dir: Path,
        *,
        now: dt.datetime | None = None,
        deck: Deck | None = None,
    ) -> Store:
        """Open this person's collection in a programme's PostgreSQL database (the login role
        in ``address``), merging the shipped deck into it. ``data_dir`` is a local folder for
        its JSON backups. The schema is the programme's to upgrade (``server init``): one
        older or newer than this app is refused, and an upgrade under way is waited out."""
        from imperfect_trainer.deck.storage.postgres_collection import PostgresCollection
        from imperfect_trainer.deck.storage.programme import check_session

        now = now or dt.datetime.now().astimezone()
        secure_data_dir(data_dir)
        collection = PostgresCollection(address, SCHEMA_REVISION)
        try:
            with collection.engine.begin() as connection:
                check_session(connection, collection.where, SCHEMA_REVISION)
            store = cls(data_dir, collection)
            store.settings.reload()
            store._merge_shipped(deck, now)
        except collection.failures as error:
            collection.dispose()
            raise collection.error_from(error) from error
        except BaseException:
            collection.dispose()
            raise
        store.file.writes.changed = False
        return store

    @property
    def on_server(self) -> bool:
        return self.file.on_server

    @property
    def plain_sql(self) -> PlainStatements:
        """The statements of ``quick_transaction``, in this collection's dialect."""
        return self.file.plain_sql

    def close(self) -> None:
        try:
            self.flush_to_disk()
        finally:
            self.file.dispose()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def reopened(self, now: dt.datetime) -> None:
        """Bring a replaced file up to date, as ``open`` does: migrations, settings, deck."""
        self._migrate(inspect_collection(self.path), now)
        self.settings.reload(forget=True)
        self.cards.merge(builtin_deck(), now)
        self.file.writes.changed = False

    def _merge_shipped(self, deck: Deck | None, now: dt.datetime) -> None:
        """Merge ``deck``, or the shipped deck when its files changed since the last merge
        (only then is it parsed)."""
        if deck is not None or self.setting(settings_registry.DECK_FINGERPRINT) != (
            builtin_fingerprint()
        ):
            self.last_merge = self.cards.merge(deck or builtin_deck(), now)

    def _migrate(self, revision: str | None, now: dt.datetime) -> None:
        if revision == SCHEMA_REVISION:
            return
        if revision is not None:
            self.backup(now)
        upgrade(self.file.engine)

    # -------------------------------------------------------------- transactions and disk

    def unit_of_work(self) -> AbstractContextManager[Session]:
        """One user action: one session, one transaction, committed on the way out."""
        return self.transactions.unit_of_work()

    def statements(self) -> AbstractContextManager[Connection]:
        """One action of plain table statements: one connection and transaction, no Session."""
        return self.transactions.statements()

    def quick_transaction(self) -> AbstractContextManager[PlainCursor]:
        """One transaction of ``plain_sql``'s statements on the kept connection."""
        return self.transactions.quick_transaction()

    def driver_rows(
        self, session: Session, statement: str, parameters: Sequence[object] = ()
    ) -> Iterator[Any]:
        """A plain ``statement`` (``?`` parameters) on the driver's cursor, inside ``session``."""
        return self.transactions.driver_rows(session, statement, parameters)

    def driver_sql(self, statement: str) -> str:
        """A plain ``statement`` (``?`` parameters) in the driver's own style."""
        return self.transactions.driver_sql(statement)

    def flush_to_disk(self) -> None:
        """Make every committed action durable on disk (``Transactions.flush_to_disk``)."""
        self.transactions.flush_to_disk()

    def mark_written(self) -> None:
        """Count writes made to the file on another connection (the window's sync) as this
        store's own: flushed, and backed up on close."""
        self.file.writes.note()

    # ---------------------------------------------------------------------------- settings

    def setting(self, key: str) -> Any:
        return self.settings.setting(key)

    def set_setting(self, key: str, value: Any) -> None:
        """Save one setting; a value the registry does not allow raises ``SettingValueError``."""
        self.settings.set_setting(key, value)

    def practice_day(self, now: dt.datetime) -> dt.date:
        return self.settings.practice_day(now)

    # ------------------------------------------------------------- the verbs of a day

    def todays_practice(self, now: dt.datetime, *, limit: int = CARDS_AT_ONCE) -> TodaysPractice:
        return self.today.practice(now, limit=limit)

    def card(self, card_id: str) -> PracticeCard:
        return self.today.card(card_id)

    def add_cards(self, contents: Sequence[CardContent], now: dt.datetime) -> int:
        return self.cards.add_own(contents, now)

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
        return self.answers.record(
            card_id,
            grade,
            now=now,
            session_id=session_id,
            duration_ms=duration_ms,
            drill_only=drill_only,
            reflection=reflection,
        )

    def stats(self, now: dt.datetime) -> Stats:
        counts, totals = self.today.counts(now), self.answers.totals()
        return Stats(
            counts.cards,
            counts.due_today,
            counts.new_waiting,
            totals.answers,
            totals.days_practised,
            totals.minutes_practised,
        )

    def check(self) -> HealthReport:
        return self.safety.check()

    def backup(self, now: dt.datetime) -> Path:
        return self.safety.backup(now)

    def restore(self, backup: Path, now: dt.datetime) -> Path | None:
        kept = self.safety.restore(backup, now)
        self.reopened(now)
        return kept
