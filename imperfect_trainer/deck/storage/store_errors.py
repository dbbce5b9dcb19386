"""What can go wrong with a collection, told apart, each with what the person can do about it.

SQLite reports the kind of failure in its result code; the text of its message is for people and
changes between versions, so the kind is always read from the code (``sqlite_errorcode``) and,
for the operating system's own errors, from ``errno``. Only a *damaged* collection is ever
offered a backup: a locked, read-only or full disk is not mended by going back in time.
"""

from __future__ import annotations

import errno
import shutil
import sqlite3
from pathlib import Path

# SQLite's primary result codes (https://sqlite.org/rescode.html).
_SQLITE_PERM = 3
_SQLITE_BUSY = 5
_SQLITE_LOCKED = 6
_SQLITE_READONLY = 8
_SQLITE_IOERR = 10
_SQLITE_CORRUPT = 11
_SQLITE_FULL = 13
_SQLITE_CANTOPEN = 14
_SQLITE_AUTH = 23
_SQLITE_NOTADB = 26
# Less room than this on a disk is a full disk, whatever the failing call called it.
_ALMOST_NOTHING = 256 * 1024


class StoreError(Exception):
    """The collection cannot be used; the message names the file, what is wrong and what to do."""

    advice = ""

    def __init__(self, path: Path | str, problem: str, advice: str | None = None) -> None:
        self.path = path
        self.problem = problem
        if advice is not None:
            self.advice = advice
        message = f"{path}: {problem}"
        super().__init__(f"{message}; {self.advice}" if self.advice else message)


class DatabaseDamagedError(StoreError):
    """The file is not a whole collection (empty, garbage, truncated, fails SQLite's checks)."""

    advice = "the file itself has not been changed; a backup can replace it"


class DatabaseTooNewError(StoreError):
    """The file was written by a newer version of the app."""

    advice = "open it with that newer version of Imperfect Trainer"


class SqliteTooOldError(StoreError):
    """The SQLite this Python was built with lacks what the collection's answers use."""

    advice = (
        "install Imperfect Trainer with a newer Python, or use the standalone bundle, which "
        "carries its own SQLite; nothing was changed"
    )


# An answer is written and read back in one statement (RETURNING, SQLite 3.35).
OLDEST_SQLITE = (3, 35, 0)


def check_sqlite_version(path: Path | str) -> None:
    """Refuse, before anything is written, a SQLite on which saving an answer would fail."""
    if sqlite3.sqlite_version_info < OLDEST_SQLITE:
        oldest = ".".join(map(str, OLDEST_SQLITE))
        raise SqliteTooOldError(
            path, f"this Python's SQLite is {sqlite3.sqlite_version}; answers need {oldest}"
        )


class DatabaseLockedError(StoreError):
    """Another program holds the collection."""

    advice = "close the other program that has it open, then try again; nothing was changed"


class DatabaseAccessError(StoreError):
    """Permissions, a read-only medium, or something that is not a regular file."""

    advice = "check the file's and its folder's permissions; nothing was changed"


class DiskFullError(StoreError):
    """The disk (or the person's quota) has no room left."""

    advice = "free some space on that disk, then try again; nothing was changed"


class DiskWriteError(StoreError):
    """The disk reported an error while writing or flushing."""

    advice = (
        "your last answers and changes may not be on disk; "
        "copy your data folder somewhere safe and check the disk"
    )


def is_sqlite_error(error: BaseException) -> bool:
    """SQLite's own error, or SQLAlchemy's wrapper around one."""
    wrapped = getattr(error, "orig", None)
    return isinstance(error, sqlite3.Error) or isinstance(wrapped, sqlite3.Error)


def error_from_sqlite(path: Path, error: BaseException) -> StoreError:
    """The ``StoreError`` that says what SQLite's (or SQLAlchemy's wrapped) error means."""
    original = getattr(error, "orig", None) or error
    code = getattr(original, "sqlite_errorcode", None)
    message = str(original)
    if not isinstance(code, int):
        return StoreError(path, message)
    primary = code & 0xFF
    if primary in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return DatabaseLockedError(path, "is in use by another program (the database is locked)")
    if primary in (_SQLITE_CORRUPT, _SQLITE_NOTADB):
        return DatabaseDamagedError(path, f"is damaged ({message})")
    if primary == _SQLITE_FULL:
        return DiskFullError(path, "could not be written: the disk is full")
    if primary == _SQLITE_IOERR:
        # SQLite reports a full disk met while growing its side files as an I/O error.
        if _disk_is_full(path):
            return DiskFullError(path, "could not be written: the disk is full")
        return DiskWriteError(path, f"could not be written or read ({message})")
    if primary in (_SQLITE_READONLY, _SQLITE_PERM, _SQLITE_AUTH):
        return DatabaseAccessError(path, "could not be written: it or its folder is read-only")
    if primary == _SQLITE_CANTOPEN:
        return DatabaseAccessError(path, "cannot be opened (is its folder readable and writable?)")
    return StoreError(path, message)


def _disk_is_full(path: Path) -> bool:
    folder = path if path.is_dir() else path.parent
    try:
        return shutil.disk_usage(folder).free < _ALMOST_NOTHING
    except OSError:
        return False


def error_from_os(path: Path, error: OSError, doing: str) -> StoreError:
    """The ``StoreError`` for an operating-system error while ``doing`` something to ``path``."""
    reason = error.strerror or str(error)
    if error.errno in (errno.ENOSPC, errno.EDQUOT):
        return DiskFullError(path, f"{doing} failed: the disk is full")
    if error.errno == errno.EIO:
        return DiskWriteError(path, f"{doing} failed ({reason})")
    if error.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return DatabaseAccessError(path, f"{doing} failed ({reason})")
    return StoreError(path, f"{doing} failed ({reason})")


class CardChangedError(StoreError):
    """The card was answered elsewhere (another of the person's computers) after it was shown:
    the answer shown on its buttons no longer holds, so nothing was written."""

    advice = "its buttons now show what each grade does; choose again"
