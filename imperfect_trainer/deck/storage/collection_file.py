"""The collection as a file: checking one before use, creating one, verifying one, and the
SQLite connection settings every engine shares.

Everything here works on paths and raw SQLite, below the ``Store`` facade, so that a damaged or
foreign file can be examined without ever being opened for writing. What a file *is* (damaged,
locked, unreadable, too new) is asked of SQLite itself, through the WAL when there is one.
"""

from __future__ import annotations

import os
import sqlite3
import stat
from contextlib import closing
from pathlib import Path
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.storage.private_files import (
    flush_file,
    make_private_dir,
    new_partial,
    place_new,
    remove_stale_partials,
    tighten_entries,
)
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseAccessError,
    DatabaseDamagedError,
    DatabaseLockedError,
    DatabaseTooNewError,
    StoreError,
    error_from_os,
    error_from_sqlite,
)

DATABASE_NAME = "collection.sqlite3"
SQLITE_HEADER = b"SQLite format 3\x00"
MIGRATIONS = Path(__file__).resolve().parent / "migrations"
BUSY_TIMEOUT_SECONDS = 2.0
BACKUP_FOLDER = "backups"
# The files SQLite keeps beside a database in WAL mode.
SIDE_SUFFIXES = ("-wal", "-shm")
_LOCK_NAME = ".instance.lock"

if TYPE_CHECKING:
    from sqlalchemy import URL, Engine

__all__ = [
    "DatabaseAccessError",
    "DatabaseDamagedError",
    "DatabaseLockedError",
    "DatabaseTooNewError",
    "StoreError",
]


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


def _url(path: Path) -> URL:
    from sqlalchemy import URL

    # Built, not formatted: a folder named "what?" or "100%41" must stay a file name.
    return URL.create("sqlite", database=str(path))


def quick_connection(path: Path) -> sqlite3.Connection:
    """A plain SQLite connection with the same settings as every engine's."""
    connection = sqlite3.connect(path, timeout=BUSY_TIMEOUT_SECONDS)
    set_pragmas(connection, None)
    return connection


def make_engine(path: Path) -> Engine:
    """An engine on the collection: WAL, foreign keys, and SQLAlchemy's own transactions.

    SQLAlchemy is imported here, not with the module: the first card of a practice is reached
    on plain SQLite (``SqliteCollection.quick_transaction``), and its import and mapping cost
    a quarter of a second.
    """
    from sqlalchemy import create_engine, event

    engine = create_engine(_url(path), connect_args={"timeout": BUSY_TIMEOUT_SECONDS})
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


# --------------------------------------------------------------------------- the data folder


def secure_data_dir(data_dir: Path) -> None:
    """Create the data folder, or make an existing one the owner's alone again: folder 0700,
    the collection, its side files, the lock and every backup 0600, no symbolic links inside.
    Partials a killed process left behind are removed."""
    make_private_dir(data_dir)
    names = [DATABASE_NAME + suffix for suffix in ("", *SIDE_SUFFIXES)]
    names += [BACKUP_FOLDER, _LOCK_NAME]
    try:
        names += [entry.name for entry in os.scandir(data_dir) if _is_kept_copy(entry.name)]
    except OSError as error:
        raise error_from_os(data_dir, error, "reading the data folder") from error
    tighten_entries(data_dir, tuple(names))
    backups = data_dir / BACKUP_FOLDER
    if backups.is_dir():
        tighten_entries(backups, tuple(entry.name for entry in os.scandir(backups)))
        remove_stale_partials(backups)
    remove_stale_partials(data_dir)


def _is_kept_copy(name: str) -> bool:
    return name.startswith(DATABASE_NAME + ".") and not name.endswith(".partial")


# ------------------------------------------------------------------------------- creating


def create_collection(path: Path) -> None:
    """Build a new, empty collection in a private partial and move it into place when complete.

    A crash or kill half-way leaves only a partial (removed at a later start), never a half-made
    collection under the real name.
    """
    from sqlalchemy import create_engine, event
    from sqlalchemy.exc import DBAPIError

    try:
        partial = new_partial(path.parent, path.name)
    except OSError as error:
        raise error_from_os(path.parent, error, "creating the collection") from error

    # No WAL while building: the finished file is then complete on its own and can be renamed.
    engine = create_engine(_url(partial))
    event.listen(engine, "connect", without_driver_transactions)
    event.listen(engine, "begin", begin_transaction)
    try:
        upgrade(engine)
        engine.dispose()
        flush_file(partial)
        place_new(partial, path)
    except DBAPIError as error:
        raise error_from_sqlite(path, error) from error
    except OSError as error:
        raise error_from_os(path, error, "creating the collection") from error
    finally:
        engine.dispose()
        for leftover in (partial, *(_side(partial, s) for s in (*SIDE_SUFFIXES, "-journal"))):
            leftover.unlink(missing_ok=True)


# ------------------------------------------------------------------------------- inspecting


def known_revisions() -> set[str]:
    """Schema revisions this version knows; each migration file is named after its revision."""
    return {
        path.name.split("_", 1)[0]
        for path in (MIGRATIONS / "versions").glob("*.py")
        if path.name[0].isdigit()
    }


def inspect_collection(path: Path) -> str | None:
    """Look at an existing file without changing it; return its schema revision.

    Raises ``DatabaseDamagedError`` for anything that is not a whole collection,
    ``DatabaseLockedError`` when another program holds it, ``DatabaseAccessError`` for what
    cannot be read and ``DatabaseTooNewError`` for a newer app's file. Without a WAL the file is
    opened ``immutable`` (no lock, no -wal or -shm created), so a damaged file stays byte for
    byte as it was.
    """
    header, size = _read_header(path)
    wal_written = has_wal(path)
    if not wal_written and _header_claims_more_pages(header, size):
        # Only SQLite knows whether the missing pages matter; a healthy file is never called
        # truncated on the header's word alone.
        problems = integrity_problems(path, quick=True)
        if problems:
            expected = _header_pages(header) * _page_size(header)
            raise DatabaseDamagedError(path, f"is truncated ({size} bytes of {expected})")
    try:
        tables, revision = _read_schema(path, immutable=not wal_written)
    except DatabaseDamagedError:
        if wal_written:
            raise
        # Read with no locks, a file another program is writing can look torn: ask again with
        # locks, which tells "locked" from "damaged".
        tables, revision = _read_schema(path, immutable=False)
    if not tables:
        return None
    if "alembic_version" not in tables or "cards" not in tables:
        raise DatabaseDamagedError(
            path,
            "is an SQLite database but not a collection",
            "the file has not been changed; put it elsewhere, or restore a backup over it",
        )
    if revision is None:
        # The tables are there but not the version they follow: migrating "from nothing" would
        # only fail on the first table that exists.
        raise DatabaseDamagedError(
            path,
            "holds a collection's tables but not its schema version (alembic_version is empty)",
        )
    if revision not in known_revisions():
        raise DatabaseTooNewError(
            path, f"was written by a newer version of Imperfect Trainer (schema {revision})"
        )
    return revision


def integrity_problems(path: Path, *, quick: bool = False) -> list[str]:
    """SQLite's own check of a closed database file (through its WAL, if any); empty when it
    is intact. ``quick`` skips matching each index against its table (four times faster)."""
    check = "quick_check" if quick else "integrity_check"
    try:
        with closing(read_only_connection(path, immutable=not has_wal(path))) as connection:
            rows = [str(row[0]) for row in connection.execute(f"PRAGMA {check}")]
    except sqlite3.Error as error:
        failure = error_from_sqlite(path, error)
        if isinstance(failure, DatabaseDamagedError):
            return [str(error)]
        raise failure from error
    return [] if rows == ["ok"] else rows


def verify_collection(path: Path) -> str | None:
    """A file fit to become someone's collection: a known schema and SQLite's full check.
    Returns its revision or raises ``StoreError``."""
    revision = inspect_collection(path)
    problems = integrity_problems(path)
    if problems:
        found = "; ".join(problems[:3])
        raise DatabaseDamagedError(path, f"fails SQLite's integrity check: {found}")
    return revision


def _read_header(path: Path) -> tuple[bytes, int]:
    # Non-blocking and without following a link: a FIFO or a planted link must not hang or
    # redirect the very first look.
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        handle = os.open(path, flags)
    except OSError as error:
        if path.is_symlink():
            raise DatabaseAccessError(
                path, "is a symbolic link; Imperfect Trainer does not follow links here"
            ) from error
        raise error_from_os(path, error, "reading it") from error
    try:
        status = os.fstat(handle)
        if not stat.S_ISREG(status.st_mode):
            raise DatabaseAccessError(path, "is not a regular file")
        header = os.read(handle, 100)
    except OSError as error:
        raise error_from_os(path, error, "reading it") from error
    finally:
        os.close(handle)
    if not header:
        raise DatabaseDamagedError(path, "is empty (0 bytes), not a collection")
    if not header.startswith(SQLITE_HEADER) or len(header) < 100:
        raise DatabaseDamagedError(path, "is not an SQLite database (damaged or not a collection)")
    return header, status.st_size


def _page_size(header: bytes) -> int:
    size = int.from_bytes(header[16:18], "big")
    return 65536 if size == 1 else size


def _header_pages(header: bytes) -> int:
    return int.from_bytes(header[28:32], "big")


def _header_claims_more_pages(header: bytes, size: int) -> bool:
    # The header's page count is trustworthy only when its "valid-for" number matches the
    # change counter (SQLite file format, section 1.3.7).
    pages = _header_pages(header)
    return header[24:28] == header[92:96] and pages > 0 and size < pages * _page_size(header)


def _read_schema(path: Path, *, immutable: bool) -> tuple[set[str], str | None]:
    try:
        with closing(read_only_connection(path, immutable=immutable)) as connection:
            tables = {row[0] for row in connection.execute("SELECT name FROM sqlite_master")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
    except sqlite3.Error as error:
        raise error_from_sqlite(path, error) from error
    return tables, revision


def read_only_connection(path: Path, *, immutable: bool) -> sqlite3.Connection:
    uri = f"{path.resolve().as_uri()}?mode=ro" + ("&immutable=1" if immutable else "")
    return sqlite3.connect(uri, uri=True, timeout=BUSY_TIMEOUT_SECONDS)


def has_wal(path: Path) -> bool:
    # A -wal beside the file holds commits the file itself lacks (a crash, a kill, a full disk
    # during a checkpoint); an empty one holds nothing.
    try:
        return _side(path, "-wal").stat().st_size > 0
    except OSError:
        return False


def _side(path: Path, suffix: str) -> Path:
    return path.with_name(path.name + suffix)


def side_files(path: Path) -> tuple[Path, ...]:
    return tuple(_side(path, suffix) for suffix in SIDE_SUFFIXES)
