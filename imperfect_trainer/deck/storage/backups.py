"""Backups of the collection: taken with SQLite's online backup API, kept in ``DIR/backups``.

Never a file copy of a live database: the backup API copies a consistent snapshot even while
the WAL holds recent commits. Each backup is checked by SQLite before it counts (a damaged
collection is refused, never saved as if it were good), numbered in the order it was taken, and
only then are old ones thinned: everything from today, then the newest of each of the last 7
days, 4 weeks and 12 months, and always the last ``KEEP_LATEST`` taken, whatever the dates in
their names say. The clock can be wrong; the order in which backups were taken cannot.
"""

from __future__ import annotations

import datetime as dt
import os
import re
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from imperfect_trainer.deck.storage.collection_file import (
    BACKUP_FOLDER,
    integrity_problems,
    verify_collection,
)
from imperfect_trainer.deck.storage.private_files import (
    flush_file,
    flush_folder,
    new_partial,
    place_new,
    tighten_entries,
)
from imperfect_trainer.deck.storage.store_errors import DatabaseDamagedError, StoreError

_PREFIX = "collection-"
_SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S"
# collection-20261123-083000-s000042.sqlite3; before sequence numbers, -2, -3 … broke ties.
_NAME = re.compile(r"^collection-(\d{8}-\d{6})(?:-s(\d+)|-(\d+))?\.sqlite3$")
KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_MONTHS = 12
KEEP_LATEST = 10
# Left in the data folder while the backup on close is taken: a start that finds it takes the
# backup a kill or a power cut took away.
OWED_NAME = ".backup-owed"


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # local time, as in the file name
    size: int
    sequence: int  # the order backups were taken in; 0 for those named before it was kept


def backup_folder(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups in ``data_dir``, the last taken first."""
    folder = backup_folder(data_dir)
    if not folder.is_dir() or folder.is_symlink():
        return []
    found: list[tuple[Backup, int]] = []
    for path in folder.iterdir():
        match = _NAME.match(path.name)
        if match is None or path.is_symlink() or not path.is_file():
            continue
        try:
            taken_at = dt.datetime.strptime(match.group(1), _STAMP)
        except ValueError:
            continue
        sequence = int(match.group(2) or 0)
        tie = int(match.group(3) or 1)
        found.append((Backup(path, taken_at, path.stat().st_size, sequence), tie))
    found.sort(key=lambda pair: (pair[0].sequence, pair[0].taken_at, pair[1]), reverse=True)
    return [backup for backup, _ in found]


def write_backup(
    source: sqlite3.Connection, data_dir: Path, collection: Path, now: dt.datetime
) -> Path:
    """Copy the open database into a new private backup, checked before it counts.

    Raises ``DatabaseDamagedError`` (and keeps nothing) when the copy fails SQLite's check: a
    damaged collection must never stand in the list as a good backup.
    """
    folder = backup_folder(data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    tighten_entries(data_dir, (BACKUP_FOLDER,))  # a link here would send backups elsewhere
    partial = new_partial(folder, "collection")
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
        problems = integrity_problems(partial, quick=True)
        if problems:
            raise DatabaseDamagedError(
                collection,
                "fails SQLite's check, so no backup was taken (" + "; ".join(problems[:3]) + ")",
                "your earlier backups are kept; run Check Database",
            )
        flush_file(partial)
        sequence = _next_sequence(folder)
        while True:
            final = folder / f"{_PREFIX}{now.strftime(_STAMP)}-s{sequence:06d}{_SUFFIX}"
            try:
                place_new(partial, final)
                return final
            except FileExistsError:
                sequence += 1
    finally:
        partial.unlink(missing_ok=True)


def owe_backup(data_dir: Path) -> None:
    """Leave word that a backup is owed until ``backup_paid``."""
    # Not through a link, and never waiting on a FIFO planted in its place (no reader: ENXIO).
    flags = os.O_WRONLY | os.O_CREAT | os.O_NOFOLLOW | os.O_NONBLOCK
    os.close(os.open(data_dir / OWED_NAME, flags, 0o600))
    flush_folder(data_dir)


def backup_owed(data_dir: Path) -> bool:
    return (data_dir / OWED_NAME).is_file()


def backup_paid(data_dir: Path) -> None:
    (data_dir / OWED_NAME).unlink(missing_ok=True)


def _next_sequence(folder: Path) -> int:
    numbers = [int(m.group(2) or 0) for p in folder.iterdir() if (m := _NAME.match(p.name))]
    return max(numbers, default=0) + 1


def backups_to_keep(times: Iterable[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """Which backup times the calendar rule keeps: all of today's, then the newest of each
    recent day, week and month. A time more than a day ahead of ``now`` is not judged by
    the calendar at all (one of the two clocks is wrong); the sequence rule decides for it."""
    today = now.date()
    keep: set[dt.datetime] = set()
    seen_days: set[dt.date] = set()
    seen_weeks: set[tuple[int, int]] = set()
    seen_months: set[tuple[int, int]] = set()
    for taken_at in sorted(times, reverse=True):
        day = taken_at.date()
        age_days = (today - day).days
        if age_days < -1:
            continue
        week = day.isocalendar()[:2]
        month = (day.year, day.month)
        months_ago = (today.year - day.year) * 12 + today.month - day.month
        if age_days <= 0:
            keep.add(taken_at)
        if 0 < age_days <= KEEP_DAYS and day not in seen_days:
            keep.add(taken_at)
        if 0 < age_days <= KEEP_WEEKS * 7 and week not in seen_weeks:
            keep.add(taken_at)
        if 0 < months_ago <= KEEP_MONTHS and month not in seen_months:
            keep.add(taken_at)
        seen_days.add(day)
        seen_weeks.add(week)
        seen_months.add(month)
    return keep


def thin_backups(data_dir: Path, now: dt.datetime) -> list[Path]:
    """Delete the backups neither rule keeps; returns what was deleted."""
    backups = list_backups(data_dir)
    by_calendar = backups_to_keep((b.taken_at for b in backups), now)
    deleted = []
    for backup in backups[KEEP_LATEST:]:
        if backup.taken_at not in by_calendar:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def newest_good_backup(data_dir: Path) -> Backup | None:
    """The last backup taken that SQLite reads as a whole collection of a schema we know."""
    for backup in list_backups(data_dir):
        try:
            verify_collection(backup.path)
        except StoreError:
            continue
        return backup
    return None
