"""Every screen and dialog holds in an 800 by 600 window at the largest text size Settings offers,
light and dark (and at 800 by 600 with the usual text, and a wide window with the largest): no
word cut off in a label, button, box, tab or column header (each text's width in its own font
against the room its widget gives it), nothing pushed past the window's edge or the side of
its page, and the window itself not forced bigger than asked.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.screen_tour import STOPS, TourClock, fill, tour
from tests.support.text_fit import misfits

pytestmark = pytest.mark.gui

LARGEST_TEXT = preferences.NUMBERS["font_size"].highest
DEFAULT_TEXT = preferences.NUMBERS["font_size"].default


class Look(NamedTuple):
    width: int
    height: int
    text: int
    scheme: str

    def __str__(self) -> str:
        return f"{self.width}x{self.height}-{self.text}pt-{self.scheme}"


SMALL_LARGE_LIGHT = Look(800, 600, LARGEST_TEXT, "light")
SMALL_LARGE_DARK = Look(800, 600, LARGEST_TEXT, "dark")
SMALL_DEFAULT = Look(800, 600, DEFAULT_TEXT, "dark")
WIDE_LARGE = Look(1366, 800, LARGEST_TEXT, "light")
USUAL = Look(1200, 760, DEFAULT_TEXT, "light")
LOOKS = (SMALL_LARGE_LIGHT, SMALL_LARGE_DARK, SMALL_DEFAULT, WIDE_LARGE, USUAL)
Seen = tuple[Look, dict[str, tuple[list[str], tuple[int, int]]]]
# The stops that show the main window itself (the others are dialogs of their own size).
WINDOW_STOPS = STOPS[: STOPS.index("settings-backups") + 1]
@pytest.fixture(scope="module")
def lived_in(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A collection with five weeks of practice, journal entries, goals and an own card."""
    folder = tmp_path_factory.mktemp("lived-in") / "data"
    with Store.open(folder, now=MORNING) as store:
        fill(store)
    return folder


@pytest.fixture(scope="module", params=LOOKS, ids=str)
def seen(
    request: pytest.FixtureRequest,
    lived_in: Path,
    tmp_path_factory: pytest.TempPathFactory,
    qapp: QApplication,
) -> Iterator[Seen]:
    """What does not fit at each stop of the tour, and the size of what was shown."""
    look: Look = request.param
    folder = tmp_path_factory.mktemp(f"tour-{look}") / "data"
    shutil.copytree(lived_in, folder)
    style, sheet, font, palette = (
        qapp.style().name(),
        qapp.styleSheet(),
        qapp.font(),
        qapp.palette(),
    )
    found: dict[str, tuple[list[str], tuple[int, int]]] = {}
    with Store.open(folder, now=MORNING) as store:
        size = (look.width, look.height)
        for name, shown in tour(store, TourClock(MORNING), size, look.text, look.scheme):
            found[name] = (misfits(shown), (shown.width(), shown.height()))
    yield look, found
    # The next tests start from the appearance they would have had.
    qapp.setStyle(style)
    qapp.setPalette(QPalette(palette))
    qapp.setFont(QFont(font))
    qapp.setStyleSheet(sheet)


def test_the_tour_visits_every_screen_and_dialog(seen: Seen) -> None:
    _look, found = seen
    assert tuple(found) == STOPS


@pytest.mark.parametrize("stop", STOPS)
def test_every_text_fits_in_every_look(stop: str, seen: Seen) -> None:
    _look, found = seen
    problems, _size = found[stop]
    assert problems == []


def test_the_window_is_not_forced_bigger_than_asked(seen: Seen) -> None:
    look, found = seen
    sizes = {size for name, (_, size) in found.items() if name in WINDOW_STOPS}
    assert sizes == {(look.width, look.height)}


def test_a_misfit_is_caught(qapp: QApplication) -> None:
    """The check itself: a button too narrow for its words, a choice cut short, a label that
    runs past the side of the page holding it."""
    from PySide6.QtWidgets import QComboBox, QLabel, QVBoxLayout, QWidget

    from imperfect_trainer.ui import widgets
    from imperfect_trainer.ui.page_scroll import scroll_page

    window = QMainWindow()
    page = QWidget()
    layout = QVBoxLayout(page)
    button = widgets.button("A button with rather a lot of words on it")
    choice = QComboBox()
    choice.addItem("Active and suspended")
    label = QLabel("Words that do not wrap and run on past the side of the page")
    for widget in (button, choice, label):
        layout.addWidget(widget)
    window.setCentralWidget(scroll_page(page))
    window.show()
    button.setFixedWidth(120)
    choice.setFixedWidth(90)
    label.setMinimumWidth(900)
    window.resize(400, 300)
    qapp.processEvents()
    found = misfits(window)
    assert any("A button with rather" in problem for problem in found)
    assert any("Active and suspended" in problem for problem in found)
    assert any(problem.startswith("QLabel runs past the side") for problem in found)
    window.close()
