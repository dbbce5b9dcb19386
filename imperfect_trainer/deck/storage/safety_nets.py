"""The collection's safety nets: backups, restore, Check Database and its safe repairs.

On a programme's server a backup is a JSON export of the person's collection (see
``postgres_collection``), the check runs our own rules (PostgreSQL keeps its pages and foreign
keys itself), and restore is for local collections only.

Each is itself unable to lose data: a backup is checked before it counts, a restore copies the
current collection aside before replacing it (``restore``), a repair runs after a backup in one
transaction, and a damaged collection is reported as such (never backed up as a good one).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import text

from imperfect_trainer.deck.storage import backups, health
from imperfect_trainer.deck.storage.collection_file import inspect_collection
from imperfect_trainer.deck.storage.restore import restore_collection
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseDamagedError,
    StoreError,
    error_from_os,
)

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

BACKUP_EVERY = dt.timedelta(minutes=30)


@dataclass(frozen=True, slots=True)
class HealthReport:
    path: Path | str
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

    def quick_damage(self) -> str | None:
        """What SQLite's quick check finds wrong with the file's pages, or None; a read that
        fails as damage is damage too."""
        try:
            with self.store.file.engine.connect() as connection:
                return health.quick_damage(connection)
        except self.store.file.failures as error:
            failure = self.store.file.error_from(error)
            if not isinstance(failure, DatabaseDamagedError):
                raise failure from error
            return failure.problem

    def check(self) -> HealthReport:
        """SQLite's own checks and ours; nothing is changed. A damaged file is reported as
        such, never as a traceback."""
        path = self.store.file.where
        try:
            with self.store.file.engine.connect() as connection:
                problems = health.describe(connection)
                if problems and problems[0].startswith("SQLite's"):
                    return HealthReport(path, tuple(problems), 0, 0, damaged=True)
                cards = connection.execute(text("SELECT count(*) FROM cards")).scalar() or 0
                reviews = connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0
        except self.store.file.failures as error:
            failure = self.store.file.error_from(error)
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
        except self.store.file.failures as error:
            raise self.store.file.error_from(error) from error
        self.last_backup_at = now
        self.store.file.writes.changed = False
        return path

    def backup_if_due(self, now: dt.datetime, *, every: dt.timedelta = BACKUP_EVERY) -> Path | None:
        """A backup when something changed and the last one is older than ``every``."""
        if not self.store.file.writes.changed:
            return None
        if self.last_backup_at is not None and abs(now - self.last_backup_at) < every:
            return None
        return self.backup(now)

    def restore(self, backup: Path, now: dt.datetime) -> Path | None:
        """Replace the collection with ``backup``; returns where the current one was kept.

        A backup is taken first when the collection allows one; either way the current file
        and its WAL are copied aside, byte for byte, before anything replaces them."""
        if self.store.on_server:
            raise StoreError(
                self.store.file.where,
                "is a programme's server collection, which a local backup does not replace",
                "its backups are JSON exports: import one into an empty collection; "
                "the server's own backups are the programme administrator's",
            )
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
