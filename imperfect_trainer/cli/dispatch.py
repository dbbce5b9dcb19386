"""Each command to the module that does it; with no command, the window."""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from imperfect_trainer import translation
from imperfect_trainer.cli import desktop, server, sync
from imperfect_trainer.cli.benchmark import run_bench
from imperfect_trainer.cli.opening import (
    APP_NAME,
    DATA_DIR_VARIABLE,
    DATABASE_VARIABLE,
    default_data_dir,
)
from imperfect_trainer.cli.parser import build_parser
from imperfect_trainer.cli.run import run_command
from imperfect_trainer.translation import _


def main(argv: Sequence[str] | None = None) -> int:
    # Everything the app writes (database, backups, exports) is the owner's alone; the mask is
    # put back afterwards for whoever called (the tests run many commands in one process).
    previous_mask = os.umask(0o077)
    # The messages in the locale's language; the window may switch to the one chosen in
    # Settings once the collection is open.
    translation.use_language(translation.language_from_environment())
    try:
        return dispatch(build_parser().parse_args(argv))
    finally:
        os.umask(previous_mask)


def _copy_to_is_join() -> int:
    # Replaced by join (issue 25): a copy on the server would no longer be this collection,
    # and the next start would move it to a second collection on this computer.
    print(
        _(
            "{app}: copy-to is replaced by join: '{app} join URL' syncs this computer's "
            "collection with the programme's server, sending everything it holds, history "
            "included; nothing was copied"
        ).format(app=APP_NAME),
        file=sys.stderr,
    )
    return 2


def dispatch(args: argparse.Namespace) -> int:
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    database: str | None = args.database or os.environ.get(DATABASE_VARIABLE) or None
    if args.command == "server":
        if database is None:
            print(
                _("{app}: server commands need --database URL").format(app=APP_NAME),
                file=sys.stderr,
            )
            return 2
        return server.run_server_command(database, args)
    if args.command == "copy-to":
        return _copy_to_is_join()
    if args.command in sync.COMMANDS:
        return sync.run_sync_command(data_dir, args, database)
    if args.command is None:
        return _open_window(data_dir, database, background=args.background)
    if args.command == "bench":
        return run_bench(args, database)
    if args.command == "install-desktop-entry":
        given = args.data_dir is not None or bool(os.environ.get(DATA_DIR_VARIABLE))
        if args.prefix is not None:
            return desktop.install_for_packagers(args.prefix)
        return desktop.install_menu_entry(data_dir if given else None, remove=args.remove)
    return run_command(args, data_dir, database)


def _open_window(data_dir: Path, database: str | None, *, background: bool) -> int:
    from imperfect_trainer.display_check import missing_display

    if (problem := missing_display()) is not None:
        print(
            _(
                "{app} cannot open its window: {problem}. Start it from your desktop, or use its "
                "commands, which need no display ({app} --help)."
            ).format(app=APP_NAME, problem=problem),
            file=sys.stderr,
        )
        return 1
    from imperfect_trainer.ui.window.app import run_app

    return run_app(data_dir, database, background=background)
