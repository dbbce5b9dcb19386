"""``imperfect-trainer bench``: how fast the app is on a big collection, and next to Anki.

It builds a throw-away collection in a temporary folder (``$TMPDIR`` chooses the disk, which
matters: every answer is fsynced) and times the same code the window runs: ``Store`` and the
``Practice`` controller, every answer committed before the next card, and fsynced right after
it (``Store.flush_to_disk``) as the window does once the next card is painted.

The parts are timed in separate processes on purpose. Building 100,000 cards costs memory the
app never needs afterwards, so opening, answering and the statistics run in a fresh child
process ("use" below), and the first card is timed in fresh processes of the real window
(started through ``imperfect_trainer.cli.main``), from spawn to paint; ``rss_mb`` is the larger
peak of those processes. Anki (``--vs-anki``, the ``bench`` extra) runs in this process after
ours, so it cannot inflate our memory figure.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import importlib
import json
import math
import os
import random
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imperfect_trainer.deck.content.cards import CardContent
    from imperfect_trainer.deck.practice.session import Practice

METRICS = (
    "bulk_add_s",
    "open_ms",
    "answer_ms_p50",
    "answer_ms_p95",
    "answer_durable_ms_p50",
    "stats_ms",
    "db_bytes",
    "rss_mb",
    "first_card_ms",
    "reveal_paint_ms_p50",
    "reveal_paint_ms_p95",
    "grade_paint_ms_p50",
    "grade_paint_ms_p95",
)
# Taken in the window only (not on a server run, which has none).
WINDOW_METRICS = (
    "first_card_ms",
    "reveal_paint_ms_p50",
    "reveal_paint_ms_p95",
    "grade_paint_ms_p50",
    "grade_paint_ms_p95",
)
# The metrics Anki has a true counterpart for. Anki fsyncs inside its commit, so its answer is
# already durable: ours is compared both as the person waits (the fsync after the next card
# is shown) and with the fsync counted.
COMPARED = ("bulk_add_s", "open_ms", "answer_ms_p50", "answer_ms_p95", "answer_durable_ms_p50")

OPEN_RUNS = 7
STATS_RUNS = 5
FIRST_CARD_RUNS = 5
# Space (show the answer) and 4 (grade: the next card) pressed this many times each, and the pause
# after each paint, long enough for what follows it (the fsync, the next frame) to be done.
KEY_ROUNDS = 60
# How long a key may go without its paint before the practice is looked at: over, it ended.
LAST_KEY_WAIT_MS = 2000
KEY_PAUSE_MS = 40
FSYNC_RUNS = 20
# The time box would end a long run at five minutes; the bench wants all M answers.
BENCH_SESSION_SECONDS = 24 * 3600
# History spreads over at most ten years, about a hundred answers a day when it is short.
HISTORY_MAX_DAYS = 3650
HISTORY_PER_DAY = 100
CHILD_TIMEOUT_SECONDS = 3600
WINDOW_TIMEOUT_SECONDS = 120
# Weighted like a real practice: mostly recalled, some misses that come back as drills.
GRADE_WEIGHTS = {5: 30, 4: 40, 3: 15, 2: 8, 1: 4, 0: 3}
# Anki has four buttons; our 0-2 are all "Again" there.
ANKI_RATING = {0: "AGAIN", 1: "AGAIN", 2: "AGAIN", 3: "HARD", 4: "GOOD", 5: "EASY"}
# Reflection cards are left out: a typed answer adds a journal row the bench does not model.
BENCH_KINDS = ("fact", "reframe", "reality", "sign", "practice", "discern")
FRONT = "What helps when a session with client {i} did not go as planned? " + "x" * 60
BACK = "Name one thing that went well enough, and one kind sentence for yourself. " + "y" * 220
SQLITE_DAY = "%Y-%m-%d"
SQLITE_MOMENT = "%Y-%m-%d %H:%M:%S.%f"


class BenchError(RuntimeError):
    """A part of the benchmark failed; the message says which and why."""


@dataclass(frozen=True, slots=True)
class BenchOptions:
    cards: int = 1000
    reviews: int = 200
    history: int | None = None  # None: ten answers per card, a few years of use
    as_json: bool = False
    vs_anki: bool = False
    # A programme's PostgreSQL server (its owner's URL): the same figures on a throwaway trainee.
    database: str | None = None

    @property
    def history_rows(self) -> int:
        return self.cards * 10 if self.history is None else self.history


Numbers = dict[str, float]


# ------------------------------------------------------------------------------ entry points


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
        print(json.dumps(_json_record(options, ours, anki, floors, server)))
    else:
        print(_table(options, ours, anki, floors, server))
    return 0


def _measure_server(data_dir: Path, options: BenchOptions) -> Numbers | None:
    """The same figures on a programme's PostgreSQL server (``--database``), or None."""
    if options.database is None:
        return None
    import psycopg
    from sqlalchemy.exc import DBAPIError

    from imperfect_trainer import bench_server
    from imperfect_trainer.deck.storage.server_address import server_address
    from imperfect_trainer.deck.storage.server_errors import error_from_postgres
    from imperfect_trainer.deck.storage.store_errors import StoreError

    try:
        with bench_server.throwaway_trainee(options.database) as address:
            return bench_server.measure_server(address, data_dir, options)
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
        keys = _child_json(["keys", str(keys_dir), str(KEY_ROUNDS)], WINDOW_TIMEOUT_SECONDS)
    finally:
        shutil.rmtree(keys_dir, ignore_errors=True)
    use = _child_json(["use", str(data_dir), str(options.reviews)], CHILD_TIMEOUT_SECONDS)
    return {
        **keys,
        "bulk_add_s": bulk_add_s,
        "open_ms": use["open_ms"],
        "answer_ms_p50": use["answer_ms_p50"],
        "answer_ms_p95": use["answer_ms_p95"],
        "answer_durable_ms_p50": use["answer_durable_ms_p50"],
        "stats_ms": use["stats_ms"],
        "db_bytes": float(_db_bytes(data_dir)),
        # The app's peak: the window (Qt included) or the core through M answers and the
        # statistics, whichever is larger.
        "rss_mb": max(use["rss_mb"], *(window["rss_mb"] for window in windows)),
        "first_card_ms": statistics.median(window["first_card_ms"] for window in windows),
    }


# ------------------------------------------------------------------------- the fixture


def build_collection(data_dir: Path, cards: int, history: int) -> float:
    """Create the collection with ``cards`` own cards (all due) and ``history`` log rows.

    Returns the seconds ``Store.add_cards`` took, the one step of the fixture that is timed.
    """
    from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
    from imperfect_trainer.deck.store import Store

    now = _now()
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
            db.executemany(DUE_STATES_SQL, _due_states(cards, today))
            db.executemany(HISTORY_SQL, _history_rows(cards, history, today))


def _due_states(cards: int, today: dt.date) -> Iterator[tuple[object, ...]]:
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


def _history_rows(cards: int, history: int, today: dt.date) -> Iterator[tuple[object, ...]]:
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
    return f"fact.bench-{i:07d}"


def _db_bytes(data_dir: Path) -> int:
    from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME

    # The WAL is checkpointed when the last connection closes; counted anyway in case not.
    files = (data_dir / DATABASE_NAME, data_dir / f"{DATABASE_NAME}-wal")
    return sum(path.stat().st_size for path in files if path.exists())


# ------------------------------------------------------------------------ the use phase


def use_phase(data_dir: Path, reviews: int) -> Numbers:
    """Open, practise and count, as the window does; runs in its own process."""
    from imperfect_trainer.deck.practice.session import Practice
    from imperfect_trainer.deck.store import Store

    opens: list[float] = []
    for _ in range(OPEN_RUNS):
        started = time.perf_counter()
        store = Store.open(data_dir, now=_now())
        practice = Practice.start(store, _now(), seconds=BENCH_SESSION_SECONDS)
        opens.append(_ms_since(started))
        if len(opens) < OPEN_RUNS:
            store.close()
    with store:
        answers, durable = answer_times(practice, _grades(reviews))
        stats = [_timed_ms(lambda: store.stats(_now())) for _ in range(STATS_RUNS)]
    return {
        "open_ms": statistics.median(opens),
        "answer_ms_p50": percentile(answers, 0.50),
        "answer_ms_p95": percentile(answers, 0.95),
        "answer_durable_ms_p50": percentile(durable, 0.50),
        "stats_ms": statistics.median(stats),
        "rss_mb": peak_rss_mb(),
    }


def answer_times(practice: Practice, grades: Sequence[int]) -> tuple[list[float], list[float]]:
    """Milliseconds from "show answer" to the next card in hand, one per grade; and the same
    with the fsync that follows counted in (the durable answer, as Anki's is)."""
    times: list[float] = []
    durable: list[float] = []
    for grade in grades:
        if practice.current is None:
            break  # fewer cards than answers asked for
        started = time.perf_counter()
        # What the window's reveal and grade handlers ask of the controller (a reflection is
        # written instead).
        if practice.current_is_reflection:
            practice.write_reflection("A line for the benchmark.", _now())
        else:
            practice.reveal()
            practice.next_intervals(_now())
            practice.grade(grade, _now())
        practice.current  # noqa: B018 - the next card, as the window reads it to render
        times.append(_ms_since(started))
        # As the window does once the next card is painted: the fsync, outside the wait.
        practice.store.flush_to_disk()
        durable.append(_ms_since(started))
    if not times:
        raise BenchError("no card was due, so no answer could be timed")
    return times, durable


def _grades(count: int) -> list[int]:
    rng = random.Random(2026)
    return rng.choices(list(GRADE_WEIGHTS), weights=list(GRADE_WEIGHTS.values()), k=count)


# --------------------------------------------------------------------- the first card


def compile_package() -> None:
    """The app's modules as bytecode before its start is timed, as an installed app has them
    (``./run-app`` compiles them too): where PYTHONDONTWRITEBYTECODE is set, Python would
    otherwise compile every module again in each timed start."""
    import compileall

    compileall.compile_dir(Path(__file__).resolve().parent, quiet=2)


def first_card(data_dir: Path) -> Numbers:
    """Spawn the real window on ``data_dir``: milliseconds from spawn to the first card painted,
    and the window process's peak memory by then."""
    spawned_at = time.time()  # wall clock: the child compares it with its own
    return _child_json(["first-card", str(data_dir), repr(spawned_at)], WINDOW_TIMEOUT_SECONDS)


def bare_qt_ms() -> float:
    """The floor for the first card: a bare Qt window with one label, from spawn to painted."""
    runs = [_child_json(["bare-qt", repr(time.time())], WINDOW_TIMEOUT_SECONDS)]
    runs += [_child_json(["bare-qt", repr(time.time())], WINDOW_TIMEOUT_SECONDS)
             for _ in range(FIRST_CARD_RUNS - 1)]  # fmt: skip
    return statistics.median(run["bare_qt_ms"] for run in runs)


def bare_window_phase(spawned_at: float) -> int:
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication, QLabel

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        print(json.dumps({"bare_qt_ms": (time.time() - spawned_at) * 1000}), flush=True)
        os._exit(0)

    app = QApplication([sys.argv[0]])
    label = QLabel("What helps when a session did not go as planned?")
    label.installEventFilter(PaintWatcher(label))
    label.show()
    return app.exec()


def window_phase(data_dir: Path, spawned_at: float) -> int:
    """The child: start the window through its own entry point, click Start as soon as the window
    is up, report when the first card has been painted, quit. Qt is imported here only, so the
    rest of the bench never needs it."""
    from PySide6.QtCore import QEvent, QObject, QTimer
    from PySide6.QtWidgets import QApplication

    from imperfect_trainer.ui.app import run_app
    from imperfect_trainer.ui.main_window import MainWindow

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint:
                watched.removeEventFilter(self)
                # Once the paint in progress has finished: the card is on screen.
                QTimer.singleShot(0, report)
            return False

    def report() -> None:
        elapsed = (time.time() - spawned_at) * 1000
        print(json.dumps({"first_card_ms": elapsed, "rss_mb": peak_rss_mb()}), flush=True)
        # Measured; leave at once. A normal quit backs the collection up, which at 100,000
        # cards would copy 250 MB per run. The next run's start recovers the WAL as usual.
        os._exit(0)

    def click_start() -> None:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        window.practice_view.front.installEventFilter(PaintWatcher(window))
        window.home.start_button.click()

    # The app reuses this instance; it exists first so the click can be queued before the
    # event loop starts, to run as soon as the window is shown (as by a person waiting for it).
    app = QApplication([sys.argv[0]])
    QTimer.singleShot(0, click_start)
    return run_app(data_dir)


def keys_phase(data_dir: Path, rounds: int) -> int:
    """The child: the real window (offscreen) on ``data_dir``, a practice started, then Space
    and 4 in turn ``rounds`` times each, every key posted as the keyboard's would be; each is
    timed from the key event posted to the end of the paint that shows its change (the back
    for Space, the next card's front for 4). Prints p50 and p95 of both, in ms."""
    from PySide6.QtCore import QEvent, QObject, Qt, QTimer
    from PySide6.QtGui import QKeyEvent
    from PySide6.QtWidgets import QApplication, QWidget

    from imperfect_trainer.deck.practice.session import Phase
    from imperfect_trainer.ui.app import run_app
    from imperfect_trainer.ui.main_window import MainWindow

    times: dict[Qt.Key, list[float]] = {Qt.Key.Key_Space: [], Qt.Key.Key_4: []}
    # The key in flight, when it was posted, and the widget whose paint shows its change.
    pressed: list[tuple[Qt.Key, float, QObject]] = []

    class PaintWatcher(QObject):
        def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt's name
            if event.type() == QEvent.Type.Paint and pressed and pressed[0][2] is watched:
                key, started, _ = pressed.pop()
                # Once the paint in progress has finished: the change is on screen.
                QTimer.singleShot(0, lambda: painted(key, started))
            return False

    def painted(key: Qt.Key, started: float) -> None:
        times[key].append(_ms_since(started))
        QTimer.singleShot(KEY_PAUSE_MS, next_key)

    def press(view: QWidget, key: Qt.Key, text: str, shows: QObject) -> None:
        pressed.append((key, time.perf_counter(), shows))
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            event = QKeyEvent(kind, key, Qt.KeyboardModifier.NoModifier, text)
            QApplication.postEvent(view, event)
        QTimer.singleShot(LAST_KEY_WAIT_MS, ended_practice)

    def ended_practice() -> None:
        # The grade of a practice's last card shows the summary, not a next card: that key is
        # not timed, and the figures so far are the run's (fewer cards than rounds).
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        practice = window.flow.practice
        if pressed and (practice is None or practice.finished):
            pressed.clear()
            report()

    def next_key() -> None:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        view = window.practice_view
        done = min(len(values) for values in times.values()) >= rounds
        practice = window.flow.practice
        if done or practice is None or practice.finished:
            report()
        elif practice.phase is Phase.REFLECTION:
            # The shipped deck's reflections come among the new cards; they are written, not
            # graded, so they are set aside untimed ("Not today").
            window.flow.set_aside()
            QTimer.singleShot(KEY_PAUSE_MS, next_key)
        elif len(times[Qt.Key.Key_Space]) == len(times[Qt.Key.Key_4]):
            press(view, Qt.Key.Key_Space, " ", view.back)
        else:
            press(view, Qt.Key.Key_4, "4", view.front)

    def report() -> None:
        reveal, grade = times[Qt.Key.Key_Space], times[Qt.Key.Key_4]
        if not reveal or not grade:
            os._exit(1)
        record = {
            "reveal_paint_ms_p50": percentile(reveal, 0.50),
            "reveal_paint_ms_p95": percentile(reveal, 0.95),
            "grade_paint_ms_p50": percentile(grade, 0.50),
            "grade_paint_ms_p95": percentile(grade, 0.95),
        }
        print(json.dumps(record), flush=True)
        os._exit(0)  # as the first card's child: no backup of a throw-away collection

    def start() -> None:
        window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
        view = window.practice_view
        watcher = PaintWatcher(window)
        view.back.installEventFilter(watcher)
        view.front.installEventFilter(watcher)
        window.home.start_button.click()
        QTimer.singleShot(500, next_key)  # the first card painted and settled

    app = QApplication([sys.argv[0]])
    QTimer.singleShot(0, start)
    return run_app(data_dir)


# --------------------------------------------------------------------------------- Anki


def measure_anki(folder: Path, options: BenchOptions) -> Numbers:
    """The same sizes through Anki's own scheduler (the ``anki`` package, the bench extra)."""
    try:
        # Through importlib: the extra is optional, and mypy must pass with or without it.
        collection = importlib.import_module("anki.collection")
        anki_cards = importlib.import_module("anki.cards")
        v3 = importlib.import_module("anki.scheduler.v3")
    except ImportError as error:
        raise BenchError(
            f"--vs-anki needs the anki package ({error}); pip install 'imperfect-trainer[bench]'"
        ) from error
    folder.mkdir()
    path = str(folder / "collection.anki2")
    col = collection.Collection(path)
    try:
        bulk_add_s, card_ids = _anki_build(col, collection, options)
    finally:
        col.close()
    _anki_history(path, card_ids, options.history_rows)
    opens: list[float] = []
    for _ in range(OPEN_RUNS):
        started = time.perf_counter()
        col = collection.Collection(path)
        queued = col.sched.get_queued_cards()
        opens.append(_ms_since(started))
        if len(opens) < OPEN_RUNS:
            col.close()
    try:
        answers = _anki_answers(col, queued, anki_cards.Card, v3.CardAnswer, options.reviews)
    finally:
        col.close()
    return {
        "bulk_add_s": bulk_add_s,
        "open_ms": statistics.median(opens),
        "answer_ms_p50": percentile(answers, 0.50),
        "answer_ms_p95": percentile(answers, 0.95),
        # Anki commits with synchronous=FULL: its answer already includes the fsync.
        "answer_durable_ms_p50": percentile(answers, 0.50),
    }


def _anki_build(col: Any, collection: Any, options: BenchOptions) -> tuple[float, list[int]]:
    notetype = col.models.by_name("Basic")
    requests = []
    for i in range(options.cards):
        note = col.new_note(notetype)
        note["Front"] = FRONT.format(i=i)
        note["Back"] = BACK
        requests.append(collection.AddNoteRequest(note, 1))
    started = time.perf_counter()
    col.add_notes(requests)
    elapsed = time.perf_counter() - started
    card_ids = [int(card_id) for card_id in col.find_cards("")]
    col.sched.set_due_date(card_ids, "0")  # review cards due today, like ours
    config = col.decks.config_dict_for_deck_id(1)
    # Anki's daily review limit (200) would end the run early; new cards are not used.
    config["rev"]["perDay"] = max(int(config["rev"]["perDay"]), options.reviews)
    col.decks.update_config(config)
    return elapsed, card_ids


def _anki_history(path: str, card_ids: Sequence[int], history: int) -> None:
    """The same number of past answers in Anki's log, written while the collection is closed:
    through Anki's own database proxy a million rows take minutes."""
    first_ms = int(time.time() * 1000) - history * 1000 - 86_400_000
    rows = (
        (first_ms + k * 1000, card_ids[k % len(card_ids)], -1, 3, 6, 1, 2500, 8000, 1)
        for k in range(history)
    )
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        db.executemany(
            "INSERT INTO revlog (id, cid, usn, ease, ivl, lastIvl, factor, time, type)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            rows,
        )


def _anki_answers(
    col: Any, queued: Any, card_class: Any, card_answer: Any, reviews: int
) -> list[float]:
    """Answer as Anki's reviewer does: build the answer, commit it, fetch the next card."""
    times: list[float] = []
    for grade in _grades(reviews):
        if not queued.cards:
            break
        started = time.perf_counter()
        top = queued.cards[0]
        card = card_class(col, backend_card=top.card)
        card.start_timer()
        rating = getattr(card_answer, ANKI_RATING[grade])
        col.sched.answer_card(col.sched.build_answer(card=card, states=top.states, rating=rating))
        queued = col.sched.get_queued_cards()
        times.append(_ms_since(started))
    if not times:
        raise BenchError("Anki had no card due, so no answer could be timed")
    return times


# ------------------------------------------------------------------------ measurements


def percentile(values: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile: a value that was actually measured."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def peak_rss_mb() -> float:
    """This process's peak resident memory since it started."""
    # VmHWM, not getrusage: Linux carries ru_maxrss over from the forking parent, so a child of
    # a bench that has just built 100,000 cards would report the parent's peak as its own.
    status = Path("/proc/self/status")
    if status.exists():
        for line in status.read_text(encoding="ascii").splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    import resource

    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    # macOS reports bytes, the other Unixes kibibytes.
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def fsync_ms(folder: Path) -> float:
    """One small write plus fsync in ``folder``: what each answer's flush to disk costs."""
    path = folder / "fsync-probe"
    times: list[float] = []
    fd = os.open(path, os.O_CREAT | os.O_WRONLY, 0o600)
    try:
        for _ in range(FSYNC_RUNS):
            os.write(fd, b"\0" * 4096)
            started = time.perf_counter()
            os.fsync(fd)
            times.append(_ms_since(started))
    finally:
        os.close(fd)
    return statistics.median(times)


def _timed_ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return _ms_since(started)


def _ms_since(started: float) -> float:
    return (time.perf_counter() - started) * 1000


def _now() -> dt.datetime:
    return dt.datetime.now().astimezone()


# ---------------------------------------------------------------------- child processes


def _child_json(arguments: list[str], timeout: float) -> Numbers:
    """Run ``python -m imperfect_trainer.bench ARGS`` and read the JSON line it prints."""
    env = dict(os.environ)
    env.setdefault("QT_QPA_PLATFORM", "offscreen")
    # The child must import this very tree, installed or not.
    root = str(Path(__file__).resolve().parents[1])
    env["PYTHONPATH"] = os.pathsep.join(filter(None, (root, env.get("PYTHONPATH"))))
    try:
        done = subprocess.run(
            [sys.executable, "-m", "imperfect_trainer.bench", *arguments],
            capture_output=True,
            text=True,
            env=env,
            timeout=timeout,
            check=False,
        )
    except subprocess.TimeoutExpired as error:
        raise BenchError(f"{arguments[0]} did not finish in {timeout:.0f} s") from error
    lines = done.stdout.strip().splitlines()
    if done.returncode != 0 or not lines:
        # The child's own last word (its error), not its traceback.
        said = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise BenchError(f"{arguments[0]} failed ({done.returncode}): {said}")
    record: Numbers = json.loads(lines[-1])
    return record


def _child_main(argv: Sequence[str]) -> int:
    if len(argv) == 3 and argv[0] == "use":
        print(json.dumps(use_phase(Path(argv[1]), int(argv[2]))), flush=True)
        return 0
    if len(argv) == 3 and argv[0] == "first-card":
        return window_phase(Path(argv[1]), float(argv[2]))
    if len(argv) == 3 and argv[0] == "keys":
        return keys_phase(Path(argv[1]), int(argv[2]))
    if len(argv) == 2 and argv[0] == "bare-qt":
        return bare_window_phase(float(argv[1]))
    if len(argv) == 5 and argv[0] == "use-server":
        from imperfect_trainer import bench_server

        print(json.dumps(bench_server.child_use(*argv[1:])), flush=True)
        return 0
    print(
        "usage: python -m imperfect_trainer.bench use|first-card|keys|bare-qt|use-server ARGS",
        file=sys.stderr,
    )
    return 2


# ------------------------------------------------------------------------------- output


def _json_record(
    options: BenchOptions,
    ours: Numbers,
    anki: Numbers | None,
    floors: Numbers,
    server: Numbers | None = None,
) -> dict[str, Any]:
    record: dict[str, Any] = {"cards": options.cards, "reviews": options.reviews}
    record |= {key: _rounded(key, ours[key]) for key in METRICS}
    record["floors"] = {key: round(value, 3) for key, value in floors.items()}
    if server is not None:
        record["postgres"] = {
            key: _rounded(key, server[key]) for key in METRICS if math.isfinite(server[key])
        }
    if anki is not None:
        record["anki"] = {key: _rounded(key, anki[key]) for key in COMPARED}
        record["ratio"] = {key: round(ours[key] / anki[key], 2) for key in COMPARED}
    return record


def _rounded(key: str, value: float) -> float | int:
    if key == "db_bytes":
        return int(value)
    return round(value, 4 if key == "bulk_add_s" else 3)


def _table(
    options: BenchOptions,
    ours: Numbers,
    anki: Numbers | None,
    floors: Numbers,
    server: Numbers | None = None,
) -> str:
    header = (
        f"{options.cards:,} cards, {options.reviews:,} answers, "
        f"{options.history_rows:,} past answers"
    )
    lines = [header, f"{'metric':<22}{'ours':>12}"]
    if server is not None:
        lines[1] += f"{'postgres':>12}"
    if anki is not None:
        lines[1] += f"{'anki':>12}{'ours/anki':>11}"
    for key in METRICS:
        line = f"{key:<22}{_rounded(key, ours[key]):>12}"
        if server is not None:
            value = server[key]
            line += f"{_rounded(key, value) if math.isfinite(value) else '-':>12}"
        if anki is not None and key in COMPARED:
            line += f"{_rounded(key, anki[key]):>12}{ours[key] / anki[key]:>11.2f}"
        lines.append(line)
    lines.append(
        f"floors: one 4 KiB write + fsync in {tempfile.gettempdir()} {floors['fsync_ms']:.3f} ms;"
        f" a bare Qt window, spawn to painted, {floors['bare_qt_ms']:.0f} ms"
        f" (first card / bare Qt: {ours['first_card_ms'] / floors['bare_qt_ms']:.2f})"
    )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(_child_main(sys.argv[1:]))
