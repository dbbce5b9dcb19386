"""The journal's reading of texts written apart: listed with their entry, added to it as an
edit, done with, and never deleted from disk by either."""

from __future__ import annotations

import datetime as dt

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import texts_apart
from tests.support.written_apart import HERE, LATER, THERE, merged_apart, on_disk


def _entry(store: Store, entry_id: int) -> JournalItem:
    (item,) = [item for item in journal.entries(store) if item.id == entry_id]
    return item


def test_a_solo_collection_has_no_texts_apart(store: Store) -> None:
    entry_id = journal.add_free_entry(store, HERE, LATER)
    assert _entry(store, entry_id).written_apart == ()


def test_the_text_written_apart_is_listed_with_its_entry(store: Store) -> None:
    entry_id = merged_apart(store)
    assert [other.text for other in _entry(store, entry_id).written_apart] == [THERE]


def test_adding_it_saves_it_into_the_entry_as_an_edit(store: Store) -> None:
    entry_id = merged_apart(store)
    key = _entry(store, entry_id).written_apart[0].key
    now = LATER + dt.timedelta(hours=2)
    assert journal.add_text_apart(store, entry_id, key, now) == f"{HERE}\n\n{THERE}"
    item = _entry(store, entry_id)
    assert (item.text, item.updated_at, item.written_apart) == (f"{HERE}\n\n{THERE}", now, ())
    assert on_disk(store) == [THERE]


def test_adding_it_to_an_entry_deleted_meanwhile_changes_nothing(store: Store) -> None:
    entry_id = merged_apart(store)
    key = _entry(store, entry_id).written_apart[0].key
    journal.delete_entry(store, entry_id)
    assert journal.add_text_apart(store, entry_id, key, LATER) is None
    assert journal.entries(store) == []
    assert on_disk(store) == [THERE]


def test_done_with_it_hides_it_and_keeps_it(store: Store) -> None:
    entry_id = merged_apart(store)
    texts_apart.done_with(store, _entry(store, entry_id).written_apart[0].key)
    item = _entry(store, entry_id)
    assert (item.text, item.written_apart) == (HERE, ())
    assert on_disk(store) == [THERE]


def test_a_text_already_in_the_entry_is_not_shown_again(store: Store) -> None:
    entry_id = merged_apart(store)
    journal.update_text(store, entry_id, f"{THERE} And then: {HERE}", LATER)
    assert _entry(store, entry_id).written_apart == ()
