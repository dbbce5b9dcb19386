"""Screenshots of every screen and dialog, at a chosen window size, text size and colour scheme.

    QT_QPA_PLATFORM=offscreen .venv/bin/python scripts/screen_tour.py OUT_DIR \
        [--size 800x600] [--font 20] [--scheme light|dark|both] [--language en|de]
        [--server CLUSTER_DIR]

Fills a throw-away collection (never the person's) with a few weeks of answers, journal
entries, goals and an own card, opens the real main window and visits each screen as a person
would, saving ``<screen>-<scheme>.png`` for each, in the language ``--language`` names
(docs/screenshots/de/ holds the German window's). The same tour drives the test that fails when
a label's or button's text does not fit (tests/ui/test_every_size.py).

``--server`` takes a running test cluster (``scripts/test-postgres start CLUSTER_DIR``) and
adds what only a programme's server shows: a trainee, Alex, sharing some of the same sample
collection, and their supervisor's My trainees and report dialog (a throw-away database,
``screen_tour``, made afresh).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from PySide6.QtWidgets import QApplication

# The tour lives with the tests, which drive the same screens; run from anywhere.
sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from imperfect_trainer.translation import ENGLISH, LANGUAGES
from imperfect_trainer.ui.common.language import apply_language
from imperfect_trainer.ui.common.theme import apply_theme
from tests.support.moments import MORNING
from tests.support.postgres import Cluster, make_programme
from tests.support.screen_tour import (
    SCHEMES,
    TourClock,
    fill,
    fill_sample_collection,
    server_tour,
    share_some,
    tour,
)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--size", default="800x600")
    parser.add_argument("--font", type=int, default=20)
    parser.add_argument("--scheme", choices=(*SCHEMES, "both"), default="both")
    parser.add_argument("--language", choices=(ENGLISH, *LANGUAGES), default=ENGLISH)
    parser.add_argument("--server", type=Path, help="a running test cluster's folder")
    options = parser.parse_args(argv)
    width, height = (int(part) for part in options.size.split("x"))
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    apply_theme(app)
    apply_language(app, options.language)
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
    if options.server is not None:
        _server_tour(options, (width, height), schemes)
    return 0


def _server_tour(
    options: argparse.Namespace, size: tuple[int, int], schemes: tuple[str, ...]
) -> None:
    import datetime as dt

    from imperfect_trainer.deck.store import Store

    programme = make_programme(Cluster(options.server), "screen_tour")
    trainee = programme.new_trainee("alex")
    supervisor = programme.new_supervisor(trainee, programme.new_trainee("sam"), name="morgan")
    with tempfile.TemporaryDirectory(prefix="imperfect-tour-") as temporary:
        folder = Path(temporary)
        start = MORNING - dt.timedelta(days=40)
        with Store.open_server(programme.address(trainee), folder / "fill", now=start) as store:
            fill(store)
            share_some(store)
        for scheme in schemes:
            for name, screen in server_tour(
                programme.address(trainee),
                programme.address(supervisor),
                folder / scheme,
                TourClock(MORNING),
                size,
                options.font,
                scheme,
            ):
                path = options.out / f"{name}-{scheme}.png"
                screen.grab().save(str(path))
                print(path)


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
