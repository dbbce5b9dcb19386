"""Backups of the collection: taken with SQLite's online backup API, kept in ``DIR/backups``.

Never a file copy of a live database: the backup API copies a consistent snapshot even while
the WAL holds recent commits. Old backups are thinned like Anki's: everything from today, then
the newest of each of the last 7 days, 4 weeks and 12 months.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

BACKUP_FOLDER = "backups"
_PREFIX = "collection-"
_SUFFIX = ".sqlite3"
_STAMP = "%Y%m%d-%H%M%S"
KEEP_DAYS = 7
KEEP_WEEKS = 4
KEEP_MONTHS = 12


@dataclass(frozen=True, slots=True)
class Backup:
    path: Path
    taken_at: dt.datetime  # local time, as in the file name
    size: int


def backup_folder(data_dir: Path) -> Path:
    return data_dir / BACKUP_FOLDER


def list_backups(data_dir: Path) -> list[Backup]:
    """The backups in ``data_dir``, newest first."""
    folder = backup_folder(data_dir)
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        taken_at = _taken_at(path.name)
        if taken_at is not None and path.is_file():
            found.append(Backup(path, taken_at, path.stat().st_size))
    return sorted(found, key=lambda backup: (backup.taken_at, backup.path.name), reverse=True)


def write_backup(source: sqlite3.Connection, data_dir: Path, now: dt.datetime) -> Path:
    """Copy the open database into a new private backup file; returns its path."""
    folder = backup_folder(data_dir)
    folder.mkdir(mode=0o700, exist_ok=True)
    final = _free_name(folder, now)
    partial = final.with_name(final.name + ".partial")
    # The partial file is the owner's alone from its first byte, then renamed into place, so a
    # crash mid-backup never leaves something that looks like a finished backup.
    os.close(os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
    try:
        target = sqlite3.connect(partial)
        try:
            source.backup(target)
        finally:
            target.close()
        os.replace(partial, final)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return final


def backups_to_keep(times: Iterable[dt.datetime], now: dt.datetime) -> set[dt.datetime]:
    """Which backup times survive thinning: all of today's, then the newest of each recent
    day, week and month."""
    today = now.date()
    keep: set[dt.datetime] = set()
    seen_days: set[dt.date] = set()
    seen_weeks: set[tuple[int, int]] = set()
    seen_months: set[tuple[int, int]] = set()
    for taken_at in sorted(times, reverse=True):
        day = taken_at.date()
        age_days = (today - day).days
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
    """Delete the backups thinning doesn't keep; returns what was deleted."""
    backups = list_backups(data_dir)
    keep = backups_to_keep((b.taken_at for b in backups), now)
    deleted = []
    for backup in backups:
        if backup.taken_at not in keep:
            backup.path.unlink(missing_ok=True)
            deleted.append(backup.path)
    return deleted


def _free_name(folder: Path, now: dt.datetime) -> Path:
    stamp = now.strftime(_STAMP)
    candidate = folder / f"{_PREFIX}{stamp}{_SUFFIX}"
    number = 2
    while candidate.exists():
        candidate = folder / f"{_PREFIX}{stamp}-{number}{_SUFFIX}"
        number += 1
    return candidate


def _taken_at(name: str) -> dt.datetime | None:
    if not (name.startswith(_PREFIX) and name.endswith(_SUFFIX)):
        return None
    stamp = name[len(_PREFIX) : -len(_SUFFIX)]
    try:
        return dt.datetime.strptime(stamp[:15], _STAMP)
    except ValueError:
        return None
