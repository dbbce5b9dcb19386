"""The connection a collection keeps for what the person waits on (today's cards, the answer,
the settings), as the rooms that run on it see it: its cursor, its dialect's ``plain_sql``, and
whether anything was written. Each backend's collection is one; so can a test's fake be.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from imperfect_trainer.deck.storage.plain_sql import PlainStatements


class PlainCursor(Protocol):
    """The driver's own cursor on the kept connection: ``plain_sql``'s statements with a mapping
    of their named parameters (the answer's writes: their values in order), rows as plain
    tuples (days as ISO text on SQLite and as dates on PostgreSQL: ``stored_values`` reads
    both)."""

    @property
    def rowcount(self) -> int: ...

    def execute(
        self, statement: str, parameters: Mapping[str, Any] | Sequence[Any] = ..., /
    ) -> Any: ...

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


class KeptConnection(Protocol):
    @property
    def where(self) -> Path | str:
        """What to name in a message: the file, or the person at the server."""

    @property
    def plain_sql(self) -> PlainStatements:
        """This dialect's text of the statements run on the kept connection."""

    @property
    def writes(self) -> Writes: ...

    def quick_transaction(self) -> AbstractContextManager[PlainCursor]:
        """One transaction on the kept connection; a failure is a ``StoreError``."""

    def quick_statements(self) -> AbstractContextManager[PlainCursor]:
        """The kept connection's cursor, each statement committed by itself."""
