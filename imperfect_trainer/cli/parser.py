"""What the command line takes: its options and commands, and the help each one prints."""

from __future__ import annotations

import argparse
import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, TypeAlias

from imperfect_trainer import __version__
from imperfect_trainer.cli import sync
from imperfect_trainer.cli.opening import APP_NAME, DATA_DIR_VARIABLE, DATABASE_VARIABLE
from imperfect_trainer.translation import _

if TYPE_CHECKING:
    from imperfect_trainer.deck.content.cards import CardKind

Commands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=APP_NAME,
        description="A kind spaced-repetition trainer for clinicians. "
        "With no command, opens the window.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    parser.add_argument(
        "--data-dir",
        type=Path,
        metavar="DIR",
        help=f"folder holding the collection (default: ${DATA_DIR_VARIABLE}, "
        "else the platform's user data folder)",
    )
    parser.add_argument(
        "--database",
        metavar="URL",
        help="a training programme's shared collection on PostgreSQL, e.g. "
        f"postgresql://NAME@SERVER/DATABASE (default: ${DATABASE_VARIABLE}; without it, the "
        "local collection in the data folder)",
    )
    parser.add_argument(
        "--background",
        action="store_true",
        help="start without a window, only to show the daily reminder at its time (the "
        "window opens when the reminder is clicked or the app is started again); the start "
        "at login that Settings offers uses it",
    )
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    # In the order --help lists them.
    _add_server_commands(commands)
    _add_collection_commands(commands)
    _add_bench(commands)
    _add_interchange(commands)
    _add_report(commands)
    _add_desktop_entry(commands)
    return parser


def _add_server_commands(commands: Commands) -> None:
    server = commands.add_parser(
        "server", help="set up a programme's database (run by its owner, with --database URL)"
    )
    actions = server.add_subparsers(dest="action", metavar="ACTION", required=True)
    actions.add_parser("init", help="create or upgrade the programme's shared schema")
    trainee = actions.add_parser("add-trainee", help="create (or grant) a trainee's login role")
    trainee.add_argument("name", metavar="NAME")
    supervisor = actions.add_parser(
        "add-supervisor", help="create (or grant) a supervisor's login role for some trainees"
    )
    supervisor.add_argument("name", metavar="NAME")
    supervisor.add_argument(
        "--trainee", dest="trainees", action="append", default=[], metavar="NAME", required=True
    )
    remove = actions.add_parser(
        "remove", help="take a person out of the programme (their rows and login role stay)"
    )
    remove.add_argument("name", metavar="NAME")
    # Replaced by join; kept unlisted so that an old habit is told so.
    commands.add_parser("copy-to").add_argument("url", metavar="URL", nargs="?")
    sync.add_parsers(commands)


def _add_collection_commands(commands: Commands) -> None:
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


def _add_bench(commands: Commands) -> None:
    bench = commands.add_parser(
        "bench", help="time a throw-away collection (never yours); --vs-anki compares with Anki"
    )
    bench.add_argument("--cards", type=int, default=1000, metavar="N", help="own cards, all due")
    bench.add_argument("--reviews", type=int, default=200, metavar="M", help="answers to time")
    bench.add_argument("--history", type=int, metavar="R", help="past answers (default 10/card)")
    bench.add_argument("--json", action="store_true", help="print one JSON line")
    bench.add_argument("--vs-anki", action="store_true", help="the same through Anki (bench extra)")
    bench.add_argument(
        "--sizes",
        type=_sizes,
        metavar="N,N,…",
        help="run at each of these card counts in one go (instead of --cards)",
    )


def _add_interchange(commands: Commands) -> None:
    import_help = (
        "FILE.csv: add or update own cards (front, back, kind, tags, section); "
        "FILE.apkg or FILE.colpkg: your Anki notes as own cards; FILE.txt: Anki's "
        '"Notes in Plain Text" export (also renamed to .csv); '
        "FILE.json: a whole-collection export, into an empty folder"
    )
    import_ = commands.add_parser(
        "import",
        help=import_help,
        description=f"Import a file, by its ending. {import_help}. Cards already here (the "
        "same Anki note, or the same front) are updated; what will happen is printed first, "
        "and either all of it is done or, when anything is refused, nothing. Anki's review "
        "history is not carried over, and pictures and sounds are named, not copied.",
    )
    import_.add_argument("file", type=Path, metavar="FILE")
    import_.add_argument(
        "--dry-run", action="store_true", help="print what would happen, and change nothing"
    )
    import_.add_argument(
        "--skip-refused",
        action="store_true",
        help="import the rest when some cards are refused (by default nothing is imported)",
    )
    import_.add_argument(
        "--kind",
        choices=[kind.value for kind in _card_kinds()],
        default=None,
        help="the kind of cards made from Anki notes (default: reality); notes exported from "
        "this app keep their own kind",
    )
    export_help = (
        "FILE.csv: your own cards (or with --reviews every answer); FILE.json: the whole "
        "collection; FILE.apkg: the deck and your cards for Anki (exporting again updates the "
        "same notes and keeps edits made in Anki since)"
    )
    export = commands.add_parser(
        "export", help=export_help, description=f"Export to a file, by its ending. {export_help}."
    )
    export.add_argument("file", type=Path, metavar="FILE")
    export.add_argument(
        "--reviews", action="store_true", help="FILE.csv gets every answer instead of the cards"
    )
    export.add_argument(
        "--no-reflections",
        action="store_true",
        help="FILE.apkg: leave reflections out (by default they go as cards that say there is "
        "nothing to grade, in their own subdeck)",
    )
    export.add_argument(
        "--overwrite-anki-edits",
        action="store_true",
        help="FILE.apkg: Anki takes every card as it is here, even one edited in Anki since "
        "(by default Anki keeps an edit made there after the card's last change here)",
    )


def _add_report(commands: Commands) -> None:
    report = commands.add_parser(
        "report", help="FILE.pdf: a supervision report (journal entries only when chosen)"
    )
    report.add_argument("file", type=Path, metavar="FILE.pdf")
    report.add_argument("--from", dest="first", type=dt.date.fromisoformat, metavar="DATE")
    report.add_argument("--to", dest="last", type=dt.date.fromisoformat, metavar="DATE")
    report.add_argument(
        "--share-journal",
        type=int,
        nargs="*",
        default=[],
        metavar="ID",
        help="journal entries to include (none by default; ids from the app's report dialog)",
    )


def _add_desktop_entry(commands: Commands) -> None:
    desktop_entry = commands.add_parser(
        "install-desktop-entry",
        help="add the app and its icon to the desktop's menu (Linux; in $XDG_DATA_HOME); "
        "the entry opens the --data-dir given here",
    )
    placing = desktop_entry.add_mutually_exclusive_group()
    placing.add_argument(
        "--remove", action="store_true", help="take the menu entry and its icons away again"
    )
    placing.add_argument(
        "--prefix",
        type=Path,
        metavar="DIR",
        help="for packagers: lay out DIR/share/ (entry, metainfo, icons, man page, bash "
        "completion) for a program on the PATH, instead of a menu entry for this install",
    )


def _card_kinds() -> list[CardKind]:
    from imperfect_trainer.deck.content.cards import CardKind

    return list(CardKind)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(
            _("{text}: card counts, like 1000,10000").format(text=repr(text))
        ) from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(
            _("{text}: card counts of at least 1").format(text=repr(text))
        )
    return sizes
