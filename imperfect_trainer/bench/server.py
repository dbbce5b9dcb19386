"""``bench --database URL``: the benchmark's figures on a programme's PostgreSQL server.

Never anyone's collection: with the programme owner's URL it adds a throwaway trainee role
(``server add-trainee``'s code), acts as that role through the owner's login (SET ROLE, so no
password is needed), builds the same collection as the SQLite run, times the same ``Store`` and
``Practice`` calls in a child process, then deletes that role's rows and the role itself.
The window's first card is not timed here (the window opens a server collection only once the
lead wires ``--database`` into it), and ``db_bytes`` is the size of the trainee's rows.
"""

from __future__ import annotations

import dataclasses
import os
import statistics
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from imperfect_trainer.bench.children import CHILD_TIMEOUT_SECONDS, child_json
from imperfect_trainer.bench.fixture import HISTORY_SQL, bench_cards, due_states, history_rows
from imperfect_trainer.bench.measures import local_now, ms_since, peak_rss_mb, percentile, timed_ms
from imperfect_trainer.bench.options import WINDOW_METRICS, BenchOptions, Numbers
from imperfect_trainer.bench.use import (
    BENCH_SESSION_SECONDS,
    OPEN_RUNS,
    STATS_RUNS,
    answer_times,
    practice_grades,
)
from imperfect_trainer.deck.storage.removals import removal
from imperfect_trainer.deck.storage.server_address import ServerAddress, server_address

PERSONAL_TABLES = (
    "debrief_situations",
    "journal_entries",
    "reviews",
    "practice_days",
    "section_totals",
    "card_states",
    "cards",
    "practice_sessions",
    "settings",
    "goals",
)


@contextmanager
def throwaway_trainee(url: str) -> Iterator[ServerAddress]:
    """A new trainee role for the benchmark, acted as through the owner's login; gone after."""
    from sqlalchemy import text

    from imperfect_trainer.deck.storage.postgres_collection import make_server_engine
    from imperfect_trainer.deck.storage.programme import add_trainee

    owner = server_address(url)
    name = f"imperfect_trainer_bench_{os.getpid()}"
    engine = make_server_engine(owner)
    try:
        add_trainee(engine, owner.where, name)
        with engine.begin() as connection:
            connection.execute(text(f'GRANT "{name}" TO current_user'))
        address = dataclasses.replace(owner, role=name, where=f"{name} (bench) at {owner.where}")
        try:
            yield address
        finally:
            acting = make_server_engine(address)
            try:
                with acting.begin() as connection:
                    for table in PERSONAL_TABLES:
                        connection.execute(text(removal(f"DELETE FROM {table}", "postgresql")))
            finally:
                acting.dispose()
            with engine.begin() as connection:
                connection.execute(text(f'DROP ROLE "{name}"'))
    finally:
        engine.dispose()


def measure_server(address: ServerAddress, data_dir: Path, options: BenchOptions) -> Numbers:
    bulk_add_s = build_server_collection(address, data_dir, options.cards, options.history_rows)
    analyze(address, vacuum=True)
    use = child_json(
        [
            "use-server",
            address.url.render_as_string(hide_password=False),
            str(address.role),
            str(data_dir),
            str(options.reviews),
        ],
        CHILD_TIMEOUT_SECONDS,
    )
    return {
        "bulk_add_s": bulk_add_s,
        "open_ms": use["open_ms"],
        "answer_ms_p50": use["answer_ms_p50"],
        "answer_ms_p95": use["answer_ms_p95"],
        "answer_durable_ms_p50": use["answer_durable_ms_p50"],
        "stats_ms": use["stats_ms"],
        "db_bytes": use["db_bytes"],
        "rss_mb": use["rss_mb"],
        **dict.fromkeys(WINDOW_METRICS, float("nan")),
    }


# The columns of DUE_STATES_SQL, in its order.
_DUE_STATES_COLUMNS = (
    "repetitions, easiness_hundredths, interval_days, due_day, introduced_day, last_review_day,"
    " review_count, card_id"
)
_DUE_STATES_TABLE = (
    "CREATE TEMPORARY TABLE due_states (repetitions int, easiness_hundredths int,"
    " interval_days int, due_day date, introduced_day date, last_review_day date,"
    " review_count int, card_id text) ON COMMIT DROP"
)
_APPLY_DUE_STATES = (
    "UPDATE card_states AS s SET repetitions = d.repetitions,"
    " easiness_hundredths = d.easiness_hundredths, interval_days = d.interval_days,"
    " due_day = d.due_day, introduced_day = d.introduced_day,"
    " last_review_day = d.last_review_day, review_count = d.review_count"
    " FROM due_states AS d WHERE s.card_id = d.card_id"
)
_NUMBERED_HISTORY_SQL = HISTORY_SQL.replace(
    "INSERT INTO reviews (card_id,", "INSERT INTO reviews (id, card_id,"
).replace("VALUES (?,", "VALUES (?, ?,")


def build_server_collection(
    address: ServerAddress, data_dir: Path, cards: int, history: int
) -> float:
    """The SQLite run's collection, on the server; returns the seconds ``add_cards`` took."""
    from imperfect_trainer.deck.store import Store

    now = local_now()
    contents = bench_cards(cards)
    with Store.open_server(address, data_dir, now=now) as store:
        store.set_setting("welcome_seen", True)
        started = time.perf_counter()
        store.add_cards(contents, now)
        elapsed = time.perf_counter() - started
        today = store.practice_day(now)
        # Without statistics on 100,000 new rows the planner would scan for each update.
        analyze(address)
        with store.statements() as connection:
            cursor: Any = store.file.cursor(connection)  # psycopg's, on a server
            # Copied in and applied by one statement: the section totals' triggers run once per
            # statement, and one statement per card would update one row 100,000 times.
            cursor.execute(_DUE_STATES_TABLE)
            with cursor.copy(f"COPY due_states ({_DUE_STATES_COLUMNS}) FROM STDIN") as copy:
                for row in due_states(cards, today):
                    copy.write_row(row)
            cursor.execute(_APPLY_DUE_STATES)
            # Numbered here: a row without an id is numbered by a trigger (migration 0008)
            # whose plan, made while the table was empty, would scan it once per row.
            cursor.executemany(
                store.file.sql(_NUMBERED_HISTORY_SQL),
                (
                    (number, *row)
                    for number, row in enumerate(history_rows(cards, history, today), 1)
                ),
            )
    return elapsed


def analyze(address: ServerAddress, *, vacuum: bool = False) -> None:
    """Statistics for the planner (and, with ``vacuum``, the visibility map that lets counts
    read indexes alone), as autovacuum keeps them for a collection in use; only the tables'
    owner may ask for them at once."""
    from sqlalchemy import text

    from imperfect_trainer.deck.storage.postgres_collection import make_server_engine

    engine = make_server_engine(dataclasses.replace(address, role=None))
    command = "VACUUM (ANALYZE)" if vacuum else "ANALYZE"
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            for table in PERSONAL_TABLES:
                connection.execute(text(f"{command} {table}"))
    finally:
        engine.dispose()


def use_phase(address: ServerAddress, data_dir: Path, reviews: int) -> Numbers:
    """Open, practise and count on the server, as the window would; in its own process."""
    from sqlalchemy import text

    from imperfect_trainer.deck.practice.session import Practice
    from imperfect_trainer.deck.store import Store

    opens: list[float] = []
    for _ in range(OPEN_RUNS):
        started = time.perf_counter()
        store = Store.open_server(address, data_dir, now=local_now())
        practice = Practice.start(store, local_now(), seconds=BENCH_SESSION_SECONDS)
        opens.append(ms_since(started))
        if len(opens) < OPEN_RUNS:
            store.close()
    with store:
        answers, durable = answer_times(practice, practice_grades(reviews))
        stats = [timed_ms(lambda: store.stats(local_now())) for _ in range(STATS_RUNS)]
        with store.file.engine.connect() as connection:
            size = sum(
                int(
                    connection.execute(
                        text(f"SELECT coalesce(sum(pg_column_size(t.*)), 0) FROM {table} AS t")
                    ).scalar()
                    or 0
                )
                for table in PERSONAL_TABLES
            )
    return {
        "open_ms": statistics.median(opens),
        "answer_ms_p50": percentile(answers, 0.50),
        "answer_ms_p95": percentile(answers, 0.95),
        # With the server's WAL flush waited for after the next card, as the window does.
        "answer_durable_ms_p50": percentile(durable, 0.50),
        "stats_ms": statistics.median(stats),
        "db_bytes": float(size),
        "rss_mb": peak_rss_mb(),
    }


def child_use(url: str, role: str, data_dir: str, reviews: str) -> Numbers:
    address = dataclasses.replace(server_address(url), role=role)
    return use_phase(address, Path(data_dir), int(reviews))
