"""Every screen and dialog holds in an 800 by 600 window at the largest text size Settings offers,
light and dark, in English and in German's longer words (and at 800 by 600 with the usual text,
and a wide window with the largest): no
word cut off in a label, button, box, tab or column header (each text's width in its own font
against the room its widget gives it), nothing pushed past the window's edge or the side of
its page, and the window itself not forced bigger than asked.

The same for what only a programme's server shows (a trainee's share ticks, a supervisor's My
trainees and report dialog), on the test cluster.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest
from PySide6.QtGui import QFont, QPalette
from PySide6.QtWidgets import QApplication, QMainWindow

from imperfect_trainer.deck.features import preferences
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.common.language import apply_language
from tests.support.moments import MORNING
from tests.support.postgres import Programme
from tests.support.screen_tour import (
    SERVER_STOPS,
    STOPS,
    TourClock,
    fill,
    server_tour,
    share_some,
    tour,
)
from tests.support.text_fit import misfits

pytestmark = pytest.mark.gui

LARGEST_TEXT = preferences.NUMBERS["font_size"].highest
DEFAULT_TEXT = preferences.NUMBERS["font_size"].default


class Look(NamedTuple):
    width: int
    height: int
    text: int
    scheme: str
    language: str = "en"

    def __str__(self) -> str:
        return f"{self.width}x{self.height}-{self.text}pt-{self.scheme}-{self.language}"


SMALL_LARGE_LIGHT = Look(800, 600, LARGEST_TEXT, "light")
SMALL_LARGE_DARK = Look(800, 600, LARGEST_TEXT, "dark")
SMALL_DEFAULT = Look(800, 600, DEFAULT_TEXT, "dark")
WIDE_LARGE = Look(1366, 800, LARGEST_TEXT, "light")
USUAL = Look(1200, 760, DEFAULT_TEXT, "light")
GERMAN_SMALL_LARGE = Look(800, 600, LARGEST_TEXT, "light", "de")
LOOKS = (SMALL_LARGE_LIGHT, SMALL_LARGE_DARK, SMALL_DEFAULT, WIDE_LARGE, USUAL, GERMAN_SMALL_LARGE)
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
    apply_language(qapp, look.language)
    try:
        with Store.open(folder, now=MORNING) as store:
            size = (look.width, look.height)
            for name, shown in tour(store, TourClock(MORNING), size, look.text, look.scheme):
                found[name] = (misfits(shown), (shown.width(), shown.height()))
    finally:
        apply_language(qapp, "en")
    yield look, found
    # The next tests start from the appearance they would have had.
    qapp.setStyle(style)
    qapp.setPalette(QPalette(palette))
    qapp.setFont(QFont(font))
    qapp.setStyleSheet(sheet)


@pytest.fixture(scope="module")
def programme_people(
    programme: Programme, tmp_path_factory: pytest.TempPathFactory
) -> tuple[str, str]:
    """A trainee with five weeks of practice who shares some of it, a second who has not
    started, and their supervisor."""
    trainee = programme.new_trainee()
    folder = tmp_path_factory.mktemp("programme")
    with Store.open_server(
        programme.address(trainee), folder, now=MORNING - dt.timedelta(days=40)
    ) as store:
        fill(store)
        share_some(store)
    return trainee, programme.new_supervisor(trainee, programme.new_trainee())


@pytest.fixture(scope="module", params=LOOKS, ids=str)
def seen_on_server(
    request: pytest.FixtureRequest,
    programme: Programme,
    programme_people: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    qapp: QApplication,
) -> Iterator[Seen]:
    look: Look = request.param
    trainee, supervisor = programme_people
    folder = tmp_path_factory.mktemp(f"server-tour-{look}")
    saved = _appearance(qapp)
    found: dict[str, tuple[list[str], tuple[int, int]]] = {}
    apply_language(qapp, look.language)
    try:
        for name, shown in server_tour(
            programme.address(trainee),
            programme.address(supervisor),
            folder,
            TourClock(MORNING),
            (look.width, look.height),
            look.text,
            look.scheme,
        ):
            found[name] = (misfits(shown), (shown.width(), shown.height()))
    finally:
        apply_language(qapp, "en")
    yield look, found
    _restore(qapp, saved)


Appearance = tuple[str, str, QFont, QPalette]


def _appearance(qapp: QApplication) -> Appearance:
    return qapp.style().name(), qapp.styleSheet(), QFont(qapp.font()), QPalette(qapp.palette())


def _restore(qapp: QApplication, saved: Appearance) -> None:
    style, sheet, font, palette = saved
    qapp.setStyle(style)
    qapp.setPalette(palette)
    qapp.setFont(font)
    qapp.setStyleSheet(sheet)


@pytest.mark.postgres
def test_the_servers_tour_visits_its_screens(seen_on_server: Seen) -> None:
    _look, found = seen_on_server
    assert tuple(found) == SERVER_STOPS


@pytest.mark.postgres
@pytest.mark.parametrize("stop", SERVER_STOPS)
def test_every_text_on_a_server_fits_in_every_look(stop: str, seen_on_server: Seen) -> None:
    _look, found = seen_on_server
    problems, _size = found[stop]
    assert problems == []


@pytest.mark.postgres
def test_the_window_on_a_server_is_not_forced_bigger_than_asked(seen_on_server: Seen) -> None:
    look, found = seen_on_server
    sizes = {size for name, (_, size) in found.items() if name != "trainee-report"}
    assert sizes == {(look.width, look.height)}


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

    from imperfect_trainer.ui.common import widgets
    from imperfect_trainer.ui.common.page_scroll import scroll_page

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
