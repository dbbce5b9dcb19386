"""The window's children: the first card painted, and keys to the changed pixels.

Qt is imported in these functions only, so the rest of the bench never needs it.
"""

from __future__ import annotations

import json
import os
import sys
import time
from pathlib import Path

from imperfect_trainer.bench.measures import ms_since, peak_rss_mb, percentile

# How long a key may go without its paint before the practice is looked at: over, it ended.
LAST_KEY_WAIT_MS = 2000
KEY_PAUSE_MS = 40


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

    from imperfect_trainer.ui.window.app import run_app
    from imperfect_trainer.ui.window.main_window import MainWindow

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
    from imperfect_trainer.ui.window.app import run_app
    from imperfect_trainer.ui.window.main_window import MainWindow

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
        times[key].append(ms_since(started))
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
