"""Splitting long lists of ids for ``IN (...)`` clauses.

SQLite refuses statements with more than 32,766 bound values, and "select all, suspend" in the
browser can name 100,000 cards; each chunk stays far below that.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TypeVar

CHUNK = 900
T = TypeVar("T")


def chunked(ids: Sequence[T], size: int = CHUNK) -> Iterator[list[T]]:
    for start in range(0, len(ids), size):
        yield list(ids[start : start + size])
