"""``check``, ``stats``, ``backup`` and ``restore``: the collection's health and its backups."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import shlex
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.cli.opening import APP_NAME

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store


def check(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    if args.repair:
        fixes = store.safety.repair(now)
        store.flush_to_disk()
        for fixed in fixes:
            print(f"fixed: {fixed}")
    from imperfect_trainer import app_log

    report = store.check()
    # The cards counted split as stats counts them (stats: the cards in practice).
    print(report.line() if report.damaged else f"{report.line()}; {_cards_words(store)}")
    print(f"log of unexpected errors: {app_log.log_path()}", file=sys.stderr)
    if report.damaged:
        suggest_backup(store.data_dir)
    return 0 if report.healthy else 1


def _cards_words(store: Store) -> str:
    """How the cards divide: in practice (what ``stats`` counts), suspended, retired."""
    from imperfect_trainer.deck.features.browser import deck_counts

    counts = deck_counts(store)
    parts = [f"{counts.in_practice} in practice"]
    if counts.suspended:
        named = ", ".join(counts.suspended[:5])
        more = f" and {len(counts.suspended) - 5} more" if len(counts.suspended) > 5 else ""
        parts.append(f"{len(counts.suspended)} suspended ({named}{more})")
    if counts.retired:
        parts.append(f"{counts.retired} retired by a deck update (their history kept)")
    return ", ".join(parts)


def stats(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    numbers = store.stats(now).as_dict()
    if args.json:
        print(json.dumps(numbers))
        return _damage_said(store)
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
    return _damage_said(store)


def _damage_said(store: Store) -> int:
    """Figures read from a damaged file may be wrong or partial: said, with what to do."""
    damage = store.safety.quick_damage()
    if damage is None:
        return 0
    print(
        f"{APP_NAME}: these figures come from a damaged collection ({store.file.where}: "
        f"{damage}); run: {APP_NAME} check, and restore a backup if it says so",
        file=sys.stderr,
    )
    return 1


def backup(store: Store, _args: argparse.Namespace, now: dt.datetime) -> int:
    path = store.backup(now)
    print(f"backup written: {path} ({path.stat().st_size} bytes)")
    return 0


def restore(data_dir: Path, backup_file: Path, now: dt.datetime) -> int:
    from imperfect_trainer.deck.storage.restore import restore_collection
    from imperfect_trainer.deck.storage.store_errors import DatabaseDamagedError
    from imperfect_trainer.deck.store import Store

    backup = backup_file.expanduser()
    try:
        store = Store.open(data_dir, now=now)
    except DatabaseDamagedError as error:
        # Only a damaged collection is replaced without being opened; any other trouble
        # (a lock, permissions, a full disk) is not mended by going back in time.
        print(f"{APP_NAME}: the current collection cannot be opened ({error.problem})")
        kept = restore_collection(data_dir, backup, now, current_damaged=True)
    else:
        with store:
            kept = store.restore(backup, now)
    if kept is not None:
        print(f"the collection as it was is kept, unchanged, as {kept}")
    print(f"restored {backup_file} into {data_dir}")
    return 0


def suggest_backup(data_dir: Path) -> None:
    from imperfect_trainer.deck.storage.backups import newest_good_backup

    backup = newest_good_backup(data_dir)
    if backup is not None:
        command = shlex.join([APP_NAME, "--data-dir", str(data_dir), "restore", str(backup.path)])
        print(
            f"{APP_NAME}: the newest good backup is {backup.path} "
            f"({backup.taken_at:%d %B %Y, %H:%M}); restore it with:\n  {command}",
            file=sys.stderr,
        )
