"""The ``imperfect-trainer`` command: the window by default, and a few subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

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
    check = commands.add_parser("check", help="check the collection's health; exit 0 if healthy")
    check.add_argument(
        "--repair", action="store_true", help="after a backup, fix what is safe to fix"
    )
    stats = commands.add_parser("stats", help="cards, due today, answers, days practised")
    stats.add_argument("--json", action="store_true", help="print one JSON object")
    commands.add_parser("backup", help="make a backup of the collection now")
    restore = commands.add_parser(
        "restore", help="replace the collection with a backup (the current one is kept)"
    )
    restore.add_argument("backup_file", type=Path, metavar="FILE")
    bench = commands.add_parser(
        "bench", help="time a throw-away collection (never yours); --vs-anki compares with Anki"
    )
    bench.add_argument("--cards", type=int, default=1000, metavar="N", help="own cards, all due")
    bench.add_argument("--reviews", type=int, default=200, metavar="M", help="answers to time")
    bench.add_argument("--history", type=int, metavar="R", help="past answers (default 10/card)")
    bench.add_argument("--json", action="store_true", help="print one JSON line")
    bench.add_argument("--vs-anki", action="store_true", help="the same through Anki (bench extra)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    # Everything the app writes (database, backups, exports) is the owner's alone.
    os.umask(0o077)
    args = build_parser().parse_args(argv)
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    if args.command is None:
        from imperfect_trainer.ui.app import run_app

        return run_app(data_dir)
    if args.command == "bench":
        # Imported here: the benchmark is a developer's tool and costs the app nothing.
        from imperfect_trainer import bench

        return bench.run(
            bench.BenchOptions(args.cards, args.reviews, args.history, args.json, args.vs_anki)
        )
    return _run_command(args, data_dir)


def _run_command(args: argparse.Namespace, data_dir: Path) -> int:
    from imperfect_trainer.deck.deck_file import DeckFileError
    from imperfect_trainer.deck.instance_lock import AlreadyOpenError, InstanceLock
    from imperfect_trainer.deck.store import Store, StoreError

    now = dt.datetime.now().astimezone()
    # Commands that replace or rewrite the collection wait for the window to be closed.
    lock = InstanceLock(data_dir) if args.command in {"restore", "check"} else None
    try:
        if lock is not None:
            data_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
            if args.command == "restore" or args.repair:
                lock.acquire()
        if args.command == "restore":
            return _restore(data_dir, args.backup_file, now)
        with Store.open(data_dir, now=now) as store:
            return COMMANDS[args.command](store, args, now)
    except AlreadyOpenError as error:
        print(f"{APP_NAME}: {error}; close the window first", file=sys.stderr)
        return 3
    except (StoreError, DeckFileError) as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        _suggest_backup(data_dir)
        return 2
    finally:
        if lock is not None:
            lock.release()


def _check(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    if args.repair:
        for fixed in store.repair(now):
            print(f"fixed: {fixed}")
    report = store.check()
    print(report.line())
    return 0 if report.healthy else 1


def _stats(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    numbers = store.stats(now).as_dict()
    if args.json:
        print(json.dumps(numbers))
        return 0
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


def _backup(store: Store, _args: argparse.Namespace, now: dt.datetime) -> int:
    path = store.backup(now)
    print(f"backup written: {path} ({path.stat().st_size} bytes)")
    return 0


def _restore(data_dir: Path, backup_file: Path, now: dt.datetime) -> int:
    from imperfect_trainer.deck.store import Store, StoreError, restore_over_damaged

    try:
        store = Store.open(data_dir, now=now)
    except StoreError as error:
        print(f"{APP_NAME}: the current collection cannot be opened ({error.problem})")
        moved = restore_over_damaged(data_dir, backup_file.expanduser(), now)
        if moved is not None:
            print(f"the unusable file was kept, unchanged, as {moved}")
    else:
        with store:
            store.restore(backup_file.expanduser(), now)
    print(f"restored {backup_file} into {data_dir}")
    return 0


def _suggest_backup(data_dir: Path) -> None:
    from imperfect_trainer.deck.backups import list_backups
    from imperfect_trainer.deck.store import StoreError, inspect_collection

    for backup in list_backups(data_dir):
        try:
            inspect_collection(backup.path)
        except StoreError:
            continue
        print(
            f"{APP_NAME}: the newest good backup is {backup.path}; restore it with:\n"
            f"  {APP_NAME} --data-dir {data_dir} restore {backup.path}",
            file=sys.stderr,
        )
        return


COMMANDS: dict[str, Callable[[Store, argparse.Namespace, dt.datetime], int]] = {
    "check": _check,
    "stats": _stats,
    "backup": _backup,
}
