"""The ``imperfect-trainer`` command: the window by default, and a few subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Sequence
from pathlib import Path

APP_NAME = "imperfect-trainer"
DATA_DIR_VARIABLE = "IMPERFECT_TRAINER_DATA_DIR"


def default_data_dir() -> Path:
    """``$IMPERFECT_TRAINER_DATA_DIR``, else the platform's user data folder."""
    override = os.environ.get(DATA_DIR_VARIABLE)
    if override:
        return Path(override).expanduser()
    # Imported here: most runs start from --data-dir or the variable above.
    from platformdirs import user_data_path

    return user_data_path(APP_NAME, appauthor=False)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="A kind spaced-repetition trainer for clinicians. "
        "With no command, opens the window.",
    )
    parser.add_argument(
        "--data-dir",
        type=Path,
        help=f"folder holding the collection (default: ${DATA_DIR_VARIABLE}, "
        "else the platform's user data folder)",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    commands.add_parser("check", help="check the collection's health; exit 0 only if healthy")
    stats = commands.add_parser("stats", help="cards, due today, answers, days practised")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Everything the app writes (database, backups, exports) is the owner's alone.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    if args.command is None:
        from imperfect_trainer.ui.app import run_app

        return run_app(data_dir)
    return _run_command(args, data_dir)


def _run_command(args: argparse.Namespace, data_dir: Path) -> int:
    from imperfect_trainer.deck.deck_file import DeckFileError
    from imperfect_trainer.deck.store import Store, StoreError

    now = dt.datetime.now().astimezone()
    try:
        store = Store.open(data_dir, now=now)
    except (StoreError, DeckFileError) as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    with store:
        if args.command == "check":
            report = store.check()
            print(report.line())
            return 0 if report.healthy else 1
        numbers = store.stats(now).as_dict()
        if args.json:
            print(json.dumps(numbers))
        else:
            labels = {
                "cards": "Cards",
                "due_today": "Due today",
                "new_waiting": "New, not yet seen",
                "reviews": "Answers given",
                "days_practised": "Days practised",
                "minutes_practised": "Minutes practised",
            }
            for key, label in labels.items():
                print(f"{label + ':':<20}{numbers[key]}")
        return 0
