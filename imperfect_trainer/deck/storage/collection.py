"""What ``Store`` asks of a collection, whichever backend holds it: the typed seam that
``SqliteCollection`` (the local file) and ``PostgresCollection`` (a programme's server) each
fill in, and that a test can fill in memory.

A collection gives transactions (SQLAlchemy's engine for the ORM, and a connection kept for
what the person waits on, whose plain statements are its dialect's ``plain_sql``), durability
(``flush_to_disk``), backups, its errors told apart (``failures`` and ``error_from``), a
reconnect after its file was replaced, and the answer's own storage (``answers``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator, Mapping
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from imperfect_trainer.deck.storage.answer_storage import AnswerStorage
    from imperfect_trainer.deck.storage.plain_sql import PlainStatements
    from imperfect_trainer.deck.storage.store_errors import StoreError


class PlainCursor(Protocol):
    """The driver's own cursor on the kept connection: ``plain_sql``'s statements with a mapping of
    their named parameters, rows as plain tuples (days as ISO text on SQLite and as dates on
    PostgreSQL: ``stored_values`` reads both)."""

    @property
    def rowcount(self) -> int: ...

    def execute(self, statement: str, parameters: Mapping[str, Any] = ..., /) -> Any: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...


@dataclass(slots=True)
class Writes:
    """Whether anything was written: since the collection was opened or last backed up
    (``changed``: a backup on close is only worth taking then), and since the last flush to
    disk (``unflushed``)."""

    changed: bool = False
    unflushed: bool = False

    def note(self) -> None:
        self.changed = self.unflushed = True


class Collection(Protocol):
    @property
    def where(self) -> Path | str:
        """What to name in a message: the file, or the person at the server."""

    @property
    def on_server(self) -> bool:
        """A programme's server (sharing with a supervisor; no file of one's own)."""

    @property
    def engine(self) -> Engine: ...

    @property
    def failures(self) -> tuple[type[BaseException], ...]:
        """What a failing database raises (the driver's errors and SQLAlchemy's)."""

    @property
    def plain_sql(self) -> PlainStatements:
        """This dialect's text of the statements run on the kept connection."""

    @property
    def writes(self) -> Writes: ...

    @property
    def answers(self) -> AnswerStorage: ...

    def error_from(self, error: BaseException) -> StoreError: ...

    def cursor(self, connection: Connection) -> Any:
        """The driver's own cursor inside ``connection``'s transaction (bulk reads and
        writes, where SQLAlchemy's result rows would cost more than the database's work)."""

    def sql(self, statement: str) -> str:
        """A statement written with ``?`` parameters, in the driver's own style."""

    def quick_transaction(self) -> AbstractContextManager[PlainCursor]:
        """One transaction on the kept connection; a failure is a ``StoreError``."""

    def quick_statements(self) -> AbstractContextManager[PlainCursor]:
        """The kept connection's cursor, each statement committed by itself."""

    def flush_to_disk(self) -> None: ...

    def write_backup(self, data_dir: Path, now: dt.datetime) -> Path: ...

    def reconnect(self) -> None: ...

    def dispose(self) -> None: ...
