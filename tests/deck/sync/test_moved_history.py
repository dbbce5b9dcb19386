"""The history a move from the server copied to a computer, stamped as the server's own: two
computers that copied the same rows send it once, neither reads it back, and computers that
copied rows the server changed in between each receive what the other copied."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import run
from imperfect_trainer.deck.sync.stamping import MovedHistory
from tests.deck.sync.computers import HOUR, Computer, gradable_cards, hub_events
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres


def _copied(template: Path, folder: Path, programme: Programme, trainee: str) -> Computer:
    """A computer holding a copy of ``template`` (the server's rows), joined as a move joins."""
    with programme.connect(trainee) as connection:
        (epoch,) = connection.execute(
            "SELECT epoch::text FROM hub_epoch ORDER BY made_at LIMIT 1"
        ).fetchone()
    shutil.copytree(template, folder)
    store = Store.open(folder, now=MORNING)
    url = programme.cluster.url(trainee, programme.database)
    run.join(store, url, moved=MovedHistory.of(str(epoch), trainee))
    return Computer(store)


def _server_rows(new_collection: Path, folder: Path) -> int:
    """The rows a move copies: answers (some reflected on), a journal entry; returns how many
    answers."""
    shutil.copytree(new_collection, folder)
    with Store.open(folder, now=MORNING) as store:
        for n, card in enumerate(gradable_cards(store, MORNING, 5)):
            store.answer(card, 4, now=MORNING, reflection=f"note {n}")
            store.answer(card, 2, now=MORNING + HOUR)
        journal.add_free_entry(store, "Late again; I apologised twice.", MORNING)
    return 10


def test_a_history_copied_on_two_computers_is_sent_once_and_read_back_by_neither(
    programme: Programme, new_collection: Path, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    answers = _server_rows(new_collection, tmp_path / "server")
    laptop = _copied(tmp_path / "server", tmp_path / "laptop", programme, trainee)
    clinic = _copied(tmp_path / "server", tmp_path / "clinic", programme, trainee)
    try:
        first = laptop.sync(MORNING + 2 * HOUR)
        second = clinic.sync(MORNING + 2 * HOUR)
        assert first.sent > answers
        assert (first.received, second.sent, second.received) == (0, 0, 0)
        on_hub = [identity for identity, kind in hub_events(programme, trainee) if kind == "answer"]
        assert sorted(on_hub) == laptop.answer_events() == clinic.answer_events()
        assert len(on_hub) == answers
        assert laptop.schedules() == clinic.schedules()
        assert (
            laptop.texts()
            == clinic.texts()
            == sorted(["Late again; I apologised twice.", *(f"note {n}" for n in range(5))])
        )
    finally:
        laptop.store.close()
        clinic.store.close()


def test_computers_that_copied_different_rows_each_receive_what_the_other_copied(
    programme: Programme, new_collection: Path, tmp_path: Path
) -> None:
    trainee = programme.new_trainee()
    answers = _server_rows(new_collection, tmp_path / "server")
    laptop = _copied(tmp_path / "server", tmp_path / "laptop", programme, trainee)
    # The server changed before the clinic's copy: one more answer, the entry edited.
    later = Computer(Store.open(tmp_path / "server", now=MORNING))
    try:
        later.answer(gradable_cards(later.store, MORNING, 1)[0], 5, MORNING + HOUR)
        later.edit("Late again; I apologised twice.", "One apology is enough.", MORNING + HOUR)
    finally:
        later.store.close()
    clinic = _copied(tmp_path / "server", tmp_path / "clinic", programme, trainee)
    try:
        for side in (laptop, clinic, laptop):
            side.sync(MORNING + 2 * HOUR)
        assert laptop.answers_logged() == clinic.answers_logged() == answers + 1
        assert laptop.answer_events() == clinic.answer_events()
        assert laptop.schedules() == clinic.schedules()
        # The entry as each copied it: one text in it, the other kept beside it, on both.
        for side in (laptop, clinic):
            shown = [text for text in side.texts() if not text.startswith("note")]
            assert sorted([*shown, *side.kept_texts()]) == [
                "Late again; I apologised twice.",
                "One apology is enough.",
            ]
        assert laptop.texts() == clinic.texts()
    finally:
        laptop.store.close()
        clinic.store.close()
