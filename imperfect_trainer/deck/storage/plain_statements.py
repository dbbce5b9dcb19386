"""The cursor the core's plain statements run on (``Store.quick_transaction``): SQLite's own,
or one that takes the same statements on PostgreSQL. Statements are written in SQLite's
spelling (``?`` parameters, ``IS 0``/``IS 1`` for a boolean against a partial index); rows come
back as plain tuples, days as ISO text on SQLite and as dates on PostgreSQL (``stored_values``).
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any, Protocol


class PlainCursor(Protocol):
    def execute(self, statement: str, parameters: Sequence[Any] = ..., /) -> PlainCursor: ...

    def fetchone(self) -> Any: ...

    def fetchall(self) -> list[Any]: ...

    def __iter__(self) -> Iterator[Any]: ...
