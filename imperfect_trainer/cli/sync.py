"""The command line's sync commands: ``join URL`` ties the local collection to a programme's
server and syncs (the first sync sends everything, history included; a computer with an empty
collection receives the others'), ``sync`` syncs again, ``leave`` unties it and keeps
everything here."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from imperfect_trainer.deck.sync.run import SyncReport


from imperfect_trainer.cli.opening import APP_NAME
from imperfect_trainer.translation import _, ngettext

COMMANDS = ("join", "sync", "leave")


def add_parsers(commands: Any) -> None:
    join = commands.add_parser(
        "join",
        help="sync this computer's collection with a training programme's server "
        "(postgresql://NAME@SERVER/DATABASE), sending everything it holds",
    )
    join.add_argument("url", metavar="URL")
    commands.add_parser("sync", help="sync with the programme's server now")
    commands.add_parser(
        "leave", help="stop syncing this computer; its collection stays here, whole"
    )


def run_sync_command(data_dir: Path, args: argparse.Namespace, database: str | None = None) -> int:
    """``join``, ``sync`` or ``leave`` on the data folder's collection; with ``--database URL``
    of a trainee moved to this computer (``move_over``), on the collection moved here."""
    from imperfect_trainer.deck import move_over
    from imperfect_trainer.deck.storage.collection_file import secure_data_dir
    from imperfect_trainer.deck.storage.instance_lock import AlreadyOpenError, InstanceLock
    from imperfect_trainer.deck.storage.store_errors import StoreError
    from imperfect_trainer.deck.store import Store
    from imperfect_trainer.deck.sync import run

    now = dt.datetime.now().astimezone()
    try:
        if database is not None:
            moved_here = move_over.server_folder(data_dir, database)
            if move_over.moved(moved_here) is not None:
                data_dir = moved_here
        secure_data_dir(data_dir)
        # A merge rewrites schedules and the log under an open window: it waits for it to close.
        with InstanceLock(data_dir), Store.open(data_dir, now=now) as store:
            if args.command == "leave":
                hub = run.leave(store)
                print(
                    _("this computer was not syncing")
                    if hub is None
                    else _(
                        "this computer no longer syncs with {hub}; its collection stays here"
                    ).format(hub=hub)
                )
                return 0
            if args.command == "join":
                run.join(store, args.url)
            report = run.sync(store, now)
            store.flush_to_disk()
    except AlreadyOpenError as error:
        print(
            _("{app}: {error}; close the window first").format(app=APP_NAME, error=error),
            file=sys.stderr,
        )
        return 3
    except StoreError as error:
        print(
            _("{app}: {error}\nOffline: everything is kept here and will sync next time.").format(
                app=APP_NAME, error=error
            ),
            file=sys.stderr,
        )
        return 2
    print(_said(report))
    return 0


def _said(report: SyncReport) -> str:
    lines = [
        _("Synced with {hub}: sent {sent}, received {received}.").format(
            hub=report.hub, sent=report.sent, received=report.received
        )
    ]
    if report.refilled:
        lines.append(
            _("{why}: everything on this computer was sent to it again.").format(
                why=report.refilled
            )
        )
    if report.answers_added or report.answers_taken_back:
        lines.append(
            ngettext(
                "{added} answer from your other computers added, {taken} taken back; "
                "schedules replayed.",
                "{added} answers from your other computers added, {taken} taken back; "
                "schedules replayed.",
                report.answers_added,
            ).format(added=report.answers_added, taken=report.answers_taken_back)
        )
    if report.texts_kept:
        lines.append(
            ngettext(
                "{count} journal text written on another computer while apart is kept beside "
                "your own.",
                "{count} journal texts written on another computer while apart are kept beside "
                "your own.",
                report.texts_kept,
            ).format(count=report.texts_kept)
        )
    if report.waiting:
        lines.append(
            ngettext(
                "{count} answer waits for a card this computer does not have.",
                "{count} answers wait for cards this computer does not have.",
                report.waiting,
            ).format(count=report.waiting)
        )
    if report.unreadable:
        lines.append(
            ngettext(
                "{count} row on the server was not a change of this app and was left out.",
                "{count} rows on the server were not changes of this app and were left out.",
                report.unreadable,
            ).format(count=report.unreadable)
        )
    return "\n".join(lines)
