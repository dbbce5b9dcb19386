"""A first sync's own cards, added in bulk, leave the collection exactly as merging each card's
versions one at a time does, with the cards that need a real merge among them."""

from __future__ import annotations

import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import Any

from imperfect_trainer.deck.features import own_cards
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import card_arrivals, local_cards, side_tables
from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.events import Event
from imperfect_trainer.deck.sync.stored_events import insert_events
from imperfect_trainer.deck.sync.versioned_rows import RowMerged
from tests.deck.sync.cards_apart import draft
from tests.support.moments import MORNING

MADE = "2026-03-02 08:00:00.000000"
EDITED = "2026-03-03 09:00:00.000000"
# More than the cards looked at at once, so a batch's edge falls among them.
MANY = 1200


def _own(front: str, **more: Any) -> dict[str, Any]:
    return {"front": front, "created_at": MADE, **more}


def _full(front: str, position: int) -> dict[str, Any]:
    return _own(
        front, kind="fact", source="own", section="My own cards", back="Back of " + front,
        tags="pacing", origin="own", position=position, retired=False, suspended=False,
        personal_note=None, updated_at=MADE,
    )  # fmt: skip


def _staged(folder: Path) -> dict[str, Any]:
    """Card versions kept from the hub, not merged yet: many own cards arriving whole, and
    among them cards a merge must look into (edited, written apart, deleted, known here, a
    built-in card's note, one with no front). Returns the card made here and
    the deck's last place."""
    with Store.open(folder, now=MORNING) as store:
        here = own_cards.add_own_card(store, draft("Made here first", "Here."), MORNING)
        built_in = next(card.id for card in store.todays_practice(MORNING).cards)
        versions: list[tuple[str, str, dict[str, Any]]] = [
            ("own.a-placed", "v-a", {"changed": _full("Placed", 40), "parents": []}),
            ("own.b-unplaced", "v-b", {"changed": _own("Unplaced"), "parents": []}),
            ("own.c-edited", "v-c1", {"changed": _full("Edited", 3), "parents": []}),
            ("own.c-edited", "v-c2", {"changed": {"back": "Later"}, "parents": ["v-c1"]}),
            ("own.d-apart", "v-d1", {"changed": _own("Apart one"), "parents": []}),
            ("own.d-apart", "v-d2", {"changed": _own("Apart two"), "parents": []}),
            ("own.e-deleted", "v-e1", {"changed": _own("Deleted"), "parents": []}),
            ("own.e-deleted", "v-e2", {"deleted": True, "parents": ["v-e1"]}),
            # Merged one at a time to the deck's end: the next card sent without its place
            # goes after it, not after the last card added in bulk.
            ("own.ea-far", "v-ea1", {"changed": _full("Far", 2_000_000), "parents": []}),
            ("own.ea-far", "v-ea2", {"changed": {"back": "Far back"}, "parents": ["v-ea1"]}),
            ("own.f-unplaced", "v-f", {"changed": _own("After the merged"), "parents": []}),
            ("own.g-gone", "v-g", {"changed": _own("Deleted here before"), "parents": []}),
            ("own.i-no-front", "v-i", {"changed": {"back": "No front"}, "parents": []}),
            (here, "v-h", {"changed": _own("Made here", back="Edited elsewhere"), "parents": []}),
            (built_in, "v-built", {"changed": {"personal_note": "Mine"}, "parents": []}),
        ]
        versions += [
            (f"own.n-{number:04d}", f"v-n{number}", {"changed": _own(f"Card {number}", **place),
             "parents": []})
            for number in range(MANY)
            for place in ([{"position": 1000 + number}] if number % 3 == 0 else [{}])
        ]  # fmt: skip
        events = [
            (Event(event_id, Hlc(1_770_000_000_000 + i), "other", "card", key, payload), None)
            for i, (key, event_id, payload) in enumerate(versions)
        ]
        with store.file.engine.begin() as connection:
            last_place = connection.exec_driver_sql("SELECT max(position) FROM cards").scalar()
            side_tables.join(connection, "hub", "this")
            insert_events(connection, events, applied=False, uploaded=True)
            # A card deleted here since the last sync: its mapping waits to become a deletion.
            connection.exec_driver_sql(
                "INSERT INTO sync_cards (card_key, card_id, synced, heads, gone)"
                " VALUES ('own.g-gone', NULL, '{}', '[]', 1)"
            )
        return {"here": here, "last_place": last_place}


def _merged(
    folder: Path, merge: Callable[[Any, list[str]], RowMerged]
) -> tuple[RowMerged, dict[str, list[tuple[object, ...]]]]:
    with Store.open(folder, now=MORNING) as store, store.file.engine.begin() as connection:
        keys = [
            str(key)
            for (key,) in connection.exec_driver_sql(
                "SELECT DISTINCT subject FROM sync_events WHERE applied = 0 AND kind = 'card'"
                " ORDER BY subject"
            )
        ]
        result = merge(connection, keys)
    with sqlite3.connect(folder / DATABASE_NAME) as database:
        names = [
            str(name)
            for (name,) in database.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name"
            )
        ]
        tables = {
            name: database.execute(f'SELECT rowid, * FROM "{name}" ORDER BY rowid').fetchall()
            for name in names
        }
    return result, tables


def _one_at_a_time(connection: Any, keys: list[str]) -> RowMerged:
    results = [local_cards.merge_versions(connection, key) for key in keys]
    return RowMerged(sum(r.changed for r in results), sum(r.texts_kept for r in results))


def _in_bulk(connection: Any, keys: list[str]) -> RowMerged:
    result = card_arrivals.merge_cards(connection, keys)
    card_arrivals.add_states(connection)
    return result


def test_own_cards_arriving_in_bulk_leave_every_table_as_merging_each_card_does(
    new_collection: Path, tmp_path: Path
) -> None:
    staged = tmp_path / "staged"
    shutil.copytree(new_collection, staged)
    roles = _staged(staged)
    in_bulk, one_by_one = tmp_path / "bulk", tmp_path / "each"
    shutil.copytree(staged, in_bulk)
    shutil.copytree(staged, one_by_one)

    bulk_result, bulk_tables = _merged(in_bulk, _in_bulk)
    each_result, each_tables = _merged(one_by_one, _one_at_a_time)

    assert bulk_result == each_result
    assert bulk_tables.keys() == each_tables.keys()
    for name, rows in each_tables.items():
        assert bulk_tables[name] == rows, name
    # And what was merged is what a person finds in the deck.
    with Store.open(in_bulk, now=MORNING) as store:
        assert store.card("own.a-placed").front == "Placed"
        assert store.card("own.c-edited").back == "Later"
        assert store.card(roles["here"]).back == "Edited elsewhere"
        assert store.card(f"own.n-{MANY - 1:04d}").front == f"Card {MANY - 1}"
    with sqlite3.connect(in_bulk / DATABASE_NAME) as database:
        positions = dict(database.execute("SELECT id, position FROM cards WHERE origin = 'own'"))
    # A card sent without its place goes after the deck's last, each in a place of its own.
    assert positions["own.b-unplaced"] == roles["last_place"] + 1
    assert positions["own.f-unplaced"] == 2_000_001
    assert len(set(positions.values())) == len(positions)
    assert "own.e-deleted" not in positions
    assert bulk_result.texts_kept == 1
