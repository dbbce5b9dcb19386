"""A person's collection inside a training programme's PostgreSQL database: the second class behind
``Store``'s seam, beside ``SqliteCollection``, with the same small interface.

Every row carries its login role as ``owner`` and row-level security shows a session only its
own (migration 0005), so the rest of the core runs the very same queries as on SQLite. What
differs is here: the engine (psycopg 3 through libpq, a small pool that checks a connection
before handing it out, so a restarted server is simply reconnected), the connection kept for
answers (checked without a round trip) and its statements (``plain_sql``, ``answers``),
durability (a PostgreSQL commit is already durable: nothing to flush), backups (a JSON export of
the person's collection into their local folder; the server's own backups are the programme's),
and the server's errors.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
import select
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, PoolProxiedConnection, create_engine
from sqlalchemy.exc import DBAPIError

from imperfect_trainer.deck.storage import backups
from imperfect_trainer.deck.storage.answer_storage import ServerAnswers
from imperfect_trainer.deck.storage.collection import PlainCursor, Writes
from imperfect_trainer.deck.storage.collection_json import collection_document, encoded
from imperfect_trainer.deck.storage.plain_sql import POSTGRESQL, PlainStatements
from imperfect_trainer.deck.storage.private_files import (
    flush_file,
    make_private_dir,
    new_partial,
    place_new,
)
from imperfect_trainer.deck.storage.server_address import ServerAddress
from imperfect_trainer.deck.storage.server_errors import (
    PostgresDriverMissingError,
    error_from_postgres,
)
from imperfect_trainer.deck.storage.store_errors import StoreError

CONNECT_TIMEOUT_SECONDS = 10
# A network that goes away mid-practice (wifi gone) must fail an answer, not freeze the window
# until TCP gives up (measured: still waiting after 3 minutes): data the server has not
# acknowledged within this long ends the connection, and so does a silent server, found by
# keepalive probes after 10 + 2 x 5 seconds. Over a Unix socket neither applies.
_NETWORK_TIMEOUTS = {
    "tcp_user_timeout": 10_000,  # milliseconds
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 2,
}
# A statement that waits longer than this on a lock (an upgrade running) is told, not hung.
LOCK_TIMEOUT = "30s"
_BACKUP_NAME = re.compile(r"^collection-(\d{8}-\d{6})-s(\d+)\.json$")
_STAMP = "%Y%m%d-%H%M%S"


# psycopg logs what it ignores while a lost connection is cleaned up ("error ignored
# terminating <psycopg.Pipeline [BAD]>"); with no handler of the app's, Python would print it
# as a stray line beside the app's own message about that same fault.
logging.getLogger("psycopg").addHandler(logging.NullHandler())


def _stale(connection: Any) -> bool:
    """Whether an idle psycopg connection is gone: closed, broken by an error, or written to by
    the server (which it does to an idle session only to end it)."""
    if connection is None or connection.closed or connection.broken:
        return True
    readable, _, _ = select.select([connection.fileno()], [], [], 0)
    return bool(readable)


def _failures() -> tuple[type[BaseException], ...]:
    """SQLAlchemy's wrapped errors, and psycopg's own from its cursor (the answer)."""
    import psycopg

    return (DBAPIError, psycopg.Error)


def make_server_engine(address: ServerAddress) -> Engine:
    """An engine on the server; raises ``PostgresDriverMissingError`` without psycopg."""
    try:
        import psycopg  # noqa: F401  (only to say clearly that it is missing)
    except ImportError:
        raise PostgresDriverMissingError(
            address.where, "needs the PostgreSQL driver (psycopg), which is not installed"
        ) from None
    return create_engine(
        address.url,
        pool_pre_ping=True,
        pool_size=2,
        max_overflow=2,
        connect_args={
            "connect_timeout": CONNECT_TIMEOUT_SECONDS,
            **_NETWORK_TIMEOUTS,
            "application_name": "imperfect-trainer",
            # Commits return without waiting for the server's WAL flush, which flush_to_disk
            # then waits for, once the next card is on screen: the durability the local
            # collection has (a crash can cost at most the answer whose next card is drawn).
            "options": f"-c lock_timeout={LOCK_TIMEOUT} -c synchronous_commit=off"
            + (f" -c role={address.role}" if address.role else ""),
        },
    )


class PostgresCollection:
    """One person's collection on the server at ``address``."""

    plain_sql: PlainStatements = POSTGRESQL
    on_server = True

    def __init__(self, address: ServerAddress, schema_version: str) -> None:
        self.address = address
        self.where = address.where
        self.writes = Writes()
        self.answers = ServerAnswers(self)
        self.schema_version = schema_version
        self.engine: Engine = make_server_engine(address)
        self.failures = _failures()
        # The connection kept for quick transactions, out of the pool (see ``_quick``).
        self._kept: PoolProxiedConnection | None = None

    def dispose(self) -> None:
        self._let_go()
        self.engine.dispose()

    def reconnect(self) -> None:
        self._let_go()
        self.engine.dispose()
        self.engine = make_server_engine(self.address)

    def _let_go(self) -> None:
        if self._kept is not None:
            self._kept.invalidate()
            self._kept = None

    def _quick(self) -> Any:
        """The psycopg connection kept for what the person waits on. The pool would check a
        connection with a round trip before each answer; this one is checked for free: a server
        that restarted or dropped the session has written to its socket (a closing notice, or
        the end of the stream) while it sat idle, and a connection an error broke says so."""
        if self._kept is not None and _stale(self._kept.driver_connection):
            self._let_go()
        if self._kept is None:
            self._kept = self.engine.raw_connection()
            # Transactions are begun when asked for; a lone statement commits by itself.
            self._kept.driver_connection.autocommit = True  # type: ignore[union-attr]
        return self._kept.driver_connection

    @staticmethod
    def cursor(connection: Connection) -> Any:
        """psycopg's own cursor inside ``connection``'s transaction: statements repeated on a
        connection are prepared by psycopg, and rows are plain tuples. Its parameters are
        ``%s``: pass statements through ``sql``."""
        return connection.connection.driver_connection.cursor()  # type: ignore[union-attr]

    @staticmethod
    def sql(statement: str) -> str:
        """A statement written with ``?`` parameters, in psycopg's ``%s``."""
        return statement.replace("%", "%%").replace("?", "%s")

    @contextmanager
    def quick_transaction(self) -> Iterator[PlainCursor]:
        """One transaction on the kept connection for ``plain_sql``'s statements. Not
        pipelined: on a local socket a round trip costs less than psycopg's pipeline machinery
        (measured: 0.83-0.96 ms an answer plain, 0.99-1.13 ms pipelined). A failure rolls
        back, never half-commits."""
        try:
            connection = self._quick()
            with connection.transaction():
                yield connection.cursor()
        except self.failures as error:
            raise self.error_from(error) from error

    @contextmanager
    def quick_statements(self) -> Iterator[PlainCursor]:
        """The kept connection's cursor outside a transaction: each statement commits by
        itself, one round trip (an answer is a read, then one statement that writes it all)."""
        try:
            yield self._quick().cursor()
        except self.failures as error:
            raise self.error_from(error) from error

    def error_from(self, error: BaseException) -> StoreError:
        return error_from_postgres(self.where, error)

    def flush_to_disk(self) -> None:
        """Wait until every commit so far is on the server's disk: a transaction that writes to
        the WAL and commits synchronously waits for the WAL up to its own commit record, which
        comes after them (a one-line message is the least it can write; any role may)."""
        with self.quick_transaction() as cursor:
            cursor.execute("SET LOCAL synchronous_commit = on")
            cursor.execute("SELECT pg_logical_emit_message(true, 'imperfect-trainer', 'flushed')")

    def write_backup(self, data_dir: Path, now: dt.datetime) -> Path:
        """The person's whole collection as JSON (the export format) in ``data_dir``'s backups,
        read in one transaction, written privately and completely before it counts."""
        with self.engine.begin() as connection:
            document = collection_document(connection, now, self.schema_version)
        folder = backups.backup_folder(data_dir)
        make_private_dir(folder)
        partial = new_partial(folder, "collection")
        try:
            partial.write_bytes(encoded(document))
            flush_file(partial)
            sequence = _next_sequence(folder)
            while True:
                final = folder / f"collection-{now.strftime(_STAMP)}-s{sequence:06d}.json"
                try:
                    place_new(partial, final)
                    break
                except FileExistsError:
                    sequence += 1
        finally:
            partial.unlink(missing_ok=True)
        _thin(folder, now)
        return final


def _next_sequence(folder: Path) -> int:
    numbers = [int(m.group(2)) for p in folder.iterdir() if (m := _BACKUP_NAME.match(p.name))]
    return max(numbers, default=0) + 1


def _thin(folder: Path, now: dt.datetime) -> None:
    """The same rule as the local collection's backups: the last ten, and by the calendar."""
    found = []
    for path in folder.iterdir():
        match = _BACKUP_NAME.match(path.name)
        if match and path.is_file() and not path.is_symlink():
            taken_at = dt.datetime.strptime(match.group(1), _STAMP)
            found.append((int(match.group(2)), taken_at, path))
    found.sort(reverse=True)
    keep = backups.backups_to_keep((taken_at for _, taken_at, _ in found), now)
    for _, taken_at, path in found[backups.KEEP_LATEST :]:
        if taken_at not in keep:
            path.unlink(missing_ok=True)
