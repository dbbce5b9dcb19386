"""``import`` and ``export``: cards and whole collections in and out, by the file's ending."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.cli.opening import APP_NAME
from imperfect_trainer.translation import _, ngettext

if TYPE_CHECKING:
    from imperfect_trainer.deck.interchange.import_plan import ImportPlan
    from imperfect_trainer.deck.store import Store


def import_file(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
    # Imported here, like every command's own module, to keep start-up fast.
    from imperfect_trainer.deck.interchange.export_checks import CollectionFileError
    from imperfect_trainer.deck.interchange.full_export import (
        CollectionNotEmptyError,
        import_collection_json,
    )
    from imperfect_trainer.deck.interchange.import_plan import ImportFileError

    path: Path = args.file.expanduser()
    try:
        if path.suffix.lower() == ".json":
            if args.dry_run or args.kind or args.skip_refused:
                print(_(
                    "{app}: {path}: a .json collection is imported whole, without --dry-run, "
                    "--kind or --skip-refused"
                ).format(app=APP_NAME, path=path), file=sys.stderr)  # fmt: skip
                return 1
            counts = import_collection_json(store, path)
            store.flush_to_disk()
            # The tables' names, as the JSON file has them.
            tables = ", ".join(f"{n} {name}" for name, n in counts.items())
            print(_("imported {path}: {tables}").format(path=path, tables=tables))
            return 0
        return _import_cards(store, args, path, now)
    except (ImportFileError, CollectionFileError, CollectionNotEmptyError) as error:
        print(
            _("{app}: {error}; nothing was imported").format(app=APP_NAME, error=error),
            file=sys.stderr,
        )
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
            _("{app}: {path}: import reads .csv, .txt, .apkg, .colpkg or .json files").format(
                app=APP_NAME, path=path
            ),
            file=sys.stderr,
        )
        return 1
    kind = CardKind(args.kind) if args.kind else DEFAULT_ANKI_KIND
    plan = plan_card_file(store, path, kind=kind)
    print("\n".join(plan.summary()))
    blocked = bool(plan.refused) and not args.skip_refused
    if args.dry_run:
        print(_("dry run: nothing was changed") + (_refused_words(plan) if blocked else ""))
        return 1 if blocked else 0
    if blocked:
        for refusal in plan.refused:
            place = ", ".join(
                [str(path), refusal.where]
                + ([_("field {name}").format(name=repr(refusal.field))] if refusal.field else [])
            )
            print(f"{APP_NAME}: {place}: {refusal.reason}", file=sys.stderr)
        print(
            _("{app}: {path}: nothing was imported").format(app=APP_NAME, path=path)
            + _refused_words(plan),
            file=sys.stderr,
        )
        return 1
    apply_plan(store, plan, now, skip_refused=args.skip_refused)
    store.flush_to_disk()
    left_out = (
        _(", {count} refused left out").format(count=len(plan.refused)) if plan.refused else ""
    )
    print(
        _("imported: {new} new, {updated} updated").format(
            new=len(plan.new), updated=len(plan.updated)
        )
        + left_out
    )
    return 0


def _refused_words(plan: ImportPlan) -> str:
    count = len(plan.refused)
    return ngettext(
        "; {count} card is refused: correct it, or import the rest with --skip-refused",
        "; {count} cards are refused: correct them, or import the rest with --skip-refused",
        count,
    ).format(count=count)


def export_file(store: Store, args: argparse.Namespace, now: dt.datetime) -> int:
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
                print(
                    ngettext(
                        "exported {count} answer to {path}",
                        "exported {count} answers to {path}",
                        answers,
                    ).format(count=answers, path=path)
                )
            else:
                cards = export_own_cards_csv(store, path)
                print(
                    ngettext(
                        "exported {count} own card to {path}",
                        "exported {count} own cards to {path}",
                        cards,
                    ).format(count=cards, path=path)
                )
        elif args.reviews:
            print(
                _("{app}: {path}: --reviews writes a .csv file").format(app=APP_NAME, path=path),
                file=sys.stderr,
            )
            return 1
        elif suffix == ".json":
            from imperfect_trainer.deck.interchange.full_export import export_collection_json

            counts = export_collection_json(store, path, now)
            print(
                ngettext(
                    "exported the whole collection to {path} ({count} card)",
                    "exported the whole collection to {path} ({count} cards)",
                    counts["cards"],
                ).format(path=path, count=counts["cards"])
            )
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
            print(
                ngettext(
                    "exported {count} card for Anki to {path}",
                    "exported {count} cards for Anki to {path}",
                    written.notes,
                ).format(count=written.notes, path=path)
            )
            if written.reflections_left_out:
                print(_("reflections left out: {count}").format(count=written.reflections_left_out))
            if not args.overwrite_anki_edits:
                print(
                    _(
                        "cards edited in Anki after their last change here keep Anki's edit "
                        "(--overwrite-anki-edits to replace them)"
                    )
                )
            if written.retired:
                print(
                    ngettext(
                        "{count} retired card is tagged {tag}: an Anki package cannot delete, "
                        "move or suspend a card Anki already has, so search Anki's browser for "
                        "tag:{tag} and delete them there",
                        "{count} retired cards are tagged {tag}: an Anki package cannot delete, "
                        "move or suspend a card Anki already has, so search Anki's browser for "
                        "tag:{tag} and delete them there",
                        written.retired,
                    ).format(count=written.retired, tag=RETIRED_TAG)
                )
        else:
            print(
                _("{app}: {path}: export writes .csv, .json or .apkg").format(
                    app=APP_NAME, path=path
                ),
                file=sys.stderr,
            )
            return 1
    except ExportError as error:
        print(f"{APP_NAME}: {error}", file=sys.stderr)
        return 1
    return 0
