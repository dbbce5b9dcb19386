"""``import`` and ``export``: cards and whole collections in and out, by the file's ending."""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from imperfect_trainer.cli.opening import APP_NAME

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
