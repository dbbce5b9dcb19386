"""The first card of the day is reached without SQLAlchemy (its import and mapping cost a
quarter of a second): a fresh window process, started as the app starts, clicks Start and
reports what was imported by the time the card is painted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.paths import REPO

pytestmark = pytest.mark.gui

CHILD = """
import json, os, sys
from pathlib import Path
from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication
app = QApplication([sys.argv[0]])
from imperfect_trainer.ui.window.app import run_app
from imperfect_trainer.ui.window.main_window import MainWindow

def report():
    heavy = sorted(m for m in sys.modules if m.split(".")[0] in ("sqlalchemy", "alembic"))
    print(json.dumps({"front": window.practice_view.front.text(), "heavy": heavy}), flush=True)
    os._exit(0)

class Painted(QObject):
    def eventFilter(self, watched, event):
        if event.type() == QEvent.Type.Paint:
            watched.removeEventFilter(self)
            QTimer.singleShot(0, report)
        return False

def start():
    global window
    window = next(w for w in app.topLevelWidgets() if isinstance(w, MainWindow))
    window.practice_view.front.installEventFilter(Painted(window))
    window.home.start_button.click()

QTimer.singleShot(0, start)
run_app(Path(sys.argv[1]))
"""


def test_the_first_card_is_painted_without_sqlalchemy(data_dir: Path, tmp_path: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        store.set_setting("welcome_seen", True)
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", IMPERFECT_TRAINER_LOG_DIR=str(tmp_path))
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir)],
        capture_output=True,
        text=True,
        env=env,
        cwd=REPO,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    shown = json.loads(done.stdout.strip().splitlines()[-1])
    assert shown["front"]  # a card is on screen
    assert shown["heavy"] == []
