"""The ``imperfect-trainer`` command: the window by default, and a few subcommands."""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shlex
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer import __version__, sync_commands

if TYPE_CHECKING:
    from imperfect_trainer.deck.content.cards import CardKind
    from imperfect_trainer.deck.interchange.import_plan import ImportPlan
    from imperfect_trainer.deck.store import Store

APP_NAME = "imperfect-trainer"
DATA_DIR_VARIABLE = "IMPERFECT_TRAINER_DATA_DIR"
DATABASE_VARIABLE = "IMPERFECT_TRAINER_DATABASE"
# Commands that work on a programme's server as the database's owner, not on a collection.
SERVER_ACTIONS = ("init", "add-trainee", "add-supervisor", "remove")


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
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
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
    copy_to = commands.add_parser(
        "copy-to",
        help="copy the local collection, every row, into your empty collection on a "
        "programme's server",
    )
    copy_to.add_argument("url", metavar="URL")
    sync_commands.add_parsers(commands)
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
    bench.add_argument(
        "--sizes",
        type=_sizes,
        metavar="N,N,…",
        help="run at each of these card counts in one go (instead of --cards)",
    )
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
    return parser


def _card_kinds() -> list[CardKind]:
    from imperfect_trainer.deck.content.cards import CardKind

    return list(CardKind)


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: card counts, like 1000,10000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: card counts of at least 1")
    return sizes


def main(argv: Sequence[str] | None = None) -> int:
    # Everything the app writes (database, backups, exports) is the owner's alone; the mask is
    # put back afterwards for whoever called (the tests run many commands in one process).
    previous_mask = os.umask(0o077)
    try:
        return _dispatch(build_parser().parse_args(argv))
    finally:
        os.umask(previous_mask)


def _dispatch(args: argparse.Namespace) -> int:
    data_dir: Path = (args.data_dir or default_data_dir()).expanduser()
    database: str | None = args.database or os.environ.get(DATABASE_VARIABLE) or None
    if args.command == "server":
        if database is None:
            print(f"{APP_NAME}: server commands need --database URL", file=sys.stderr)
            return 2
        from imperfect_trainer.server_commands import run_server_command

        return run_server_command(database, args)
    if args.command in sync_commands.COMMANDS:
        return sync_commands.run_sync_command(data_dir, args)
    if args.command == "copy-to":
        from imperfect_trainer.server_commands import copy_to_server

        return copy_to_server(data_dir, args.url)
    if args.command is None:
        from imperfect_trainer.display_check import missing_display

        if (problem := missing_display()) is not None:
            print(
                f"{APP_NAME} cannot open its window: {problem}. Start it from your desktop, "
                f"or use its commands, which need no display ({APP_NAME} --help).",
                file=sys.stderr,
            )
            return 1
        from imperfect_trainer.ui.app import run_app

        return run_app(data_dir, database)
    if args.command == "bench":
        # Imported here: the benchmark is a developer's tool and costs the app nothing.
        from imperfect_trainer import bench

        options = bench.BenchOptions(
            args.cards, args.reviews, args.history, args.json, args.vs_anki, database
        )
        return bench.run_sizes(options, args.sizes) if args.sizes else bench.run(options)
    if args.command == "install-desktop-entry":
        given = args.data_dir is not None or bool(os.environ.get(DATA_DIR_VARIABLE))
        if args.prefix is not None:
            return _install_for_packaging(args.prefix)
        return _install_desktop_entry(data_dir if given else None, remove=args.remove)
    return _run_command(args, data_dir, database)


def open_collection(data_dir: Path, database: str | None, now: dt.datetime) -> Store:
    """The local collection in ``data_dir``, or with ``database`` this person's collection on
    a programme's server (its JSON backups in a folder of ``data_dir``)."""
    from imperfect_trainer.deck.store import Store

    if database is None:
        return Store.open(data_dir, now=now)
    from imperfect_trainer.deck.storage.server_address import server_address

    address = server_address(database)
    return Store.open_server(address, server_folder(data_dir, address.folder_name), now=now)


def server_folder(data_dir: Path, name: str) -> Path:
    return data_dir / "servers" / name


def _run_command(args: argparse.Namespace, data_dir: Path, database: str | None = None) -> int:
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
                    f"{APP_NAME}: restore puts back a local backup; a server collection's "
                    "backups are JSON exports: import one into an empty collection",
                    file=sys.stderr,
                )
                return 2
            return _restore(data_dir, args.backup_file, now)
        with open_collection(data_dir, database, now) as store:
            code = COMMANDS[args.command](store, args, now)
            # What a command wrote is on disk before it says so (the next line may fail).
            store.flush_to_disk()
            return code
    except AlreadyOpenError as error:
        print(f"{APP_NAME}: {error}; close the window first", file=sys.stderr)
        return 3
    except DatabaseDamagedError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        _suggest_backup(data_dir)
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
        place = f"; the log {log} says where" if log is not None else ""
        print(
            f"{APP_NAME}: an unexpected error ({app_log.describe_briefly(error)}); "
            f"nothing was half-written{place}",
            file=sys.stderr,
        )
        return 70
    finally:
        if lock is not None:
            lock.release()


def _check(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
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
        _suggest_backup(store.data_dir)
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


def _stats(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
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


def _backup(store: Store, _args: argparse.Namespace, now: dt.datetime) -> int:
    path = store.backup(now)
    print(f"backup written: {path} ({path.stat().st_size} bytes)")
    return 0


def _restore(data_dir: Path, backup_file: Path, now: dt.datetime) -> int:
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


def _import(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    # Imported here, like every command's own module, to keep start-up fast.
    from imperfect_trainer.deck.interchange.full_export import (
        CollectionFileError,
        CollectionNotEmptyError,
        import_collection_json,
    )
    from imperfect_trainer.deck.interchange.import_plan import ImportFileError

    path: Path = args.file.expanduser()
    try:
        if path.suffix.lower() == ".json":
            if args.dry_run or args.kind or args.skip_refused:
                print(f"{APP_NAME}: {path}: a .json collection is imported whole, without "
                      "--dry-run, --kind or --skip-refused", file=sys.stderr)  # fmt: skip
                return 1
            counts = import_collection_json(store, path)
            store.flush_to_disk()
            print(f"imported {path}: " + ", ".join(f"{n} {name}" for name, n in counts.items()))
            return 0
        return _import_cards(store, args, path, now)
    except (ImportFileError, CollectionFileError, CollectionNotEmptyError) as error:
        print(f"{APP_NAME}: {error}; nothing was imported", file=sys.stderr)
        return 1


def _import_cards(store: Store, args: argparse.Namespace, path: Path, now: dt.datetime) -> int:
    from imperfect_trainer.deck.content.cards import CardKind
    from imperfect_trainer.deck.interchange.card_files import (
        CARD_FILE_ENDINGS,
        DEFAULT_ANKI_KIND,
        plan_card_file,
    )
    from imperfect_trainer.deck.interchange.import_plan import apply_plan

    if path.suffix.lower() not in CARD_FILE_ENDINGS:
        print(
            f"{APP_NAME}: {path}: import reads .csv, .txt, .apkg, .colpkg or .json files",
            file=sys.stderr,
        )
        return 1
    kind = CardKind(args.kind) if args.kind else DEFAULT_ANKI_KIND
    plan = plan_card_file(store, path, kind=kind)
    print("\n".join(plan.summary()))
    blocked = bool(plan.refused) and not args.skip_refused
    if args.dry_run:
        print("dry run: nothing was changed" + (_refused_words(plan) if blocked else ""))
        return 1 if blocked else 0
    if blocked:
        for refusal in plan.refused:
            place = ", ".join(
                [str(path), refusal.where] + ([f"field {refusal.field!r}"] if refusal.field else [])
            )
            print(f"{APP_NAME}: {place}: {refusal.reason}", file=sys.stderr)
        print(f"{APP_NAME}: {path}: nothing was imported{_refused_words(plan)}", file=sys.stderr)
        return 1
    apply_plan(store, plan, now, skip_refused=args.skip_refused)
    store.flush_to_disk()
    left_out = f", {len(plan.refused)} refused left out" if plan.refused else ""
    print(f"imported: {len(plan.new)} new, {len(plan.updated)} updated{left_out}")
    return 0


def _count(number: int, one: str, many: str) -> str:
    return f"{number} {one if number == 1 else many}"


def _refused_words(plan: ImportPlan) -> str:
    count = len(plan.refused)
    cards = "card is" if count == 1 else "cards are"
    return f"; {count} {cards} refused: correct them, or import the rest with --skip-refused"


def _export(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    from imperfect_trainer.deck.storage.private_files import ExportError

    path: Path = args.file.expanduser()
    suffix = path.suffix.lower()
    try:
        if suffix == ".csv":
            from imperfect_trainer.deck.interchange.csv_cards import (
                export_own_cards_csv,
                export_reviews_csv,
            )

            if args.reviews:
                answers = export_reviews_csv(store, path)
                print(f"exported {_count(answers, 'answer', 'answers')} to {path}")
            else:
                cards = export_own_cards_csv(store, path)
                print(f"exported {_count(cards, 'own card', 'own cards')} to {path}")
        elif args.reviews:
            print(f"{APP_NAME}: {path}: --reviews writes a .csv file", file=sys.stderr)
            return 1
        elif suffix == ".json":
            from imperfect_trainer.deck.interchange.full_export import export_collection_json

            counts = export_collection_json(store, path, now)
            print(f"exported the whole collection to {path} ({counts['cards']} cards)")
        elif suffix == ".apkg":
            from imperfect_trainer.deck.interchange.anki_export import (
                RETIRED_TAG,
                export_apkg,
            )

            written = export_apkg(
                store,
                path,
                now,
                reflections=not args.no_reflections,
                overwrite_anki_edits=args.overwrite_anki_edits,
            )
            print(f"exported {_count(written.notes, 'card', 'cards')} for Anki to {path}")
            if written.reflections_left_out:
                print(f"reflections left out: {written.reflections_left_out}")
            if not args.overwrite_anki_edits:
                print(
                    "cards edited in Anki after their last change here keep Anki's edit "
                    "(--overwrite-anki-edits to replace them)"
                )
            if written.retired:
                print(
                    f"{_count(written.retired, 'retired card is', 'retired cards are')} tagged "
                    f"{RETIRED_TAG}: an Anki package "
                    "cannot delete, move or suspend a card Anki already has, so search Anki's "
                    f"browser for tag:{RETIRED_TAG} and delete them there"
                )
        else:
            print(f"{APP_NAME}: {path}: export writes .csv, .json or .apkg", file=sys.stderr)
            return 1
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    return 0


def _install_for_packaging(prefix: Path) -> int:
    from imperfect_trainer.deck.storage.private_files import ExportError
    from imperfect_trainer.desktop_entry import install_for_packaging

    try:
        for path in install_for_packaging(prefix):
            print(f"installed {path}")
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    return 0


def _install_desktop_entry(data_dir: Path | None, *, remove: bool) -> int:
    from imperfect_trainer.deck.storage.private_files import ExportError
    from imperfect_trainer.desktop_entry import install_desktop_entry, remove_desktop_entry

    try:
        if remove:
            removed = remove_desktop_entry()
            for path in removed:
                print(f"removed {path}")
            if not removed:
                print("no menu entry was installed; nothing to remove")
            return 0
        written = install_desktop_entry(data_dir=data_dir)
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    for path in written:
        print(f"installed {path}")
    if data_dir is not None:
        print(f"the menu entry opens {os.path.abspath(data_dir)}")
    return 0


def _suggest_backup(data_dir: Path) -> None:
    from imperfect_trainer.deck.storage.backups import newest_good_backup

    backup = newest_good_backup(data_dir)
    if backup is not None:
        command = shlex.join([APP_NAME, "--data-dir", str(data_dir), "restore", str(backup.path)])
        print(
            f"{APP_NAME}: the newest good backup is {backup.path} "
            f"({backup.taken_at:%d %B %Y, %H:%M}); restore it with:\n  {command}",
            file=sys.stderr,
        )


def _report(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    from imperfect_trainer.deck.features.report_data import gather_report, journal_choices
    from imperfect_trainer.deck.features.report_period import Period

    last = args.last or store.practice_day(now)
    try:
        period = Period(args.first, last) if args.first else Period.ending(last)
    except ValueError as error:
        print(f"{APP_NAME}: report: {error}; nothing was written", file=sys.stderr)
        return 2
    first = period.first
    in_period = {choice.id for choice in journal_choices(store, first, last)}
    outside = [entry for entry in args.share_journal if entry not in in_period]
    if outside:
        print(
            f"{APP_NAME}: report --share-journal: no journal entry "
            f"{', '.join(map(str, outside))} was written from {period.words()}; "
            f"the period's entries are: {', '.join(map(str, sorted(in_period))) or 'none'}; "
            "nothing was written",
            file=sys.stderr,
        )
        return 2
    report = gather_report(store, first, last, args.share_journal)
    # Drawing the PDF needs Qt's fonts, not a screen.
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtGui import QGuiApplication

    from imperfect_trainer.deck.storage.private_files import ExportError
    from imperfect_trainer.ui.report_pdf import write_report_pdf

    _app = QGuiApplication.instance() or QGuiApplication([APP_NAME])
    try:
        write_report_pdf(
            report,
            args.file.expanduser(),
            name=store.setting("report_name"),
            footer=store.setting("report_footer"),
        )
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    print(f"report written: {args.file} ({first} to {last})")
    return 0


COMMANDS: dict[str, Callable[[Store, argparse.Namespace, dt.datetime], int]] = {
    "check": _check,
    "stats": _stats,
    "backup": _backup,
    "import": _import,
    "export": _export,
    "report": _report,
}
