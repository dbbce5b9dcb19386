"""A backup and a restore in steps, so that a window can take the slow ones on a worker.

The store (its kept connection and its flags: what was written, when the last backup was taken)
belongs to the thread that opened it. A ``BackupJob`` is begun there (``SafetyNets.begin_backup``)
and then ``take``n on any thread: the collection writes it on a connection of its own, never the
store's (SQLite's online backup API on a new connection, which WAL mode lets read a snapshot
while the store goes on writing; on a server, a connection of the pool's). A write made while
it is taken marks the collection as owing a backup again, so none is lost; a failed one puts
back what it found, so it changes nothing.

A ``RestoreJob`` does the same for a restore: ``prepare`` copies and checks the chosen backup and
takes the backup of how the collection is now (any thread; the collection stays in use), then
``swap`` puts the copy in place, which must hold the store: its connections are closed, the file
replaced (the current one copied aside byte for byte first, with whatever was written meanwhile)
and the store connected again. ``Store.restore`` brings the new file up to date afterwards.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from imperfect_trainer.deck.storage import backups
from imperfect_trainer.deck.storage.restore import put_in_place, verified_copy
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseDamagedError,
    DiskFullError,
    error_from_os,
)

if TYPE_CHECKING:
    from imperfect_trainer.deck.storage.collection import Collection
    from imperfect_trainer.deck.storage.transactions import Transactions


class BackupMoments(Protocol):
    """When the last backup was taken (the store's thread reads it to decide one is due)."""

    last_backup_at: dt.datetime | None


class BackupJob:
    """One backup: begun on the store's thread, ``take``n on any."""

    def __init__(
        self, collection: Collection, data_dir: Path, moments: BackupMoments, now: dt.datetime
    ) -> None:
        self.collection = collection
        self.data_dir = data_dir
        self.now = now
        self._moments = moments
        self._before = (moments.last_backup_at, collection.writes.changed)
        # Marked as taken from now: a write while it is taken marks the collection again.
        moments.last_backup_at = now
        collection.writes.changed = False

    def take(self) -> Path:
        """Write the backup, checked, and thin the old ones. On failure (a full disk, a damaged
        collection) the collection still owes a backup, and the error is a ``StoreError``."""
        collection = self.collection
        try:
            try:
                path = collection.write_backup(self.data_dir, self.now)
                backups.thin_backups(self.data_dir, self.now)
            except OSError as error:
                folder = backups.backup_folder(self.data_dir)
                raise error_from_os(folder, error, "writing the backup") from error
            except collection.failures as error:
                told = collection.error_from(error)
                if isinstance(told, DiskFullError):
                    # The full disk is the one the backup was being written to: name that
                    # folder, since the collection itself was only read.
                    folder = backups.backup_folder(self.data_dir)
                    raise DiskFullError(
                        folder, "writing the backup failed: the disk is full"
                    ) from error
                raise told from error
        except BaseException:
            self._put_back()
            raise
        return path

    def _put_back(self) -> None:
        # Only ever back to "owed": a write on the store's thread meanwhile says the same.
        last_at, changed = self._before
        if self._moments.last_backup_at == self.now:
            self._moments.last_backup_at = last_at
        if changed:
            self.collection.writes.changed = True


# How a begun backup is taken (on a worker): ``BackupJob.take``, or a test's hold on it.
TakeBackup = Callable[[BackupJob], Path]


class RestoreJob:
    """Putting ``backup`` in place of the collection: ``prepare`` on any thread, then ``swap``
    on the store's (or ``abandon`` when the person's restore is not to go ahead)."""

    def __init__(self, transactions: Transactions, backup_job: BackupJob, backup: Path) -> None:
        self.transactions = transactions
        self.backup_job = backup_job
        self.backup = backup
        self.data_dir = backup_job.data_dir
        self.current_damaged = False
        self._partial: Path | None = None

    def prepare(self) -> None:
        """The backup copied beside the collection and checked whole, then a backup of the
        collection as it is; a damaged collection is not backed up (``swap`` keeps it as it
        is). A chosen backup that is not a whole collection is refused before anything else."""
        self._partial = verified_copy(self.backup, self.data_dir)
        try:
            self.backup_job.take()
        except DatabaseDamagedError:
            self.current_damaged = True
        except BaseException:
            self.abandon()
            raise

    def swap(self) -> Path | None:
        """Put the prepared copy in place; returns where the current collection was kept. The
        new file is connected to, not yet brought up to date."""
        assert self._partial is not None, "prepare first"
        self.transactions.flush_to_disk()
        self.transactions.collection.dispose()
        try:
            return put_in_place(
                self.data_dir,
                self._partial,
                self.backup_job.now,
                current_damaged=self.current_damaged,
            )
        finally:
            self.abandon()
            self.transactions.reconnect()

    def abandon(self) -> None:
        if self._partial is not None:
            self._partial.unlink(missing_ok=True)
            self._partial = None
