"""A benchmark run: the collection built, each part timed in its child, the figures said."""

from __future__ import annotations

import compileall
import json
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

from imperfect_trainer.bench.anki_run import measure_anki
from imperfect_trainer.bench.children import (
    CHILD_TIMEOUT_SECONDS,
    WINDOW_TIMEOUT_SECONDS,
    child_json,
)
from imperfect_trainer.bench.fixture import build_collection, db_bytes
from imperfect_trainer.bench.measures import fsync_ms
from imperfect_trainer.bench.options import BenchError, BenchOptions, Numbers
from imperfect_trainer.bench.report import json_record, table

FIRST_CARD_RUNS = 5
# Space (show the answer) and 4 (grade: the next card) pressed this many times each, and the pause
# after each paint, long enough for what follows it (the fsync, the next frame) to be done.
KEY_ROUNDS = 60


def run_sizes(options: BenchOptions, sizes: Sequence[int]) -> int:
    """The benchmark at each size in turn (``--sizes 1000,10000,100000``): one table, or one
    JSON line, per size, all in one run so their ratios share the machine's state."""
    code = 0
    for cards in sizes:
        code = max(code, run(replace(options, cards=cards)))
    return code


def run(options: BenchOptions) -> int:
    """Run the benchmark and print a table, or one JSON line with ``--json``."""
    if options.cards < 1 or options.reviews < 1 or options.history_rows < 0:
        print(
            "imperfect-trainer: bench needs --cards and --reviews of at least 1"
            " and --history of at least 0",
            file=sys.stderr,
        )
        return 2
    with tempfile.TemporaryDirectory(prefix="imperfect-trainer-bench-") as folder:
        workdir = Path(folder)
        try:
            ours = measure_ours(workdir / "ours", options)
            server = _measure_server(workdir / "server", options)
            anki = measure_anki(workdir / "anki", options) if options.vs_anki else None
        except BenchError as error:
            print(f"imperfect-trainer: bench: {error}", file=sys.stderr)
            return 1
        floors = {"fsync_ms": fsync_ms(workdir), "bare_qt_ms": bare_qt_ms()}
    if options.as_json:
        print(json.dumps(json_record(options, ours, anki, floors, server)))
    else:
        print(table(options, ours, anki, floors, server))
    return 0


def _measure_server(data_dir: Path, options: BenchOptions) -> Numbers | None:
    """The same figures on a programme's PostgreSQL server (``--database``), or None."""
    if options.database is None:
        return None
    import psycopg
    from sqlalchemy.exc import DBAPIError

    from imperfect_trainer.bench.server import measure_server, throwaway_trainee
    from imperfect_trainer.deck.storage.server_address import server_address
    from imperfect_trainer.deck.storage.server_errors import error_from_postgres
    from imperfect_trainer.deck.storage.store_errors import StoreError

    try:
        with throwaway_trainee(options.database) as address:
            return measure_server(address, data_dir, options)
    except StoreError as error:
        raise BenchError(f"the server run failed: {error}") from error
    except (DBAPIError, psycopg.Error) as error:
        # The server went away mid-run (a restart): said as the app says it, not a traceback.
        told = error_from_postgres(server_address(options.database).where, error)
        raise BenchError(f"the server run failed: {told}") from error


def measure_ours(data_dir: Path, options: BenchOptions) -> Numbers:
    bulk_add_s = build_collection(data_dir, options.cards, options.history_rows)
    compile_package()
    # The windows first: the answers after may leave no card due (more answers than cards).
    windows = [first_card(data_dir) for _ in range(FIRST_CARD_RUNS)]
    # The keys answer cards too: they practise on a copy, so each part meets the same due cards.
    keys_dir = data_dir.with_name(f"{data_dir.name}-keys")
    keys_dir.mkdir(mode=0o700)
    for name in ("collection.sqlite3", "collection.sqlite3-wal"):
        if (data_dir / name).is_file():
            shutil.copy2(data_dir / name, keys_dir / name)
    try:
        keys = child_json(["keys", str(keys_dir), str(KEY_ROUNDS)], WINDOW_TIMEOUT_SECONDS)
    finally:
        shutil.rmtree(keys_dir, ignore_errors=True)
    use = child_json(["use", str(data_dir), str(options.reviews)], CHILD_TIMEOUT_SECONDS)
    return {
        **keys,
        "bulk_add_s": bulk_add_s,
        "open_ms": use["open_ms"],
        "answer_ms_p50": use["answer_ms_p50"],
        "answer_ms_p95": use["answer_ms_p95"],
        "answer_durable_ms_p50": use["answer_durable_ms_p50"],
        "stats_ms": use["stats_ms"],
        "db_bytes": float(db_bytes(data_dir)),
        # The app's peak: the window (Qt included) or the core through M answers and the
        # statistics, whichever is larger.
        "rss_mb": max(use["rss_mb"], *(window["rss_mb"] for window in windows)),
        "first_card_ms": statistics.median(window["first_card_ms"] for window in windows),
    }


def compile_package() -> None:
    """The app's modules as bytecode before its start is timed, as an installed app has them
    (``./run-app`` compiles them too): where PYTHONDONTWRITEBYTECODE is set, Python would
    otherwise compile every module again in each timed start."""
    compileall.compile_dir(Path(__file__).resolve().parents[1], quiet=2)


def first_card(data_dir: Path) -> Numbers:
    """Spawn the real window on ``data_dir``: milliseconds from spawn to the first card painted,
    and the window process's peak memory by then."""
    spawned_at = time.time()  # wall clock: the child compares it with its own
    return child_json(["first-card", str(data_dir), repr(spawned_at)], WINDOW_TIMEOUT_SECONDS)


def bare_qt_ms() -> float:
    """The floor for the first card: a bare Qt window with one label, from spawn to painted."""
    runs = [child_json(["bare-qt", repr(time.time())], WINDOW_TIMEOUT_SECONDS)]
    runs += [child_json(["bare-qt", repr(time.time())], WINDOW_TIMEOUT_SECONDS)
             for _ in range(FIRST_CARD_RUNS - 1)]  # fmt: skip
    return statistics.median(run["bare_qt_ms"] for run in runs)
