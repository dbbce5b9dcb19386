"""The collection as a file: checking one before use, creating one, copying and restoring one,
and the SQLite connection settings every engine shares.

Everything here works on paths and raw SQLite, below the ``Store`` facade, so that a damaged or
foreign file can be examined without ever being opened for writing.
"""

from __future__ import annotations

import datetime as dt
import os
import sqlite3
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import OperationalError

from imperfect_trainer.deck import backups

DATABASE_NAME = "collection.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_SECONDS = 2.0


class StoreError(Exception):
    """The collection cannot be used; the message names the file and what is wrong."""

    def __init__(self, path: Path, problem: str) -> None:
        super().__init__(f"{path}: {problem}")
        self.path = path
        self.problem = problem


class DatabaseUnreadableError(StoreError):
    """The file is not a collection we can read (garbage, truncated, empty, damaged)."""


class DatabaseTooNewError(StoreError):
    """The file was written by a newer version of the app."""


class DatabaseLockedError(StoreError):
    """Another program holds the collection."""


def set_pragmas(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # The driver's own transaction handling is switched off so that SQLAlchemy's BEGIN/COMMIT
    # (begin_transaction) are the only ones; the pragmas must run outside any transaction.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def without_driver_transactions(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    dbapi_connection.isolation_level = None


def begin_transaction(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN")


def make_engine(path: Path) -> Engine:
    """An engine on the collection: WAL, foreign keys, and SQLAlchemy's own transactions."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
    event.listen(engine, "connect", set_pragmas)
    event.listen(engine, "begin", begin_transaction)
    return engine


def upgrade(engine: Engine) -> None:
    """Run the pending migrations in one transaction."""
    # Imported only when a migration is due: Alembic costs start-up time otherwise.
    from alembic import command
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "head")


def create_collection(path: Path) -> None:
    """Build a new, empty collection beside ``path`` and move it into place when complete.

    A crash or kill half-way leaves only the ``.new`` file, which the next start replaces, never
    a half-made collection under the real name.
    """
    partial = path.with_name(path.name + ".new")
    for leftover in (partial, *(partial.with_name(partial.name + s) for s in ("-wal", "-shm"))):
        leftover.unlink(missing_ok=True)
    create_private_file(partial)
    # No WAL while building: the finished file is then complete on its own and can be renamed.
    engine = create_engine(f"sqlite:///{partial}")
    event.listen(engine, "connect", without_driver_transactions)
    event.listen(engine, "begin", begin_transaction)
    try:
        upgrade(engine)
    except OperationalError as error:
        raise store_error(path, error) from error
    finally:
        engine.dispose()
    os.replace(partial, path)


def make_private_dir(data_dir: Path) -> None:
    try:
        data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as error:
        raise StoreError(
            data_dir, f"the data folder cannot be created ({error.strerror})"
        ) from error
    if not data_dir.is_dir():
        raise StoreError(data_dir, "is not a folder")


def create_private_file(path: Path) -> None:
    # Created before SQLite touches it so it is the owner's alone from the first byte; SQLite
    # gives its -wal and -shm files the same mode.
    try:
        os.close(os.open(path, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o600))
    except OSError as error:
        raise StoreError(path, f"cannot be created ({error.strerror})") from error


def newest_good_backup(data_dir: Path) -> backups.Backup | None:
    """The most recent backup that opens as a whole collection of a schema we know."""
    for backup in backups.list_backups(data_dir):
        try:
            inspect_collection(backup.path)
        except StoreError:
            continue
        return backup
    return None


def restore_over_damaged(data_dir: Path, backup: Path, now: dt.datetime) -> Path | None:
    """Put ``backup`` in place of a collection that cannot be opened.

    The unusable file is moved aside untouched (``collection.sqlite3.damaged-…``), never
    overwritten; returns where it went.
    """
    inspect_collection(backup)
    path = data_dir / DATABASE_NAME
    moved: Path | None = None
    if path.exists():
        moved = path.with_name(f"{DATABASE_NAME}.damaged-{now.strftime('%Y%m%d-%H%M%S')}")
        path.rename(moved)
        for suffix in ("-wal", "-shm"):
            side = path.with_name(DATABASE_NAME + suffix)
            if side.exists():
                side.rename(moved.with_name(moved.name + suffix))
    copy_database(backup, path)
    return moved


def copy_database(source: Path, target: Path) -> None:
    """Copy a closed database file into place through SQLite, then rename atomically."""
    partial = target.with_name(target.name + ".restoring")
    os.close(os.open(partial, os.O_CREAT | os.O_TRUNC | os.O_WRONLY, 0o600))
    try:
        reader = sqlite3.connect(f"{source.resolve().as_uri()}?mode=ro&immutable=1", uri=True)
        writer = sqlite3.connect(partial)
        try:
            reader.backup(writer)
        finally:
            writer.close()
            reader.close()
        for suffix in ("-wal", "-shm"):
            target.with_name(target.name + suffix).unlink(missing_ok=True)
        os.replace(partial, target)
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def known_revisions() -> set[str]:
    """Schema revisions this version knows; each migration file is named after its revision."""
    return {
        path.name.split("_", 1)[0]
        for path in (MIGRATIONS / "versions").glob("*.py")
        if path.name[0].isdigit()
    }


def inspect_collection(path: Path) -> str | None:
    """Look at an existing file without changing it; return its schema revision.

    Raises ``DatabaseUnreadableError`` for anything that is not a whole collection and
    ``DatabaseTooNewError`` for a newer app's file. ``immutable=1`` opens it with no lock and no
    -wal or -shm file, so a damaged file stays byte for byte as it was.
    """
    _check_header(path)
    # A -wal beside it holds commits the main file lacks (a crash, a kill); read through it then.
    has_wal = path.with_name(path.name + "-wal").exists()
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("" if has_wal else "&immutable=1")
    try:
        connection = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as error:
        raise DatabaseUnreadableError(path, f"cannot be opened ({error})") from error
    try:
        tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
        if not tables:
            return None
        if "alembic_version" not in tables or "cards" not in tables:
            raise DatabaseUnreadableError(path, "is an SQLite database but not a collection")
        row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as error:
        raise DatabaseUnreadableError(path, f"is damaged ({error})") from error
    finally:
        connection.close()
    revision = row[0] if row else None
    if revision is not None and revision not in known_revisions():
        raise DatabaseTooNewError(
            path, f"was written by a newer version of Imperfect Trainer (schema {revision})"
        )
    return revision


def _check_header(path: Path) -> None:
    try:
        with path.open("rb") as file:
            header = file.read(100)
        size = path.stat().st_size
    except OSError as error:
        raise DatabaseUnreadableError(path, f"cannot be read ({error.strerror})") from error
    if not header:
        raise DatabaseUnreadableError(path, "is empty (0 bytes), not a collection")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise DatabaseUnreadableError(
            path, "is not an SQLite database (damaged or not a collection)"
        )
    page_size = int.from_bytes(header[16:18], "big")
    page_size = 65536 if page_size == 1 else page_size
    pages = int.from_bytes(header[28:32], "big")
    # The header's page count is trustworthy only when its "valid-for" number matches the
    # change counter (SQLite file format, section 1.3.7).
    if header[24:28] == header[92:96] and pages and size < pages * page_size:
        raise DatabaseUnreadableError(
            path, f"is truncated ({size} bytes of {pages * page_size}); restore a backup"
        )


def store_error(path: Path, error: OperationalError | sqlite3.Error) -> StoreError:
    message = str(getattr(error, "orig", error))
    if "locked" in message or "busy" in message:
        return DatabaseLockedError(path, "is in use by another program (the database is locked)")
    if "malformed" in message or "not a database" in message:
        return DatabaseUnreadableError(path, f"is damaged ({message})")
    if "disk is full" in message or "disk I/O" in message:
        return StoreError(path, "could not be written: the disk is full or failing")
    if "readonly" in message or "read-only" in message:
        return StoreError(path, "could not be written: the file or its folder is read-only")
    if "unable to open" in message:
        return StoreError(path, "cannot be opened (is the folder readable and writable?)")
    return StoreError(path, message)
