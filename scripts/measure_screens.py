"""Time the deck browser and the statistics on a big throw-away collection.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/measure_screens.py [--cards N] [--answers M]

Builds the collection with the benchmark's own builder (own cards, all due, a long history of
answers) in a temporary folder, never the person's, then times what a person waits for:
opening the browser, each keystroke of a search, a filter change, a column sort, and the
statistics (the queries alone, and the whole screen with its charts). Prints medians in ms.
"""

from __future__ import annotations

import argparse
import datetime as dt
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QApplication

from imperfect_trainer.bench import build_collection
from imperfect_trainer.deck.features import statistics as deck_statistics
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.cards.browser_screen import BrowserScreen
from imperfect_trainer.ui.cards.card_table import FRONT
from imperfect_trainer.ui.statistics.statistics_screen import StatisticsScreen

REPEATS = 5


def _ms(action: Callable[[], object]) -> float:
    started = time.perf_counter()
    action()
    return (time.perf_counter() - started) * 1000


def _median(action: Callable[[], object], repeats: int = REPEATS) -> float:
    return statistics.median(_ms(action) for _ in range(repeats))


def measure(folder: Path, app: QApplication) -> list[tuple[str, float]]:
    now = dt.datetime.now().astimezone()
    results: list[tuple[str, float]] = []
    with Store.open(folder, now=now) as store:
        screen = BrowserScreen(store, lambda: now)
        screen.resize(1000, 700)
        screen.show()
        results.append(("browser: first open (load every card)", _ms(screen.refresh)))
        cards = screen.cards.rowCount()

        keystrokes = []
        for end in range(1, len("client 123") + 1):
            keystrokes.append(_ms(partial(screen.search.setText, "client 123"[:end])))
            app.processEvents()
        print("keystrokes:", " ".join(f"{k:.0f}" for k in keystrokes))
        results.append(
            (
                f"browser: a search keystroke, median of {len(keystrokes)}",
                statistics.median(keystrokes),
            )
        )
        results.append(("browser: a search keystroke, slowest", max(keystrokes)))
        results.append(("browser: clearing the search", _ms(screen.search.clear)))
        results.append(
            (
                "browser: a tag filter",
                _ms(lambda: screen.tag.setCurrentIndex(screen.tag.findData("set-7"))),
            )
        )
        screen.tag.setCurrentIndex(0)
        results.append(
            (
                "browser: sorting by front",
                _ms(lambda: screen.cards.sort(FRONT, Qt.SortOrder.AscendingOrder)),
            )
        )

        today = store.practice_day(now)
        for days in (30, 90):
            results.append(
                (
                    f"statistics: queries, {days} days",
                    _median(partial(deck_statistics.gather, store, today, period_days=days)),
                )
            )
            activity = partial(deck_statistics.gather_activity, store, today, period_days=days)
            results.append((f"statistics: the activity's queries, {days} days", _median(activity)))
        mastery_query = partial(deck_statistics.gather_mastery, store, today)
        results.append(("statistics: the mastery query", _median(mastery_query)))
        stats_screen = StatisticsScreen(store, lambda: now)
        stats_screen.resize(1000, 700)
        stats_screen.show()

        def first_screenful() -> None:
            # What the person waits for before the screen shows: the activity's numbers, the
            # layout and the painting (the mastery per section follows once it is drawn).
            stats_screen.refresh("light")
            app.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            stats_screen.grab()
            stats_screen.mastery_timer.stop()

        def mastery() -> None:
            stats_screen.show_mastery()
            app.sendPostedEvents(None, QEvent.Type.LayoutRequest)
            stats_screen.grab()

        results.append(("statistics: first screenful, drawn", _median(first_screenful)))
        results.append(("statistics: then the mastery per section, drawn", _median(mastery)))
        reviews = store.stats(now).reviews
        for widget in (screen, stats_screen):
            widget.close()
            widget.deleteLater()
        app.processEvents()
    print(f"{cards:,} cards, {reviews:,} answers")
    return results


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cards", type=int, default=100_000)
    parser.add_argument("--answers", type=int, default=1_000_000)
    options = parser.parse_args(argv)
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    with tempfile.TemporaryDirectory(prefix="imperfect-measure-") as temporary:
        folder = Path(temporary) / "collection"
        print(f"building {options.cards:,} cards and {options.answers:,} answers …")
        build_collection(folder, options.cards, options.answers)
        for name, value in measure(folder, app):
            print(f"{name:<48} {value:8.1f} ms")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
