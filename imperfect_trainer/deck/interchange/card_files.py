"""Which importer reads a file of cards, by its ending and, for ``.csv``, its first line."""

from __future__ import annotations

from pathlib import Path

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.interchange.import_plan import (
    ImportFileError,
    ImportPlan,
    plan_import,
)
from imperfect_trainer.deck.interchange.input_files import InputFileError, read_input_file
from imperfect_trainer.deck.store import Store

CARD_FILE_ENDINGS = (".csv", ".txt", ".apkg", ".colpkg")
# Cards from Anki are reality checks unless the person chooses another kind.
DEFAULT_ANKI_KIND = CardKind.REALITY


def plan_card_file(store: Store, path: Path, *, kind: CardKind = DEFAULT_ANKI_KIND) -> ImportPlan:
    """What importing ``path`` would do: our cards CSV, an Anki package, or Anki's plain-text
    export (``.txt``, or renamed to ``.csv``). Nothing is written."""
    from imperfect_trainer.deck.interchange import anki_import, csv_cards

    path = Path(path)
    suffix = path.suffix.lower()
    if suffix not in CARD_FILE_ENDINGS:
        raise ImportFileError(path, None, None, "is not a file of cards (.csv, .txt, .apkg)")
    try:
        data = read_input_file(path)
    except InputFileError as error:
        raise ImportFileError(path, None, None, error.problem) from None
    if suffix in {".apkg", ".colpkg"}:
        return anki_import.plan_anki_package(store, path, data, kind)
    if suffix == ".txt" or anki_import.looks_like_anki_text(data):
        return anki_import.plan_anki_text(store, path, data, kind)
    return plan_import(store, path, csv_cards.read_cards_csv(path, data), default_kind=kind)
