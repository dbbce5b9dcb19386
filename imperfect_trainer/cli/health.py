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
from imperfect_trainer.translation import _

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store


def check(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    if args.repair:
        fixes = store.safety.repair(now)
        store.flush_to_disk()
        for fixed in fixes:
            print(_("fixed: {fixed}").format(fixed=fixed))
    from imperfect_trainer import app_log

    report = store.check()
    # The cards counted split as stats counts them (stats: the cards in practice).
    print(report.line() if report.damaged else f"{report.line()}; {_cards_words(store)}")
    print(_("log of unexpected errors: {log}").format(log=app_log.log_path()), file=sys.stderr)
    if report.damaged:
        suggest_backup(store.data_dir)
    return 0 if report.healthy else 1


def _cards_words(store: Store) -> str:
    """How the cards divide: in practice (what ``stats`` counts), suspended, retired."""
    from imperfect_trainer.deck.features.browser import deck_counts

    counts = deck_counts(store)
    parts = [_("{count} in practice").format(count=counts.in_practice)]
    if counts.suspended:
        named = ", ".join(counts.suspended[:5])
        hidden = len(counts.suspended) - 5
        more = _(" and {count} more").format(count=hidden) if hidden > 0 else ""
        parts.append(
            _("{count} suspended ({named})").format(count=len(counts.suspended), named=named + more)
        )
    if counts.retired:
        parts.append(
            _("{count} retired by a deck update (their history kept)").format(count=counts.retired)
        )
    return ", ".join(parts)


def stats(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    numbers = store.stats(now).as_dict()
    if args.json:
        print(json.dumps(numbers))
        return _damage_said(store)
    labels = {
        "cards": _("Cards"),
        "due_today": _("Due today"),
        "new_waiting": _("New, not yet seen"),
        "reviews": _("Answers given"),
        "days_practised": _("Days practised"),
        "minutes_practised": _("Minutes practised"),
    }
    # The figures in one column, however long the words of the language.
    width = max(20, *(len(label) + 2 for label in labels.values()))
    for key, label in labels.items():
        print(f"{label + ':':<{width}}{numbers[key]}")
    return _damage_said(store)


def _damage_said(store: Store) -> int:
    """Figures read from a damaged file may be wrong or partial: said, with what to do."""
    damage = store.safety.quick_damage()
    if damage is None:
        return 0
    print(
        _(
            "{app}: these figures come from a damaged collection ({where}: {damage}); run: {app} "
            "check, and restore a backup if it says so"
        ).format(app=APP_NAME, where=store.file.where, damage=damage),
        file=sys.stderr,
    )
    return 1


def backup(store: Store, _args: argparse.Namespace, now: dt.datetime) -> int:
    path = store.backup(now)
    print(_("backup written: {path} ({size} bytes)").format(path=path, size=path.stat().st_size))
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
        print(
            _("{app}: the current collection cannot be opened ({problem})").format(
                app=APP_NAME, problem=error.problem
            )
        )
        kept = restore_collection(data_dir, backup, now, current_damaged=True)
    else:
        with store:
            kept = store.restore(backup, now)
    if kept is not None:
        print(_("the collection as it was is kept, unchanged, as {kept}").format(kept=kept))
    print(
        _("restored {backup_file} into {data_dir}").format(
            backup_file=backup_file, data_dir=data_dir
        )
    )
    return 0


def suggest_backup(data_dir: Path) -> None:
    from imperfect_trainer.deck.storage.backups import newest_good_backup

    backup = newest_good_backup(data_dir)
    if backup is not None:
        command = shlex.join([APP_NAME, "--data-dir", str(data_dir), "restore", str(backup.path)])
        print(
            _("{app}: the newest good backup is {path} ({when}); restore it with:").format(
                app=APP_NAME, path=backup.path, when=f"{backup.taken_at:%Y-%m-%d %H:%M}"
            )
            + f"\n  {command}",
            file=sys.stderr,
        )
