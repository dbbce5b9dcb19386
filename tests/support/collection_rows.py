"""Every row of every table of a collection, read straight from SQLite, for before/after checks."""

from __future__ import annotations

import sqlite3
from contextlib import closing
from pathlib import Path

Rows = dict[str, list[tuple[object, ...]]]


def all_rows(database: Path) -> Rows:
    """Each table's rows (every column), in a fixed order, read without changing anything."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as connection:
        tables = [
            name
            for (name,) in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        return {
            table: sorted(connection.execute(f'SELECT * FROM "{table}"').fetchall(), key=repr)
            for table in tables
        }
