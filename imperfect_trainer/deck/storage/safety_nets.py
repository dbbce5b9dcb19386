"""The collection's safety nets: backups, restore, Check Database and its safe repairs.

Each is itself unable to lose data: a backup is checked before it counts, a restore copies the
current collection aside before replacing it (``restore``), a repair runs after a backup in one
transaction, and a damaged collection is reported as such (never backed up as a good one).
"""

from __future__ import annotations

import datetime as dt
import sqlite3
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from imperfect_trainer.deck.storage import backups, health
from imperfect_trainer.deck.storage.collection_file import inspect_collection
from imperfect_trainer.deck.storage.restore import restore_collection
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseDamagedError,
    error_from_os,
    error_from_sqlite,
)

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

BACKUP_EVERY = dt.timedelta(minutes=30)


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
            answers = "1 answer" if self.reviews == 1 else f"{self.reviews} answers"
            return f"healthy: {self.path} ({self.cards} cards, {answers})"
        if self.damaged:
            return f"damaged: {self.path}: " + "; ".join(self.problems)
        return f"problems in {self.path}: " + "; ".join(self.problems)


class SafetyNets:
    def __init__(self, store: Store) -> None:
        self.store = store
        self.last_backup_at: dt.datetime | None = None

    def check(self) -> HealthReport:
        """SQLite's own checks and ours; nothing is changed. A damaged file is reported as
        such, never as a traceback."""
        path = self.store.path
        try:
            with self.store.file.engine.connect() as connection:
                problems = health.describe(connection)
                if problems and problems[0].startswith("SQLite's"):
                    return HealthReport(path, tuple(problems), 0, 0, damaged=True)
                cards = connection.execute(text("SELECT count(*) FROM cards")).scalar() or 0
                reviews = connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0
        except (DBAPIError, sqlite3.Error) as error:
            failure = error_from_sqlite(path, error)
            if not isinstance(failure, DatabaseDamagedError):
                raise failure from error
            return HealthReport(path, (failure.problem,), 0, 0, damaged=True)
        return HealthReport(path, tuple(problems), cards, reviews)

    def repair(self, now: dt.datetime) -> list[str]:
        """Fix what is safe to fix, after a backup; a healthy collection is left untouched.

        A damaged collection cannot be backed up (a backup must be good); the one repair tried
        on it, rebuilding the indexes, cannot lose data, and SQLite's WAL keeps it atomic."""
        report = self.check()
        if report.healthy:
            return []
        if not report.damaged:
            self.backup(now)
        with self.store.statements() as connection:
            return health.repair(connection, self.store.practice_day(now))

    def backup(self, now: dt.datetime) -> Path:
        """Take a backup now, checked, then thin the old ones. A collection that fails SQLite's
        check is not backed up (``DatabaseDamagedError``)."""
        try:
            path = self.store.file.write_backup(self.store.data_dir, now)
            backups.thin_backups(self.store.data_dir, now)
        except OSError as error:
            folder = backups.backup_folder(self.store.data_dir)
            raise error_from_os(folder, error, "writing the backup") from error
        except (DBAPIError, sqlite3.Error) as error:
            raise error_from_sqlite(self.store.path, error) from error
        self.last_backup_at = now
        self.store.changed = False
        return path

    def backup_if_due(self, now: dt.datetime, *, every: dt.timedelta = BACKUP_EVERY) -> Path | None:
        """A backup when something changed and the last one is older than ``every``."""
        if not self.store.changed:
            return None
        if self.last_backup_at is not None and abs(now - self.last_backup_at) < every:
            return None
        return self.backup(now)

    def restore(self, backup: Path, now: dt.datetime) -> Path | None:
        """Replace the collection with ``backup``; returns where the current one was kept.

        A backup is taken first when the collection allows one; either way the current file
        and its WAL are copied aside, byte for byte, before anything replaces them."""
        inspect_collection(backup)
        damaged = False
        try:
            self.backup(now)
        except DatabaseDamagedError:
            damaged = True  # kept as it is by the copy aside below
        self.store.flush_to_disk()
        self.store.file.dispose()
        try:
            kept = restore_collection(self.store.data_dir, backup, now, current_damaged=damaged)
        finally:
            self.store.reconnect()
        self.store.reopened(now)
        return kept
