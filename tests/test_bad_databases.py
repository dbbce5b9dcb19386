"""Bad collections are refused by name, never modified; repair is safe and idempotent."""

from __future__ import annotations

import hashlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from imperfect_trainer.cli import main
from imperfect_trainer.deck.cards import CardContent, CardKind
from imperfect_trainer.deck.instance_lock import AlreadyOpenError, InstanceLock
from imperfect_trainer.deck.store import (
    DATABASE_NAME,
    DatabaseDamagedError,
    DatabaseLockedError,
    DiskFullError,
    Store,
    StoreError,
)
from tests.conftest import MORNING


def _fingerprint(folder: Path) -> dict[str, str]:
    return {
        p.name: hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.iterdir())
        if p.is_file()
    }


def _own_card(number: int) -> CardContent:
    return CardContent(
        id=f"own.card-{number}",
        kind=CardKind.FACT,
        source="own",
        section="My own cards",
        front=f"Question {number} " + "padding " * 40,
        back="An answer " + "padding " * 40,
        tags=(),
    )


def _make_collection(data_dir: Path) -> Path:
    with Store.open(data_dir, now=MORNING) as store:
        card = store.todays_practice(MORNING).cards[0]
        store.answer(card.id, 4, now=MORNING)
    return data_dir / DATABASE_NAME


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        (b"", "empty"),
        (b"#!/bin/sh\necho not a database\n" * 50, "not an SQLite database"),
        (b"SQLite format 3\x00" + b"\xff" * 84, "not an SQLite database|damaged|truncated"),
    ],
)
def test_a_bad_file_is_named_and_left_byte_for_byte(
    data_dir: Path, content: bytes, expected: str
) -> None:
    data_dir.mkdir()
    (data_dir / DATABASE_NAME).write_bytes(content)
    before = _fingerprint(data_dir)
    with pytest.raises(DatabaseDamagedError, match=expected) as caught:
        Store.open(data_dir, now=MORNING)
    assert str(data_dir / DATABASE_NAME) in str(caught.value)
    assert _fingerprint(data_dir) == before  # no -wal, no -shm, no change


def test_a_truncated_collection_is_refused_without_creating_a_wal(data_dir: Path) -> None:
    path = _make_collection(data_dir)
    path.write_bytes(path.read_bytes()[: path.stat().st_size // 2])
    before = _fingerprint(data_dir)
    with pytest.raises(DatabaseDamagedError, match="truncated"):
        Store.open(data_dir, now=MORNING)
    assert _fingerprint(data_dir) == before


def test_a_database_that_is_not_a_collection_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    with sqlite3.connect(data_dir / DATABASE_NAME) as other:
        other.execute("CREATE TABLE recipes (name TEXT)")
    with pytest.raises(DatabaseDamagedError, match="not a collection"):
        Store.open(data_dir, now=MORNING)


def test_a_locked_collection_gives_a_clear_message_instead_of_hanging(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    blocker = sqlite3.connect(store.path, timeout=0)
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError, match="in use by another program") as caught:
            store.answer(card.id, 5, now=MORNING)
        assert str(store.path) in str(caught.value)
    finally:
        blocker.rollback()
        blocker.close()
    assert store.stats(MORNING).reviews == 0


def test_a_write_refused_during_an_answer_changes_nothing(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    before = store.card(card.id)

    def refuse_the_log_row(action: int, table: str | None, *_names: object) -> int:
        # SQLite asks before every write; refusing the answer's log row fails the write half-way.
        if action == sqlite3.SQLITE_INSERT and table == "reviews":
            return sqlite3.SQLITE_DENY
        return sqlite3.SQLITE_OK

    def on_begin(connection: Any) -> None:
        connection.connection.driver_connection.set_authorizer(refuse_the_log_row)

    event.listen(store._engine, "begin", on_begin)
    try:
        with pytest.raises(StoreError) as caught:
            store.answer(card.id, 5, now=MORNING)
        assert str(store.path) in str(caught.value)
    finally:
        event.remove(store._engine, "begin", on_begin)
        store._engine.dispose()  # fresh connections without the authorizer
    assert store.card(card.id) == before
    assert store.stats(MORNING).reviews == 0


def test_a_full_disk_is_named_as_such_and_changes_nothing(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    before = store.card(card.id)

    def fill_the_disk(connection: Any) -> None:
        # SQLite's own "disk is full": the file may not grow by a single page.
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")

    event.listen(store._engine, "begin", fill_the_disk)
    try:
        with pytest.raises(DiskFullError, match="disk is full") as caught:
            store.add_cards([_own_card(n) for n in range(2000)], MORNING)
        assert str(store.path) in str(caught.value)
        assert "free some space" in str(caught.value)
    finally:
        event.remove(store._engine, "begin", fill_the_disk)
        store._engine.dispose()
    assert store.card(card.id) == before
    assert store.stats(MORNING).cards == 120


def test_repair_fixes_what_is_safe_and_a_second_run_changes_nothing(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = _make_collection(data_dir)
    with sqlite3.connect(path) as raw:
        raw.execute("UPDATE card_states SET easiness_hundredths = 90 WHERE rowid <= 2")
        raw.execute("UPDATE card_states SET interval_days = -4 WHERE rowid = 3")
        raw.execute("UPDATE card_states SET due_day = 'someday' WHERE rowid = 4")
        raw.execute(
            "INSERT INTO journal_entries (kind, card_id, practice_day, created_at, updated_at,"
            " text) VALUES ('reflection', 'reframe.deleted', '2026-11-01',"
            " '2026-11-01 09:00:00', '2026-11-01 09:00:00', 'I still want this')"
        )
    raw.close()
    assert main(["--data-dir", str(data_dir), "check"]) == 1
    assert "E-Factors below 1.3" in capsys.readouterr().out

    assert main(["--data-dir", str(data_dir), "check", "--repair"]) == 0
    out = capsys.readouterr().out
    assert "fixed: 2 E-Factors below 1.3" in out
    assert out.rstrip().splitlines()[-1].startswith("healthy:")
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT text, card_id FROM journal_entries").fetchall() == [
            ("I still want this", None)
        ]
    raw.close()

    before = _fingerprint(data_dir)
    assert main(["--data-dir", str(data_dir), "check", "--repair"]) == 0
    assert "fixed:" not in capsys.readouterr().out
    assert _fingerprint(data_dir) == before


def test_repair_waits_for_the_window_to_be_closed(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _make_collection(data_dir)
    with InstanceLock(data_dir):
        assert main(["--data-dir", str(data_dir), "check", "--repair"]) == 3
    assert "already has this collection open" in capsys.readouterr().err


def test_only_one_app_holds_a_data_folder(data_dir: Path) -> None:
    data_dir.mkdir()
    with InstanceLock(data_dir), pytest.raises(AlreadyOpenError):
        InstanceLock(data_dir).acquire()
    with InstanceLock(data_dir):
        pass  # released when the first one ended
