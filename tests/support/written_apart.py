"""An entry edited on two computers while apart, merged as the sync merges it: one text in the
entry, the other kept beside it (without a hub: the rows the merge writes, written the same way)."""

from __future__ import annotations

import datetime as dt

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import side_tables, versioned_rows
from imperfect_trainer.deck.sync.entry_merge import EntryVersion, merge_entry
from imperfect_trainer.deck.sync.versioned_rows import ENTRIES
from tests.support.moments import MORNING

WRITTEN = "Late again; I apologised twice."
HERE = "Late again; the client was kind about it."
THERE = "Late again. One apology was enough."
LATER = MORNING + dt.timedelta(days=3)


def _version(event_id: str, stamp: int, parents: tuple[str, ...], text: str) -> EntryVersion:
    changed = {"kind": "note", "text": text} if not parents else {"text": text}
    order = (f"{stamp:015d}-0000000000", "clinic" if event_id == "b" else "laptop", event_id)
    return EntryVersion(event_id, order, frozenset(parents), changed, False)


def merged_apart(store: Store, device: str = "laptop") -> int:
    """An entry whose two computers edited it while apart, merged as the sync merges it on
    ``device``: the laptop's text won, the clinic's kept beside it. Returns the entry's id."""
    entry_id = journal.add_free_entry(store, WRITTEN, MORNING)
    versions = [
        _version("a", 1, (), WRITTEN),
        _version("b", 5, ("a",), THERE),
        _version("c", 7, ("a",), HERE),
    ]
    result = merge_entry(versions)
    journal.update_text(store, entry_id, result.fields["text"], LATER)
    with store.statements() as connection:
        # A collection that synced (and is not tied to a hub now, so the window stays offline).
        side_tables.join(connection, "postgresql://trainee@hub.invalid/programme", device)
        side_tables.leave(connection)
        ENTRIES.keep_mapping(connection, "entry-1", entry_id, "{}", '["b", "c"]')
        assert versioned_rows.keep_texts(connection, "entry-1", versions, result) == 1
    return entry_id


def on_disk(store: Store) -> list[str]:
    with store.statements() as connection:
        return [text for _, text in versioned_rows.kept_texts(connection)]
