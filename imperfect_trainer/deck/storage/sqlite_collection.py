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
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from imperfect_trainer.deck.storage import backups
from imperfect_trainer.deck.storage.collection_file import make_engine, side_files
from imperfect_trainer.deck.storage.store_errors import (
    DiskWriteError,
    StoreError,
    error_from_os,
    error_from_sqlite,
)


class SqliteCollection:
    """The collection file ``path``: its engine and the SQLite-only operations on it."""

    dialect = "sqlite"
    # What a failing database raises: SQLAlchemy's wrapped errors, and the driver's own from
    # its cursor (the answer's fast path).
    failures: tuple[type[BaseException], ...] = (DBAPIError, sqlite3.Error)

    def __init__(self, path: Path) -> None:
        self.path = path
        self.where: Path | str = path
        self.engine: Engine = make_engine(path)

    def dispose(self) -> None:
        self.engine.dispose()

    def reconnect(self) -> None:
        """A new engine on the same file (after the file itself was replaced)."""
        self.engine.dispose()
        self.engine = make_engine(self.path)

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

    def ids_taken(self, connection: Connection) -> None:
        """Rows copied in with their own ids need nothing: SQLite numbers past the largest."""

    def flush_to_disk(self) -> None:
        """fsync the WAL: what ``synchronous=FULL`` does inside each commit, done once, later.
        An error is raised (the caller keeps the data marked unflushed and asks again)."""
        try:
            descriptor = os.open(side_files(self.path)[0], os.O_RDONLY)
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
        which copies a snapshot even while the WAL holds recent commits)."""
        with self.engine.connect() as connection:
            source = connection.connection.driver_connection
            assert isinstance(source, sqlite3.Connection)
            return backups.write_backup(source, data_dir, self.path, now)
