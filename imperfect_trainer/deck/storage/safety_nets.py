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
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text

from imperfect_trainer.deck.storage import health
from imperfect_trainer.deck.storage.backup_jobs import BackupJob, RestoreJob
from imperfect_trainer.deck.storage.store_errors import DatabaseDamagedError, StoreError
from imperfect_trainer.deck.storage.transactions import Transactions

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
    def __init__(
        self,
        transactions: Transactions,
        data_dir: Path,
        practice_day: Callable[[dt.datetime], dt.date],
    ) -> None:
        self.transactions = transactions
        self.file = transactions.collection
        self.data_dir = data_dir
        self.practice_day = practice_day
        self.last_backup_at: dt.datetime | None = None

    def quick_damage(self) -> str | None:
        """What SQLite's quick check finds wrong with the file's pages, or None; a read that
        fails as damage is damage too."""
        try:
            with self.file.engine.connect() as connection:
                return health.quick_damage(connection)
        except self.file.failures as error:
            failure = self.file.error_from(error)
            if not isinstance(failure, DatabaseDamagedError):
                raise failure from error
            return failure.problem

    def check(self) -> HealthReport:
        """SQLite's own checks and ours; nothing is changed. A damaged file is reported as
        such, never as a traceback."""
        path = self.file.where
        try:
            with self.file.engine.connect() as connection:
                problems = health.describe(connection)
                if problems and problems[0].startswith("SQLite's"):
                    return HealthReport(path, tuple(problems), 0, 0, damaged=True)
                cards = connection.execute(text("SELECT count(*) FROM cards")).scalar() or 0
                reviews = connection.execute(text("SELECT count(*) FROM reviews")).scalar() or 0
        except self.file.failures as error:
            failure = self.file.error_from(error)
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
        with self.transactions.statements() as connection:
            return health.repair(connection, self.practice_day(now))

    def backup(self, now: dt.datetime) -> Path:
        """Take a backup now, checked, then thin the old ones. A collection that fails SQLite's
        check is not backed up (``DatabaseDamagedError``)."""
        return self.begin_backup(now).take()

    def begin_backup(self, now: dt.datetime) -> BackupJob:
        """A backup to take on any thread (``backup_jobs``); begun on the store's."""
        return BackupJob(self.file, self.data_dir, self, now)

    def backup_due(self, now: dt.datetime, *, every: dt.timedelta = BACKUP_EVERY) -> bool:
        """Something changed and the last backup is older than ``every``."""
        if not self.file.writes.changed:
            return False
        return self.last_backup_at is None or abs(now - self.last_backup_at) >= every

    def backup_if_due(self, now: dt.datetime, *, every: dt.timedelta = BACKUP_EVERY) -> Path | None:
        """A backup when ``backup_due``."""
        return self.backup(now) if self.backup_due(now, every=every) else None

    def restore(self, backup: Path, now: dt.datetime) -> Path | None:
        """Replace the collection with ``backup``; returns where the current one was kept. The
        new file is connected to, not yet brought up to date (``Store.restore`` does that).

        A backup is taken first when the collection allows one; either way the current file
        and its WAL are copied aside, byte for byte, before anything replaces them."""
        job = self.begin_restore(backup, now)
        job.prepare()
        return job.swap()

    def begin_restore(self, backup: Path, now: dt.datetime) -> RestoreJob:
        """A restore in steps (``backup_jobs``), for a local collection only."""
        if self.file.on_server:
            raise StoreError(
                self.file.where,
                "is a programme's server collection, which a local backup does not replace",
                "its backups are JSON exports: import one into an empty collection; "
                "the server's own backups are the programme administrator's",
            )
        return RestoreJob(self.transactions, self.begin_backup(now), backup)
