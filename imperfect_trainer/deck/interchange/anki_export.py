"""The deck as an Anki package (``.apkg``), for people who also use Anki.

The package holds the built-in deck and the person's own cards, without any practice history.
Everything that identifies a thing in Anki is derived from a stable name, so importing a later
export updates the same notes instead of adding copies: the deck ids from the decks' names, one
note type per card kind with its id from the kind, and each note's GUID from our card id
(``anki_ids.note_guid``: a card made from an Anki note goes back under that note's GUID).

Anki's importer updates a note only when the package's copy is newer than its own, so each note
carries the time its card last changed here: a note edited in Anki since keeps Anki's edit,
unless the person chooses to overwrite Anki's edits (then every note carries the export's time).

Reflections go as their own note type, which says on the card that there is nothing to grade
(Anki shows its answer buttons under every card; no package can take them away), into the
subdeck ``Imperfect Trainer::Reflections``, or are left out. Retired cards cannot leave Anki
through a package: Anki's importer adds and updates notes but never deletes, moves or suspends a
card it already has. So they go tagged ``ImperfectTrainer::retired`` (in the subdeck
``Imperfect Trainer::Retired`` when new to Anki), for the person to find and delete in Anki.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import itertools
import sqlite3
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import genanki  # type: ignore[import-untyped]
from sqlalchemy import select

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.interchange.anki_ids import note_guid
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.storage.private_files import write_private_file
from imperfect_trainer.deck.store import Store

DECK_NAME = "Imperfect Trainer"
DECK_DESCRIPTION = "Cards from Imperfect Trainer. Your answers and notes stay in the app."
REFLECTIONS_DECK = f"{DECK_NAME}::Reflections"
REFLECTIONS_DESCRIPTION = (
    "Reflections from Imperfect Trainer: nothing to get right. Think each one over (or write "
    "it in the app); any answer button only says when it comes back."
)
RETIRED_DECK = f"{DECK_NAME}::Retired"
RETIRED_DESCRIPTION = "Cards retired from Imperfect Trainer's deck: delete them here."
RETIRED_TAG = "ImperfectTrainer::retired"
FIELDS = ("Front", "Back", "Section")

_CSS = """\
.card {
  font-family: "Noto Sans", "Segoe UI", system-ui, sans-serif;
  font-size: 20px;
  line-height: 1.5;
  text-align: left;
  max-width: 36em;
  margin: 0 auto;
  color: #2a2c2e;
  background: #f6f4f0;
}
.kind {
  font-size: 14px;
  letter-spacing: 0.04em;
  text-transform: uppercase;
  color: #2f7471;
  margin-bottom: 0.6em;
}
.section { font-size: 14px; color: #6b6f73; margin-top: 1.5em; }
hr#answer { border: none; border-top: 1px solid #dcd8d0; margin: 1em 0; }
.nightMode.card, .night_mode .card { color: #e7e5e1; background: #1d1f21; }
.nightMode .kind, .night_mode .kind { color: #6db3ae; }
.nightMode .section, .night_mode .section { color: #a3a7ab; }
"""


def stable_id(name: str) -> int:
    """An Anki id for ``name`` that never changes, in the range genanki recommends."""
    digest = hashlib.sha256(f"imperfect-trainer/{name}".encode()).digest()
    return (1 << 30) + int.from_bytes(digest[:4], "big") % (1 << 30)


def deck_id() -> int:
    return stable_id("deck")


@dataclass(frozen=True, slots=True)
class AnkiExport:
    """What an export wrote: cards as notes, reflections left out, retired cards tagged."""

    notes: int
    reflections_left_out: int
    retired: int


def model_for(kind: CardKind) -> Any:
    """The note type for one kind; the kind's label is printed on the front of every card."""
    label = html.escape(kind.label)
    if kind is CardKind.REFLECTION:
        return _reflection_model(label)
    return genanki.Model(
        stable_id(f"model/{kind.value}"),
        f"{DECK_NAME}: {kind.label}",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {
                "name": kind.label,
                "qfmt": f'<div class="kind">{label}</div>\n<div class="front">{{{{Front}}}}</div>',
                "afmt": "{{FrontSide}}\n<hr id=answer>\n"
                '<div class="back">{{Back}}</div>\n<div class="section">{{Section}}</div>',
            }
        ],
        css=_CSS,
    )


def _reflection_model(label: str) -> Any:
    calm = (
        '<div class="calm">Nothing to grade: take a moment with it. Any answer button only '
        "says when it comes back.</div>"
    )
    return genanki.Model(
        stable_id(f"model/{CardKind.REFLECTION.value}"),
        f"{DECK_NAME}: {CardKind.REFLECTION.label}",
        fields=[{"name": name} for name in FIELDS],
        templates=[
            {
                "name": CardKind.REFLECTION.label,
                "qfmt": f'<div class="kind">{label} · nothing to get right</div>\n'
                '<div class="front">{{Front}}</div>',
                "afmt": "{{FrontSide}}\n<hr id=answer>\n"
                f'<div class="back">{{{{Back}}}}</div>\n{calm}\n'
                '<div class="section">{{Section}}</div>',
            }
        ],
        css=_CSS,
    )


def export_apkg(
    store: Store,
    path: Path,
    now: dt.datetime,
    *,
    reflections: bool = True,
    overwrite_anki_edits: bool = False,
) -> AnkiExport:
    """Write the built-in deck and own cards to ``path`` as an Anki package.

    Each note carries its card's last change here as its modification time, so that Anki's
    importer keeps a newer edit made in Anki; ``overwrite_anki_edits`` gives every note the
    export's time instead. ``reflections=False`` leaves reflections out.
    """
    with store.unit_of_work() as session:
        cards = list(session.scalars(select(Card).order_by(Card.position)))
    models = {kind: model_for(kind) for kind in CardKind}
    main = genanki.Deck(deck_id(), DECK_NAME, description=DECK_DESCRIPTION)
    calm = genanki.Deck(
        stable_id("deck/reflections"), REFLECTIONS_DECK, description=REFLECTIONS_DESCRIPTION
    )
    retired = genanki.Deck(stable_id("deck/retired"), RETIRED_DECK, description=RETIRED_DESCRIPTION)
    modified: dict[str, int] = {}
    left_out = 0
    for card in cards:
        kind = CardKind(card.kind)
        if kind is CardKind.REFLECTION and not reflections:
            left_out += not card.retired
            continue
        guid = note_guid(card.id)
        deck = retired if card.retired else calm if kind is CardKind.REFLECTION else main
        deck.add_note(
            genanki.Note(
                model=models[kind],
                fields=[_html(card.front), _html(card.back), _html(card.section)],
                tags=[*card.tags.split(), *([RETIRED_TAG] if card.retired else [])],
                guid=guid,
            )
        )
        changed = now if overwrite_anki_edits else card.updated_at
        modified[guid] = int(changed.timestamp())
    decks = [deck for deck in (main, calm, retired) if deck.notes]
    package = genanki.Package(decks or [main])
    write_private_file(
        Path(path), lambda temp: _write_package(package, temp, now.timestamp(), modified)
    )
    return AnkiExport(
        notes=len(modified), reflections_left_out=left_out, retired=len(retired.notes)
    )


def _html(text: str) -> str:
    # Anki fields are HTML; our cards are plain text whose line breaks matter.
    return html.escape(text, quote=False).replace("\n", "<br>")


def _write_package(package: Any, target: Path, timestamp: float, modified: dict[str, int]) -> None:
    """What ``genanki.Package.write_to_file`` does, minus the copy of the cards it leaves in the
    system's temporary folder (and, after a kill, never removes): the collection is built in
    memory and goes straight into the package. ``modified`` gives each note (by GUID) its own
    modification time, which genanki sets to the export's moment for all."""
    connection = sqlite3.connect(":memory:")
    try:
        # Note and card ids count up from the export's moment in milliseconds, as in Anki.
        package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        connection.executemany(
            "UPDATE notes SET mod = ? WHERE guid = ?",
            [(moment, guid) for guid, moment in modified.items()],
        )
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", database)
        archive.writestr("media", "{}")
