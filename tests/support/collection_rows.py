"""Every row of every table of a collection, for before/after checks: read straight from
SQLite (``all_rows``), or through the store's own engine on either backend (``store_rows``)."""

from __future__ import annotations

import datetime as dt
import sqlite3
from contextlib import closing
from pathlib import Path
from typing import Any

from sqlalchemy import text

from imperfect_trainer.deck.storage.models import HARD_EASINESS, HARD_LAPSES, SETTLED_DAYS, Base
from imperfect_trainer.deck.storage.removals import removal
from imperfect_trainer.deck.store import Store

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


def store_rows(store: Store) -> Rows:
    """Each of the collection's tables' rows (every column of the models, as SQLite holds
    them), in a fixed order: the same collection reads the same on either backend."""
    with store.file.engine.connect() as connection:
        return {
            name: sorted(
                (
                    tuple(_as_sqlite(value) for value in row)
                    for row in connection.execute(
                        text(f'SELECT {", ".join(table.columns.keys())} FROM "{name}"')
                    )
                ),
                key=repr,
            )
            for name, table in sorted(Base.metadata.tables.items())
        }


def run_sql(store: Store, statement: str, parameters: dict[str, object] | None = None) -> None:
    """A statement through the store's own engine (a hand edit, on either backend), committed;
    a delete as the app's are made (``removals``)."""
    with store.file.engine.begin() as connection:
        connection.execute(text(removal(statement, connection.dialect.name)), parameters or {})


def fetch_rows(
    store: Store, statement: str, parameters: dict[str, object] | None = None
) -> list[tuple[Any, ...]]:
    """Rows as SQLite holds them on either backend: days as ISO text, true/false as 1/0."""
    with store.file.engine.connect() as connection:
        return [
            tuple(_as_sqlite(value) for value in row)
            for row in connection.execute(text(statement), parameters or {})
        ]


def _as_sqlite(value: object) -> object:
    if isinstance(value, bool):
        return int(value)
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%d %H:%M:%S.%f")
    if isinstance(value, dt.date):
        return value.isoformat()
    return value


def cli_collection(store: Store) -> list[str]:
    """The command line's options that open ``store``'s collection."""
    location = ["--data-dir", str(store.data_dir)]
    if store.on_server:
        url = store.file.address.url  # type: ignore[attr-defined]
        location += ["--database", url.render_as_string(hide_password=False)]
    return location


def sections_counted_card_by_card(store: Store) -> dict[str, tuple[int, int, int, int]]:
    """Each section's active cards, new, settled and hard, counted here in Python."""
    counted: dict[str, tuple[int, int, int, int]] = {}
    rows = fetch_rows(
        store,
        "SELECT c.section, s.due_day, s.interval_days, s.easiness_hundredths, s.lapses"
        " FROM cards AS c JOIN card_states AS s ON s.card_id = c.id WHERE NOT c.retired",
    )
    for section, due_day, interval, easiness, lapses in rows:
        settled = interval >= SETTLED_DAYS
        hard = not settled and (easiness < HARD_EASINESS or lapses >= HARD_LAPSES)
        cards, new, settled_cards, hard_cards = counted.get(section, (0, 0, 0, 0))
        counted[section] = (
            cards + 1,
            new + (due_day is None),
            settled_cards + settled,
            hard_cards + hard,
        )
    return counted


def sections_kept(store: Store) -> dict[str, tuple[int, int, int, int]]:
    rows = fetch_rows(store, "SELECT section, cards, new_cards, settled, hard FROM section_totals")
    return {section: tuple(counts) for section, *counts in rows}
