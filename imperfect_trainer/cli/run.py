"""The commands on a collection: its lock, the collection opened, and every error said calmly."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.cli import health, interchange, report
from imperfect_trainer.cli.opening import APP_NAME, open_own_collection
from imperfect_trainer.translation import _

if TYPE_CHECKING:
    from imperfect_trainer.deck.store import Store

COMMANDS: dict[str, Callable[[Store, argparse.Namespace, dt.datetime], int]] = {
    "check": health.check,
    "stats": health.stats,
    "backup": health.backup,
    "import": interchange.import_file,
    "export": interchange.export_file,
    "report": report.write_report,
}


def run_command(args: argparse.Namespace, data_dir: Path, database: str | None = None) -> int:
    from imperfect_trainer.deck.content.deck_file import DeckFileError
    from imperfect_trainer.deck.storage.collection_file import secure_data_dir
    from imperfect_trainer.deck.storage.instance_lock import AlreadyOpenError, InstanceLock
    from imperfect_trainer.deck.storage.store_errors import DatabaseDamagedError, StoreError

    now = dt.datetime.now().astimezone()
    # Commands that replace or rewrite the collection wait for the window to be closed.
    lock = InstanceLock(data_dir) if args.command in {"restore", "check", "import"} else None
    try:
        secure_data_dir(data_dir)
        if lock is not None and (
            args.command in {"restore", "import"} or getattr(args, "repair", False)
        ):
            lock.acquire()
        if args.command == "restore":
            if database is not None:
                print(
                    _(
                        "{app}: restore puts back a local backup; a server collection's backups "
                        "are JSON exports: import one into an empty collection"
                    ).format(app=APP_NAME),
                    file=sys.stderr,
                )
                return 2
            return health.restore(data_dir, args.backup_file, now)
        to_read = args.command in {"stats", "export"} or (
            args.command == "check" and not args.repair
        )
        with open_own_collection(data_dir, database, now, to_read=to_read) as store:
            code = COMMANDS[args.command](store, args, now)
            # What a command wrote is on disk before it says so (the next line may fail).
            store.flush_to_disk()
            return code
    except AlreadyOpenError as error:
        print(
            _("{app}: {error}; close the window first").format(app=APP_NAME, error=error),
            file=sys.stderr,
        )
        return 3
    except DatabaseDamagedError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        health.suggest_backup(data_dir)
        return 2
    except (StoreError, DeckFileError) as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 2
    except OSError as error:
        print(f"{APP_NAME}: {data_dir}: {error.strerror or error}", file=sys.stderr)
        return 2
    except Exception as error:
        # A fault of ours, not of the collection: every action was one transaction, so
        # nothing is half-written. The log keeps where it happened (never what was written).
        from imperfect_trainer import app_log

        log = app_log.start()
        app_log.record_error(type(error), error, error.__traceback__)
        place = _("; the log {log} says where").format(log=log) if log is not None else ""
        print(
            _("{app}: an unexpected error ({error}); nothing was half-written").format(
                app=APP_NAME, error=app_log.describe_briefly(error)
            )
            + place,
            file=sys.stderr,
        )
        return 70
    finally:
        if lock is not None:
            lock.release()
