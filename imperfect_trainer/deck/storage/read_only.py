"""The collection read without writing a byte: the way out when its disk is full.

Opening a collection writes (the WAL's side files, settings, the shipped deck, migrations), so
on a full disk it fails, and with it ``stats`` and an ``export`` that would rescue the answers
to another disk. This reads the file as it is instead. SQLite offers two ways:

- ``immutable=1`` reads the main file alone, with no lock and no side file. It is used only
  when no WAL holds changes and no other Imperfect Trainer has the folder open: the app's
  instance lock is held shared (never created) meanwhile, so none can start writing.
- ``mode=ro`` reads through the WAL as any reader does: after a crash the WAL holds committed
  answers that ``immutable`` would silently miss. It needs the WAL's index, the -shm file; when
  that cannot be had without room on the disk, the collection is refused with a message saying
  so, rather than read without its latest answers.

Only a collection at this app's own schema is read (an update would have to write), and every
connection is opened ``mode=ro``: a write attempted by mistake fails and says why.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.deck.storage.collection_file import (
    begin_transaction,
    has_wal,
    inspect_collection,
    read_only_connection,
)
from imperfect_trainer.deck.storage.instance_lock import LOCK_NAME
from imperfect_trainer.deck.storage.restore import PENDING_NAME
from imperfect_trainer.deck.storage.sqlite_collection import SqliteCollection
from imperfect_trainer.deck.storage.store_errors import DiskFullError, StoreError

if TYPE_CHECKING:
    import datetime as dt

    from sqlalchemy import Engine

_SQLITE_READONLY = 8


class ReadOnlyCollection(SqliteCollection):
    """The collection file ``path`` opened to read: every connection read-only, nothing
    flushed or backed up. ``lock`` is the instance lock's descriptor held shared, if any."""

    def __init__(self, path: Path, *, immutable: bool, lock: int | None) -> None:
        super().__init__(path, on_engine=_unwatched)
        self.immutable = immutable
        self._lock = lock

    @property
    def engine(self) -> Engine:
        if self._engine is None:
            from sqlalchemy import URL, create_engine, event

            self._engine = create_engine(
                URL.create("sqlite", database=str(self.path)), creator=self._connect
            )
            event.listen(self._engine, "begin", begin_transaction)
        return self._engine

    def driver(self) -> sqlite3.Connection:
        if self._quick is None:
            self._quick = self._connect()
        return self._quick

    def _connect(self) -> sqlite3.Connection:
        connection = read_only_connection(self.path, immutable=self.immutable)
        connection.isolation_level = None  # BEGIN and COMMIT are ours, as on every connection
        return connection

    def dispose(self) -> None:
        super().dispose()
        if self._lock is not None:
            os.close(self._lock)
            self._lock = None

    def error_from(self, error: BaseException) -> StoreError:
        code = getattr(getattr(error, "orig", None) or error, "sqlite_errorcode", None)
        if isinstance(code, int) and code & 0xFF == _SQLITE_READONLY:
            return DiskFullError(
                self.path, "was opened read-only because its disk is full, so it cannot be changed"
            )
        return super().error_from(error)

    def flush_to_disk(self) -> None:
        """Nothing to flush: these connections cannot write."""

    def write_backup(self, data_dir: Path, now: dt.datetime) -> Path:
        raise DiskFullError(self.path, "cannot be backed up: its disk is full")


def open_read_only(path: Path, revision: str) -> ReadOnlyCollection:
    """The collection at ``path`` to read as it is, if it is at schema ``revision``; else
    ``StoreError`` says why it cannot be read without room to write, and nothing is changed."""
    if (path.parent / PENDING_NAME).exists():
        raise DiskFullError(
            path, "has a restore waiting to be finished, which needs room on its disk"
        )
    if not (path.exists() or path.is_symlink()):
        raise DiskFullError(path, "does not exist yet, and its disk is full")
    wal_written = has_wal(path)
    try:
        found = inspect_collection(path)
    except DiskFullError as error:
        if not wal_written:
            raise
        raise DiskFullError(
            path,
            f"cannot be read: its latest answers are still in {path.name}-wal, which SQLite "
            f"reads only with a little room on the disk (for {path.name}-shm), and the disk is "
            "full",
        ) from error
    if found is None:
        raise DiskFullError(path, "holds no collection yet, and its disk is full")
    if found != revision:
        raise DiskFullError(
            path,
            f"was made by an older version of Imperfect Trainer (schema {found}) and must be "
            "updated before it can be read, which needs room on its disk",
        )
    lock = _SharedLock(path.parent / LOCK_NAME)
    return ReadOnlyCollection(path, immutable=lock.nobody_else and not wal_written, lock=lock.fd)


class _SharedLock:
    """The app's instance lock held shared, without creating its file: while it is held, no
    window or command can take it to write. ``nobody_else`` is False when another has it (or,
    on Windows, when that cannot be told)."""

    def __init__(self, path: Path) -> None:
        self.fd: int | None = None
        self.nobody_else = False
        if sys.platform == "win32":
            return
        import fcntl

        try:
            fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW)
        except OSError as error:
            # No lock file: no app has ever held this folder's lock, so none holds it now.
            self.nobody_else = error.errno == errno.ENOENT
            return
        try:
            fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            return
        self.fd = fd
        self.nobody_else = True


def _unwatched(_engine: Engine) -> None:
    """The ``Store`` watches the engine it is given itself."""
