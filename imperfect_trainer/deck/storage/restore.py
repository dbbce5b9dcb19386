"""Putting a backup in place of the collection, so that no step can lose what is there now.

1. The backup is copied through SQLite into a private partial in the data folder and verified
   there (a schema we know, SQLite's full integrity check).
2. The current collection and its WAL are copied aside byte for byte, compared with the
   originals, and kept (``collection.sqlite3.before-restore-…``, or ``.damaged-…`` for one that
   could not be opened) until the person deletes them.
3. The verified partial is renamed ``collection.sqlite3.restore-pending``: from here on the
   restore is decided, and if the process dies, the next start finishes it.
4. The current WAL and SHM are removed and the pending file is renamed over the collection.

A failure or a kill before step 3 leaves the collection exactly as it was (only partials, which
a later start removes); after it, the restore completes. The original is never moved or
truncated before its copy is safe.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import sqlite3
from pathlib import Path

from imperfect_trainer.deck.storage.collection_file import (
    DATABASE_NAME,
    inspect_collection,
    side_files,
    verify_collection,
)
from imperfect_trainer.deck.storage.private_files import (
    flush_file,
    flush_folder,
    new_partial,
    place_new,
)
from imperfect_trainer.deck.storage.store_errors import (
    DiskFullError,
    DiskWriteError,
    StoreError,
    error_from_os,
    error_from_sqlite,
)

PENDING_NAME = DATABASE_NAME + ".restore-pending"
_CHUNK = 1 << 20


def restore_collection(
    data_dir: Path, backup: Path, now: dt.datetime, *, current_damaged: bool = False
) -> Path | None:
    """Replace the collection in ``data_dir`` with ``backup``; returns where the current one
    was kept (None when there was none). Nothing may hold the collection open meanwhile."""
    partial = verified_copy(backup, data_dir)
    try:
        return put_in_place(data_dir, partial, now, current_damaged=current_damaged)
    finally:
        partial.unlink(missing_ok=True)


def verified_copy(backup: Path, data_dir: Path) -> Path:
    """Step 1: the backup copied into a private partial beside the collection and checked
    whole. It reads only the backup, so it may run while the collection is in use (and on
    any thread); the caller removes the partial when it is not put in place."""
    inspect_collection(backup)  # a FIFO, a folder or garbage is refused before SQLite reads it
    return _verified_copy(backup, data_dir)


def put_in_place(
    data_dir: Path, partial: Path, now: dt.datetime, *, current_damaged: bool = False
) -> Path | None:
    """Steps 2 to 4 for a ``verified_copy``: nothing may hold the collection open meanwhile."""
    collection = data_dir / DATABASE_NAME
    kept = None
    if collection.exists():
        label = "damaged" if current_damaged else "before-restore"
        kept = _keep_aside(collection, f"{DATABASE_NAME}.{label}-{now:%Y%m%d-%H%M%S}")
    try:
        os.replace(partial, data_dir / PENDING_NAME)
        flush_folder(data_dir)
    except OSError as error:
        raise error_from_os(collection, error, "restoring the backup") from error
    finish_pending_restore(data_dir)
    return kept


def finish_pending_restore(data_dir: Path) -> bool:
    """Complete a restore that was decided (its copy verified, the current file kept) but cut
    short; True if there was one."""
    pending = data_dir / PENDING_NAME
    if not pending.is_file():
        return False
    collection = data_dir / DATABASE_NAME
    try:
        # The old WAL belongs to the old file: left beside the new one, SQLite would replay it.
        for side in side_files(collection):
            side.unlink(missing_ok=True)
        os.replace(pending, collection)
        flush_folder(data_dir)
    except OSError as error:
        raise error_from_os(collection, error, "finishing the restore") from error
    return True


def _verified_copy(backup: Path, data_dir: Path) -> Path:
    """The backup copied into a private partial beside the collection, checked whole."""
    try:
        partial = new_partial(data_dir, DATABASE_NAME)
    except OSError as error:
        raise error_from_os(data_dir, error, "preparing the restore") from error
    try:
        reader = sqlite3.connect(f"{backup.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
            reader.close()
        verify_collection(partial)
        flush_file(partial)
    except sqlite3.Error as error:
        partial.unlink(missing_ok=True)
        failure = error_from_sqlite(partial, error)
        if isinstance(failure, DiskFullError | DiskWriteError):
            raise type(failure)(
                data_dir, f"copying the backup failed: {failure.problem}"
            ) from error
        raise error_from_sqlite(backup, error) from error
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise error_from_os(data_dir, error, "copying the backup") from error
    except StoreError as error:
        partial.unlink(missing_ok=True)
        # Named after the backup the person chose, not our partial copy of it.
        raise type(error)(
            backup, error.problem, "choose another backup; nothing was changed"
        ) from error
    except BaseException:
        partial.unlink(missing_ok=True)
        raise
    return partial


def _keep_aside(collection: Path, name: str) -> Path:
    """Copy the collection and its WAL, byte for byte, to ``name`` (and ``name``-wal), each
    compared with its original; returns the copy of the collection."""
    wal = side_files(collection)[0]
    sources = [(collection, name)]
    if wal.exists():
        sources.insert(0, (wal, name + "-wal"))
    number = 1
    while True:
        suffix = "" if number == 1 else f"-{number}"
        targets = [collection.with_name(target + suffix) for _, target in sources]
        if not any(target.exists() for target in targets):
            break
        number += 1
    for (source, _), target in zip(sources, targets, strict=True):
        _copy_checked(source, target)
    return targets[-1]


def _copy_checked(source: Path, target: Path) -> None:
    try:
        partial = new_partial(target.parent, target.name)
    except OSError as error:
        raise error_from_os(target.parent, error, "keeping a copy of the collection") from error
    try:
        copied = hashlib.sha256()
        with source.open("rb") as reading, partial.open("wb") as writing:
            while chunk := reading.read(_CHUNK):
                writing.write(chunk)
                copied.update(chunk)
        flush_file(partial)
        if _digest(partial) != copied.hexdigest():
            raise StoreError(partial, "the copy of the collection does not match it")
        place_new(partial, target)
    except OSError as error:
        raise error_from_os(source, error, "keeping a copy of the collection") from error
    finally:
        partial.unlink(missing_ok=True)


def _digest(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as reading:
        while chunk := reading.read(_CHUNK):
            digest.update(chunk)
    return digest.hexdigest()
