"""The store: settings kept across reopening, and commits flushed to disk only when something
waits."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def test_settings_persist_across_reopening(data_dir: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        store.set_setting("new_cards_per_day", 3)
    with Store.open(data_dir, now=MORNING) as store:
        assert store.setting("new_cards_per_day") == 3
        assert store.todays_practice(MORNING).new_count == 3


def test_an_answer_is_flushed_to_disk_once_and_only_when_something_waits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    if store.on_server:
        pytest.skip("the server's flush is tested in test_programme: no fsync of ours")
    synced: list[int] = []
    real_fsync = os.fsync

    def counting_fsync(descriptor: int) -> None:
        synced.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    store.flush_to_disk()  # the merge of the built-in deck at opening
    synced.clear()
    store.flush_to_disk()
    assert synced == []  # nothing new to flush
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 5, now=MORNING)
    store.flush_to_disk()
    store.flush_to_disk()
    assert len(synced) == 1
