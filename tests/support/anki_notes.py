"""Collections built with the real Anki (the ``bench`` extra), as a person's Anki holds them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

BASIC_FRONT = "What is <b>AF</b>?&nbsp;Atrial<br>fibrillation"
BASIC_BACK = '<div>An irregular rhythm</div><div><img src="ecg.png"></div>[sound:beat.mp3]'
CLOZE_TEXT = "The {{c1::sinoatrial node::pacemaker}} sets the {{c2::rate}}."
CLOZE_EXTRA = "Book <i>p. 12</i>"
PLAIN_FRONT = "Sleep & mood?"
PLAIN_BACK = "Worse sleep, lower mood.<br>Both ways."


def anki() -> Any:
    """The ``anki.collection`` module, or the test is skipped (install the bench extra)."""
    return pytest.importorskip("anki.collection")


def new_collection(folder: Path) -> Any:
    folder.mkdir(parents=True, exist_ok=True)
    return anki().Collection(str(folder / "collection.anki2"))


def add_note(
    collection: Any,
    note_type: str,
    fields: list[str],
    *,
    deck: str = "Default",
    tags: tuple[str, ...] = (),
) -> int:
    note = collection.new_note(collection.models.by_name(note_type))
    for number, value in enumerate(fields):
        note.fields[number] = value
    note.tags = list(tags)
    collection.add_note(note, collection.decks.id(deck))
    return int(note.id)


def person_collection(folder: Path) -> Any:
    """A clinician's Anki: a basic note with a picture and a sound in a nested deck, a cloze
    note in the default deck, and a plain note in a second deck."""
    collection = new_collection(folder)
    add_note(
        collection,
        "Basic",
        [BASIC_FRONT, BASIC_BACK],
        deck="Medicine::Cardio",
        tags=("Cardio::ECG", "exam_2026"),
    )
    add_note(collection, "Cloze", [CLOZE_TEXT, CLOZE_EXTRA])
    add_note(collection, "Basic", [PLAIN_FRONT, PLAIN_BACK], deck="Psychiatry")
    collection.media.write_data("ecg.png", b"\x89PNG not really")
    return collection


def export_package(collection: Any, path: Path, *, legacy: bool = False) -> Path:
    """The whole collection's notes as an .apkg, as Anki's Export dialog writes it."""
    options = anki().ExportAnkiPackageOptions(
        with_scheduling=False, with_deck_configs=False, with_media=True, legacy=legacy
    )
    collection.export_anki_package(out_path=str(path), options=options, limit=None)
    return path


def export_text(collection: Any, path: Path, *, html: bool = True, everything: bool = True) -> Path:
    """Anki's "Notes in Plain Text" export."""
    collection.export_note_csv(
        out_path=str(path),
        limit=None,
        with_html=html,
        with_tags=True,
        with_deck=everything,
        with_notetype=everything,
        with_guid=everything,
    )
    return path


def import_package(collection: Any, path: Path, **options: Any) -> None:
    """Anki's own import of a package, with its defaults unless ``options`` say otherwise."""
    module = anki()
    request = module.ImportAnkiPackageRequest(
        package_path=str(path), options=module.ImportAnkiPackageOptions(**options)
    )
    collection.import_anki_package(request)
