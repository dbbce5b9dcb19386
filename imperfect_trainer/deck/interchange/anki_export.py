"""The deck as an Anki package (``.apkg``), for people who also use Anki.

The package holds the built-in deck (retired cards left out) and the person's own cards, without
any practice history. Everything that identifies a thing in Anki is derived from a stable name,
so importing a later export updates the same notes instead of adding copies: the deck id from the
deck's name, one note type per card kind with its id from the kind, and each note's GUID from our
card id (``genanki.guid_for``).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import html
import itertools
import sqlite3
import zipfile
from pathlib import Path
from typing import Any

import genanki  # type: ignore[import-untyped]
from sqlalchemy import select

from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.storage.models import Card
from imperfect_trainer.deck.storage.private_files import write_private_file
from imperfect_trainer.deck.store import Store

DECK_NAME = "Imperfect Trainer"
DECK_DESCRIPTION = "Cards from Imperfect Trainer. Your answers and notes stay in the app."
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


def model_for(kind: CardKind) -> Any:
    """The note type for one kind; the kind's label is printed on the front of every card."""
    label = html.escape(kind.label)
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


def export_apkg(store: Store, path: Path, now: dt.datetime) -> int:
    """Write the built-in deck and own cards to ``path`` as an Anki package; return how many."""
    with store.unit_of_work() as session:
        cards = list(
            session.scalars(select(Card).where(Card.retired.is_(False)).order_by(Card.position))
        )
    models = {kind: model_for(kind) for kind in CardKind}
    deck = genanki.Deck(deck_id(), DECK_NAME, description=DECK_DESCRIPTION)
    for card in cards:
        deck.add_note(
            genanki.Note(
                model=models[CardKind(card.kind)],
                fields=[_html(card.front), _html(card.back), _html(card.section)],
                tags=card.tags.split(),
                guid=genanki.guid_for(card.id),
            )
        )
    package = genanki.Package(deck)
    write_private_file(Path(path), lambda temp: _write_package(package, temp, now.timestamp()))
    return len(cards)


def _html(text: str) -> str:
    # Anki fields are HTML; our cards are plain text whose line breaks matter.
    return html.escape(text, quote=False).replace("\n", "<br>")


def _write_package(package: Any, target: Path, timestamp: float) -> None:
    """What ``genanki.Package.write_to_file`` does, minus the copy of the cards it leaves in the
    system's temporary folder (and, after a kill, never removes): the collection is built in
    memory and goes straight into the package."""
    connection = sqlite3.connect(":memory:")
    try:
        # Note and card ids count up from the export's moment in milliseconds, as in Anki.
        package.write_to_db(connection.cursor(), timestamp, itertools.count(int(timestamp * 1000)))
        connection.commit()
        database = connection.serialize()
    finally:
        connection.close()
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("collection.anki2", database)
        archive.writestr("media", "{}")
