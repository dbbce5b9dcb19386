"""What ``Store`` asks of a collection, whichever backend holds it: the typed seam that
``SqliteCollection`` (the local file) and ``PostgresCollection`` (a programme's server) each
fill in, and that a test can fill in memory.

A collection gives transactions (SQLAlchemy's engine for the ORM, and the connection kept for
what the person waits on, ``kept_connection``), durability (``flush_to_disk``), backups, its
errors told apart (``failures`` and ``error_from``), a reconnect after its file was replaced,
and the answer's own storage (``answers``).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from imperfect_trainer.deck.storage.kept_connection import KeptConnection

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

    from imperfect_trainer.deck.storage.answer_storage import AnswerStorage
    from imperfect_trainer.deck.storage.store_errors import StoreError


class Collection(KeptConnection, Protocol):
    @property
    def on_server(self) -> bool:
        """A programme's server (sharing with a supervisor; no file of one's own)."""

    @property
    def engine(self) -> Engine: ...

    @property
    def failures(self) -> tuple[type[BaseException], ...]:
        """What a failing database raises (the driver's errors and SQLAlchemy's)."""

    @property
    def answers(self) -> AnswerStorage: ...

    def error_from(self, error: BaseException) -> StoreError: ...

    def cursor(self, connection: Connection) -> Any:
        """The driver's own cursor inside ``connection``'s transaction (bulk reads and
        writes, where SQLAlchemy's result rows would cost more than the database's work)."""

    def sql(self, statement: str) -> str:
        """A statement written with ``?`` parameters, in the driver's own style."""

    def flush_to_disk(self) -> None: ...

    def write_backup(self, data_dir: Path, now: dt.datetime) -> Path: ...

    def reconnect(self) -> None: ...

    def dispose(self) -> None: ...
