"""The throw-away collection: own cards, all due, and years of past answers.

``build_collection(data_dir, cards, history)`` is also how other tools build their data
(``../shared/tools/key-to-paint``, ``scripts/measure_screens.py``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import random
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.bench.measures import local_now

if TYPE_CHECKING:
    from imperfect_trainer.deck.content.cards import CardContent


# History spreads over at most ten years, about a hundred answers a day when it is short.
HISTORY_MAX_DAYS = 3650
HISTORY_PER_DAY = 100
# Reflection cards are left out: a typed answer adds a journal row the bench does not model.
BENCH_KINDS = ("fact", "reframe", "reality", "sign", "practice", "discern")
FRONT = "What helps when a session with client {i} did not go as planned? " + "x" * 60
BACK = "Name one thing that went well enough, and one kind sentence for yourself. " + "y" * 220
SQLITE_DAY = "%Y-%m-%d"
SQLITE_MOMENT = "%Y-%m-%d %H:%M:%S.%f"


def build_collection(data_dir: Path, cards: int, history: int) -> float:
    """Create the collection with ``cards`` own cards (all due) and ``history`` log rows.

    Returns the seconds ``Store.add_cards`` took, the one step of the fixture that is timed.
    """
    from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
    from imperfect_trainer.deck.store import Store

    now = local_now()
    contents = bench_cards(cards)
    with Store.open(data_dir, now=now) as store:
        # The window skips its welcome screen, so the first card is one click away.
        store.set_setting("welcome_seen", True)
        started = time.perf_counter()
        store.add_cards(contents, now)
        elapsed = time.perf_counter() - started
        today = store.practice_day(now)
    del contents
    _write_fixture(data_dir / DATABASE_NAME, cards, history, today)
    return elapsed


def bench_cards(cards: int) -> list[CardContent]:
    from imperfect_trainer.deck.content.cards import OWN_SOURCE, CardContent, CardKind

    return [
        CardContent(
            id=_card_id(i),
            kind=CardKind(BENCH_KINDS[i % len(BENCH_KINDS)]),
            source=OWN_SOURCE,
            section="Bench",
            front=FRONT.format(i=i),
            back=BACK,
            tags=("bench", f"set-{i % 50}"),
        )
        for i in range(cards)
    ]


# The fixture's two statements, written so that SQLite and PostgreSQL both take them.
DUE_STATES_SQL = (
    "UPDATE card_states SET repetitions = ?, easiness_hundredths = ?,"
    " interval_days = ?, due_day = ?, introduced_day = ?, last_review_day = ?,"
    " review_count = ? WHERE card_id = ?"
)
HISTORY_SQL = (
    "INSERT INTO reviews (card_id, session_id, reviewed_at, practice_day, grade,"
    " duration_ms, drill, repetitions_before, easiness_before, interval_before,"
    " due_before, repetitions_after, easiness_after, interval_after, due_after)"
    " VALUES (?, NULL, ?, ?, ?, ?, FALSE, 1, 250, 1, ?, 2, 250, 6, ?)"
)


def _write_fixture(path: Path, cards: int, history: int, today: dt.date) -> None:
    # Written straight into the file: there is no Store call for "reviewed years ago", and
    # a fixture of a million rows must not take minutes.
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("PRAGMA synchronous=OFF")
        with db:
            db.executemany(DUE_STATES_SQL, due_states(cards, today))
            db.executemany(HISTORY_SQL, history_rows(cards, history, today))


def due_states(cards: int, today: dt.date) -> Iterator[tuple[object, ...]]:
    """Every card due today or overdue by up to a month, with varied E-Factors and intervals,
    so ordering by due day and easiness has real work to do."""
    for i in range(cards):
        interval = 1 + i % 60
        due = today - dt.timedelta(days=i % 30)
        last = due - dt.timedelta(days=interval)
        introduced = last - dt.timedelta(days=i % 90)
        yield (
            1 + i % 6,
            130 + (i * 7) % 121,
            interval,
            due.strftime(SQLITE_DAY),
            introduced.strftime(SQLITE_DAY),
            last.strftime(SQLITE_DAY),
            10,
            _card_id(i),
        )


def history_rows(cards: int, history: int, today: dt.date) -> Iterator[tuple[object, ...]]:
    """Past answers, oldest first, spread over the own cards and over days before today."""
    days = min(HISTORY_MAX_DAYS, max(1, history // HISTORY_PER_DAY))
    rng = random.Random(5)
    for k in range(history):
        day = today - dt.timedelta(days=days - k * days // history)
        moment = dt.datetime.combine(day, dt.time(9, 0)) + dt.timedelta(seconds=k % 3600)
        due = day.strftime(SQLITE_DAY)
        yield (
            _card_id(k % cards),
            moment.strftime(SQLITE_MOMENT),
            due,
            rng.choice((3, 4, 4, 5)),
            rng.randrange(2_000, 20_000),
            due,
            (day + dt.timedelta(days=6)).strftime(SQLITE_DAY),
        )


def _card_id(i: int) -> str:
    # Shaped as the app names an own card (``own.`` first), which is how a sync knows one.
    return f"own.bench-{i:07d}"


def db_bytes(data_dir: Path) -> int:
    from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME

    # The WAL is checkpointed when the last connection closes; counted anyway in case not.
    files = (data_dir / DATABASE_NAME, data_dir / f"{DATABASE_NAME}-wal")
    return sum(path.stat().st_size for path in files if path.exists())
