"""A collection's transactions and its way to disk, as every room uses them: one unit of work
per user action (a Session, or plain statements on a connection), a transaction on the kept
connection for what the person waits on, the driver's own cursor for bulk rows, and the flush
that makes committed actions durable. A failing database comes out as a ``StoreError``.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import TYPE_CHECKING, Any

from imperfect_trainer.deck.storage.collection import Collection
from imperfect_trainer.deck.storage.kept_connection import PlainCursor, Writes

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine
    from sqlalchemy.orm import Session, sessionmaker

_WRITES = {"INSERT", "UPDATE", "DELETE", "REPLAC"}


def watch_writes(engine: Engine, writes: Writes) -> None:
    """Note in ``writes`` every statement run through ``engine`` that writes."""
    from sqlalchemy import event

    def note_write(*args: Any) -> None:
        if args[2][:6].upper() in _WRITES:
            writes.note()

    event.listen(engine, "before_cursor_execute", note_write)


class Transactions:
    def __init__(self, collection: Collection) -> None:
        self.collection = collection
        self._sessions: sessionmaker[Session] | None = None

    @contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """One user action: one session, one transaction, committed on the way out."""
        from sqlalchemy.exc import IntegrityError
        from sqlalchemy.orm import sessionmaker

        collection = self.collection
        if self._sessions is None:
            self._sessions = sessionmaker(collection.engine, expire_on_commit=False)
        try:
            with self._sessions.begin() as session:
                yield session
        except IntegrityError:
            raise  # a rule of the schema, for the caller to explain
        except collection.failures as error:
            raise collection.error_from(error) from error

    @contextmanager
    def statements(self) -> Iterator[Connection]:
        """One action of plain table statements on the engine: one connection and transaction,
        no Session."""
        collection = self.collection
        try:
            with collection.engine.begin() as connection:
                collection.writes.note()
                yield connection
        except collection.failures as error:
            raise collection.error_from(error) from error

    def quick_transaction(self) -> AbstractContextManager[PlainCursor]:
        """One transaction of ``plain_sql``'s statements on the connection kept for what the
        person waits on (today's cards, the settings): named parameters, plain tuples."""
        return self.collection.quick_transaction()

    def driver_rows(
        self, session: Session, statement: str, parameters: Sequence[object] = ()
    ) -> Iterator[Any]:
        """A plain ``statement`` (``?`` parameters) run on the driver's own cursor inside
        ``session``'s unit of work, its rows as plain tuples."""
        cursor = self.collection.cursor(session.connection())
        return iter(cursor.execute(self.collection.sql(statement), parameters))

    def driver_sql(self, statement: str) -> str:
        """A plain ``statement`` written with ``?`` parameters, in the driver's own style (for
        ``exec_driver_sql`` inside a unit of work)."""
        return self.collection.sql(statement)

    def flush_to_disk(self) -> None:
        """Make every committed action durable on disk; cheap when nothing is waiting. A disk
        that refuses raises ``DiskWriteError`` and is asked again next time."""
        writes = self.collection.writes
        if writes.unflushed:
            self.collection.flush_to_disk()
            writes.unflushed = False

    def reconnect(self) -> None:
        """Connect again on the same path, after the file itself was replaced (a restore)."""
        self.collection.reconnect()
        self._sessions = None
