"""Screenshots of every screen and dialog, at a chosen window size, text size and colour scheme.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screen_tour.py OUT_DIR \
        [--size 800x600] [--font 20] [--scheme light|dark|both]

Fills a throw-away collection (never the person's) with a few weeks of answers, journal
entries, goals and an own card, opens the real main window and visits each screen as a person
would, saving ``<screen>-<scheme>.png`` for each. The same tour drives the test that fails when
a label's or button's text does not fit (tests/ui/test_every_size.py).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

# The tour lives with the tests, which drive the same screens; run from anywhere.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from imperfect_trainer.ui.theme import apply_theme
from tests.support.screen_tour import SCHEMES, fill_sample_collection, tour


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="800x600")
    parser.add_argument("--font", type=int, default=20)
    parser.add_argument("--scheme", choices=(*SCHEMES, "both"), default="both")
    options = parser.parse_args(argv)
    width, height = (int(part) for part in options.size.split("x"))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_theme(app)
    options.out.mkdir(parents=True, exist_ok=True)
    schemes = SCHEMES if options.scheme == "both" else (options.scheme,)
    for scheme in schemes:
        with tempfile.TemporaryDirectory(prefix="imperfect-tour-") as temporary:
            folder = Path(temporary) / "collection"
            with fill_sample_collection(folder) as (store, clock):
                for name, screen in tour(store, clock, (width, height), options.font, scheme):
                    path = options.out / f"{name}-{scheme}.png"
                    screen.grab().save(str(path))
                    print(path)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
