"""Answers to cards with none here, logged with their states decided beforehand (a first
sync's way), leave the collection exactly as logging them and replaying each card does: the
same rows, numbers, states, schedules and links, whatever order the answers came in, with
undone answers, fresh starts and cards answered here among them."""

from __future__ import annotations

import datetime as dt
import random
import shutil
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import answer_arrivals, downloads, side_tables
from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.event_ids import RANDOM_BYTES, event_id_text
from imperfect_trainer.deck.sync.events import Event
from imperfect_trainer.deck.sync.stored_events import insert_events
from tests.support.moments import MORNING

DEVICES = ("0a3f6c1e-0000-4000-8000-000000000001", "0a3f6c1e-0000-4000-8000-000000000002")
START_MS = 1_770_000_000_000
DAY_MS = 86_400_000


def _event_id(stamp: Hlc, chance: random.Random) -> str:
    return event_id_text(stamp, chance.randbytes(RANDOM_BYTES))


def _events(cards: list[str], chance: random.Random) -> list[Event]:
    """A few hundred answers to ``cards`` from two computers over a month, with undos (before
    and after the answer they take back) and fresh starts (one of them taken back), shuffled
    out of clock order."""
    events: list[Event] = []
    answers: list[Event] = []
    for _ in range(320):
        stamp = Hlc(START_MS + chance.randrange(30 * DAY_MS), chance.randrange(3))
        day = dt.date(2026, 2, 1) + dt.timedelta(days=(stamp.wall_ms - START_MS) // DAY_MS)
        payload = {
            "grade": chance.choice([None, 0, 1, 2, 3, 4, 5, 5]),
            "practice_day": day.isoformat(),
            "reviewed_at": f"{day.isoformat()} 08:{chance.randrange(60):02d}:00.000000",
            "duration_ms": chance.randrange(60_000),
            "drill": chance.random() < 0.1,
            "fresh_start": chance.random() < 0.05,
        }
        answer = Event(
            _event_id(stamp, chance), stamp, chance.choice(DEVICES), "answer", chance.choice(cards),
            payload,
        )  # fmt: skip
        answers.append(answer)
    events += answers
    for answer in chance.sample(answers, 25):
        later = Hlc(answer.hlc.wall_ms + chance.randrange(1, DAY_MS))
        events.append(
            Event(_event_id(later, chance), later, answer.device, "undo", answer.subject,
                  {"answer": answer.event_id})
        )  # fmt: skip
    for card in cards[:3]:
        stamp = Hlc(START_MS + chance.randrange(30 * DAY_MS))
        events.append(
            Event(_event_id(stamp, chance), stamp, DEVICES[0], "fresh", card, {"at": "2026-02-10"})
        )
    fresh = next(event for event in events if event.kind == "fresh")
    taken_back = Hlc(fresh.hlc.wall_ms + 1)
    events.append(
        Event(_event_id(taken_back, chance), taken_back, fresh.device, "undo",
              fresh.subject, {"answer": fresh.event_id})
    )  # fmt: skip
    chance.shuffle(events)
    return events


def _staged(folder: Path, seed: int) -> list[list[Event]]:
    """A collection joined to a hub, two of its cards answered here; returns the events of
    two syncs, not kept yet."""
    chance = random.Random(seed)
    with Store.open(folder, now=MORNING) as store:
        cards = [card.id for card in store.todays_practice(MORNING, limit=8).cards]
        with store.file.engine.begin() as connection:
            side_tables.join(connection, "hub", "this")
        for card in cards[:2]:
            store.answer(card, 4, now=MORNING)
    events = _events(cards, chance)
    half = len(events) // 2
    return [events[:half], events[half:]]


def _synced(folder: Path, batches: list[list[Event]]) -> list[tuple[dict[str, Any], Tables]]:
    """Each batch kept and merged: what each merge said, and every table after it."""
    merges = []
    with Store.open(folder, now=MORNING) as store:
        for batch in batches:
            with store.file.engine.begin() as connection:
                insert_events(connection, [(event, None) for event in batch],
                              applied=False, uploaded=True)  # fmt: skip
                merged = downloads.merge_staged(connection)
            assert store.check().healthy
            merges.append(({**vars(merged), "cards": None}, _tables(folder)))
    return merges


Tables = dict[str, list[Any]]


def _tables(folder: Path) -> Tables:
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
        # The per-day totals, by day: the replay's rewriting of moved rows takes a day's
        # total out and puts it back, and with it the total's place in the table.
        tables["practice_days"] = database.execute(
            "SELECT * FROM practice_days ORDER BY day"
        ).fetchall()
    return tables


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_answers_decided_before_logging_leave_every_table_as_the_replay_does(
    new_collection: Path, tmp_path: Path, seed: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    staged = tmp_path / "staged"
    shutil.copytree(new_collection, staged)
    batches = _staged(staged, seed)
    decided_folder, replayed_folder = tmp_path / "decided", tmp_path / "replayed"
    shutil.copytree(staged, decided_folder)
    shutil.copytree(staged, replayed_folder)

    decided = _synced(decided_folder, batches)
    with monkeypatch.context() as patch:
        patch.setattr(answer_arrivals, "log_decided", lambda connection: set())
        replayed = _synced(replayed_folder, batches)

    assert decided[0][0]["answers_added"] > 100
    for (decided_merge, decided_tables), (replayed_merge, replayed_tables) in zip(
        decided, replayed, strict=True
    ):
        assert decided_merge == replayed_merge
        assert decided_tables.keys() == replayed_tables.keys()
        assert [
            name for name, rows in replayed_tables.items() if decided_tables[name] != rows
        ] == []


def test_a_second_merge_adds_nothing(new_collection: Path, tmp_path: Path) -> None:
    folder = tmp_path / "collection"
    shutil.copytree(new_collection, folder)
    batches = _staged(folder, 4)
    ((_, first),) = _synced(folder, [batches[0] + batches[1]])

    ((merged, again),) = _synced(folder, [[]])

    assert merged["answers_added"] == 0
    assert again == first
