"""What only SQLite has, behind one small seam: the rest of the core speaks SQLAlchemy.

``Store`` and the rooms around it run dialect-neutral ORM queries through ``Store``'s units of
work. The few things that are SQLite's own live here: the engine and its connection settings
(WAL, ``synchronous=NORMAL``, foreign keys: one connect listener, in ``collection_file``), the
driver's cursor for the answer's fast path, the fsync of the WAL that makes commits durable,
and the online backup API. A PostgreSQL collection is a second class beside this one.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from collections.abc import Callable

    from sqlalchemy import Connection, Engine

from imperfect_trainer.deck.storage.answer_storage import LocalAnswers
from imperfect_trainer.deck.storage.collection_file import (
    BUSY_TIMEOUT_SECONDS,
    make_engine,
    quick_connection,
    side_files,
)
from imperfect_trainer.deck.storage.kept_connection import PlainCursor, Writes
from imperfect_trainer.deck.storage.plain_sql import SQLITE, PlainStatements
from imperfect_trainer.deck.storage.store_errors import (
    DiskWriteError,
    StoreError,
    error_from_os,
    error_from_sqlite,
)


class SqliteCollection:
    """The collection file ``path``: its engine and the SQLite-only operations on it.

    The engine (and with it SQLAlchemy) is made on first use: what the person waits for
    first, today's cards and the answer, runs on a plain connection of its own.
    """

    plain_sql: PlainStatements = SQLITE
    on_server = False

    def __init__(self, path: Path, on_engine: Callable[[Engine], None]) -> None:
        self.path = path
        self.where: Path | str = path
        self.writes = Writes()
        self.answers = LocalAnswers(self)
        self._wal = side_files(path)[0]
        self._on_engine = on_engine
        self._engine: Engine | None = None
        self._quick: sqlite3.Connection | None = None

    @property
    def failures(self) -> tuple[type[BaseException], ...]:
        """What a failing database raises: the driver's own errors (the kept connection), and
        SQLAlchemy's wrapped ones once it is in use."""
        if self._engine is None:
            return (sqlite3.Error,)
        from sqlalchemy.exc import DBAPIError

        return (DBAPIError, sqlite3.Error)

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            self._engine = make_engine(self.path)
            self._on_engine(self._engine)
        return self._engine

    def dispose(self) -> None:
        if self._quick is not None:
            self._quick.close()
            self._quick = None
        if self._engine is not None:
            self._engine.dispose()
            self._engine = None

    def reconnect(self) -> None:
        """Start again on the same path (after the file itself was replaced)."""
        self.dispose()

    @staticmethod
    def cursor(connection: Connection) -> sqlite3.Cursor:
        """The driver's own cursor inside ``connection``'s transaction: statement building and
        result wrapping cost more than SQLite's work for a handful of rows. It takes ``?``
        parameters, and its rows are plain tuples."""
        driver: Any = connection.connection.driver_connection
        assert isinstance(driver, sqlite3.Connection)
        return driver.cursor()

    @staticmethod
    def sql(statement: str) -> str:
        """Statements are written with SQLite's own ``?`` parameters."""
        return statement

    def error_from(self, error: BaseException) -> StoreError:
        return error_from_sqlite(self.path, error)

    @contextmanager
    def quick_transaction(self) -> Iterator[PlainCursor]:
        """One transaction on a connection kept for the few statements waited on (the answer,
        today's cards): BEGIN and COMMIT go straight to SQLite, where SQLAlchemy's pool
        checkout, events and reset cost twice SQLite's own work."""
        try:
            driver = self.driver()
            driver.execute("BEGIN")
            try:
                yield driver.cursor()
                driver.execute("COMMIT")
            except BaseException:
                if driver.in_transaction:
                    driver.execute("ROLLBACK")
                raise
        except sqlite3.Error as error:
            raise self.error_from(error) from error

    @contextmanager
    def quick_statements(self) -> Iterator[PlainCursor]:
        """The kept connection's cursor outside a transaction (a lone read)."""
        try:
            yield self.driver().cursor()
        except sqlite3.Error as error:
            raise self.error_from(error) from error

    def driver(self) -> sqlite3.Connection:
        """The kept connection (made on first use, with the engine's connection settings)."""
        if self._quick is None:
            self._quick = quick_connection(self.path)
        return self._quick

    def flush_to_disk(self) -> None:
        """fsync the WAL: what ``synchronous=FULL`` does inside each commit, done once, later.
        An error is raised (the caller keeps the data marked unflushed and asks again)."""
        try:
            descriptor = os.open(self._wal, os.O_RDONLY)
        except FileNotFoundError:
            return  # already checkpointed into the main file, which SQLite synced
        except OSError as error:
            raise error_from_os(self.path, error, "saving your last changes to disk") from error
        try:
            os.fsync(descriptor)
        except OSError as error:
            raise DiskWriteError(
                self.path, f"could not be saved to disk ({error.strerror})"
            ) from error
        finally:
            os.close(descriptor)

    def write_backup(self, data_dir: Path, now: dt.datetime) -> Path:
        """A consistent, checked copy into ``data_dir``'s backups (SQLite's online backup API,
        which copies a snapshot even while the WAL holds recent commits). It reads on a
        connection of its own, never the kept one, which is bound to the store's thread: a
        backup may be taken on a worker while the store goes on writing."""
        from imperfect_trainer.deck.storage import backups  # not needed for the first card

        source = sqlite3.connect(self.path, timeout=BUSY_TIMEOUT_SECONDS)
        try:
            source.execute("PRAGMA query_only = ON")
            return backups.write_backup(source, data_dir, self.path, now)
        finally:
            source.close()
