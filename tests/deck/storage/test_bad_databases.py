"""Bad collections are refused by name, never modified; repair is safe and idempotent."""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import sqlite3
import tempfile
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import event

from imperfect_trainer.cli import main
from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.content.deck_file import builtin_deck
from imperfect_trainer.deck.storage.backups import list_backups, newest_good_backup
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.instance_lock import AlreadyOpenError, InstanceLock
from imperfect_trainer.deck.storage.sqlite_collection import SqliteCollection
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseDamagedError,
    DatabaseLockedError,
    DiskFullError,
    StoreError,
)
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING


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


def test_a_collection_that_lost_its_schema_version_is_called_damaged(data_dir: Path) -> None:
    Store.open(data_dir, now=MORNING).close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as emptied:
        emptied.execute("DELETE FROM alembic_version")
    before = _fingerprint(data_dir)
    with pytest.raises(DatabaseDamagedError, match="schema version"):
        Store.open(data_dir, now=MORNING)
    # The shared-memory index aside (SQLite rewrites it as it reads), byte for byte.
    after = _fingerprint(data_dir)
    assert [after.get(name) for name in before if not name.endswith("-shm")] == [
        before[name] for name in before if not name.endswith("-shm")
    ]


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

    # The answer runs on the connection the store keeps for it.
    assert isinstance(store.file, SqliteCollection)
    store.file.driver().set_authorizer(refuse_the_log_row)
    try:
        with pytest.raises(StoreError) as caught:
            store.answer(card.id, 5, now=MORNING)
        assert str(store.path) in str(caught.value)
    finally:
        store.file.driver().set_authorizer(None)
    assert store.card(card.id) == before
    assert store.stats(MORNING).reviews == 0


def test_a_full_disk_is_named_as_such_and_changes_nothing(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    before = store.card(card.id)

    def fill_the_disk(connection: Any) -> None:
        # SQLite's own "disk is full": the file may not grow by a single page.
        pages = connection.exec_driver_sql("PRAGMA page_count").scalar()
        connection.exec_driver_sql(f"PRAGMA max_page_count = {pages}")

    event.listen(store.file.engine, "begin", fill_the_disk)
    try:
        with pytest.raises(DiskFullError, match="disk is full") as caught:
            store.add_cards([_own_card(n) for n in range(2000)], MORNING)
        assert str(store.path) in str(caught.value)
        assert "free some space" in str(caught.value)
    finally:
        event.remove(store.file.engine, "begin", fill_the_disk)
        store.file.engine.dispose()
    assert store.card(card.id) == before
    assert store.stats(MORNING).cards == len(builtin_deck().cards)


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


def _collection_mid_checkpoint(data_dir: Path, copy_to: Path) -> Path:
    """The files as a kill (or a full disk) during a checkpoint leaves them: the WAL intact,
    and the main file's first page already rewritten to claim pages not yet written."""
    with Store.open(data_dir, now=MORNING) as store:
        store.add_cards([_own_card(n) for n in range(2000)], MORNING)
        copy_to.mkdir()
        for name in (DATABASE_NAME, DATABASE_NAME + "-wal"):
            (copy_to / name).write_bytes((data_dir / name).read_bytes())
    wal = (copy_to / (DATABASE_NAME + "-wal")).read_bytes()
    page_size = int.from_bytes(wal[8:12], "big")
    frame = 24 + page_size
    first_pages = [
        wal[at + 24 : at + frame]
        for at in range(32, len(wal) - frame + 1, frame)
        if int.from_bytes(wal[at : at + 4], "big") == 1
    ]
    main_file = copy_to / DATABASE_NAME
    main_file.write_bytes(first_pages[-1] + main_file.read_bytes()[page_size:])
    claimed = int.from_bytes(first_pages[-1][28:32], "big") * page_size
    assert main_file.stat().st_size < claimed
    return main_file


def test_a_collection_whose_checkpoint_was_cut_short_opens_with_everything(
    data_dir: Path, tmp_path: Path
) -> None:
    copy = tmp_path / "after-the-kill"
    _collection_mid_checkpoint(data_dir, copy)
    with Store.open(copy, now=MORNING) as store:
        assert store.stats(MORNING).cards == len(builtin_deck().cards) + 2000
        assert store.check().healthy


def test_a_collection_another_program_locks_is_called_locked_not_damaged(store: Store) -> None:
    store.close()
    blocker = sqlite3.connect(store.path, timeout=0)
    blocker.execute("PRAGMA locking_mode = EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(DatabaseLockedError, match="close the other program"):
            Store.open(store.data_dir, now=MORNING)
    finally:
        blocker.rollback()
        blocker.close()


def _damage_a_table(path: Path) -> None:
    """Overwrite the answers' and schedules' pages (tables and indexes), as a failing disk
    might; the schema on the first page stays readable."""
    with sqlite3.connect(path) as raw:
        pages = [
            row[0]
            for row in raw.execute(
                "SELECT pageno FROM dbstat WHERE name IN (SELECT name FROM sqlite_master"
                " WHERE tbl_name IN ('reviews', 'card_states', 'practice_days'))"
            )
        ]
        page_size = raw.execute("PRAGMA page_size").fetchone()[0]
        raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    raw.close()
    data = bytearray(path.read_bytes())
    for page in pages:
        start = (page - 1) * page_size
        data[start + 8 : start + page_size] = b"\xa5" * (page_size - 8)
    path.write_bytes(bytes(data))


def _damaged_collection(data_dir: Path) -> Path:
    with Store.open(data_dir, now=MORNING) as store:
        for card in store.todays_practice(MORNING).cards[:8]:
            store.answer(card.id, 4, now=MORNING)
        store.backup(MORNING)
        for card in store.todays_practice(MORNING).cards[:8]:
            store.answer(card.id, 5, now=MORNING, drill_only=True)
    path = data_dir / DATABASE_NAME
    _damage_a_table(path)
    return path


def test_a_damaged_collection_is_never_backed_up_as_a_good_one(data_dir: Path) -> None:
    path = _damaged_collection(data_dir)
    (good,) = list_backups(data_dir)
    with Store.open(data_dir, now=MORNING) as store:
        with pytest.raises(DatabaseDamagedError, match="no backup was taken"):
            store.backup(MORNING + dt.timedelta(hours=1))
        assert [b.path for b in list_backups(data_dir)] == [good.path]
    assert newest_good_backup(data_dir) == good
    assert path.exists()


@pytest.mark.parametrize(
    "command",
    [["check"], ["check", "--repair"], ["stats"], ["export", "all.json"], ["backup"]],
)
def test_commands_on_a_damaged_collection_say_so_without_a_traceback(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], command: list[str]
) -> None:
    path = _damaged_collection(data_dir)
    if command[0] == "export":
        command = ["export", str(tmp_path / command[1])]
    code = main(["--data-dir", str(data_dir), *command])
    captured = capsys.readouterr()
    assert code in (1, 2)
    assert "Traceback" not in captured.err
    said = captured.out + captured.err
    assert "damaged" in said
    assert str(path) in said
    assert "the newest good backup is" in said
    assert "restore" in said


def test_advice_to_restore_is_only_given_for_a_damaged_collection(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    odd = data_dir.parent / "it's mine"
    with Store.open(odd, now=MORNING) as store:
        store.backup(MORNING)
    _damage_a_table(odd / DATABASE_NAME)
    assert main(["--data-dir", str(odd), "stats"]) == 2
    err = capsys.readouterr().err
    # Shell-quoted, so the suggested command can be pasted as it is.
    assert "--data-dir '" in err
    assert "'\"'\"'" in err

    with Store.open(data_dir, now=MORNING) as store:
        store.backup(MORNING)
    blocker = sqlite3.connect(data_dir / DATABASE_NAME, timeout=0)
    blocker.execute("PRAGMA locking_mode = EXCLUSIVE")
    blocker.execute("BEGIN EXCLUSIVE")
    try:
        assert main(["--data-dir", str(data_dir), "stats"]) == 2
    finally:
        blocker.rollback()
        blocker.close()
    err = capsys.readouterr().err
    assert "in use by another program" in err
    assert "backup" not in err


@pytest.mark.parametrize("name", ["what?", "100%41", "a#b"])
def test_a_data_folder_with_url_characters_keeps_the_collection_inside(
    tmp_path: Path, name: str
) -> None:
    folder = tmp_path / name
    with Store.open(folder, now=MORNING) as store:
        assert store.path.parent == folder
    assert (folder / DATABASE_NAME).is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]


def test_a_read_only_data_folder_is_named_without_a_traceback(
    data_dir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir(mode=0o700)
    real_mkstemp = tempfile.mkstemp

    def read_only_disk(*args: Any, **kwargs: Any) -> tuple[int, str]:
        if kwargs.get("dir") == data_dir:
            raise OSError(errno.EROFS, "Read-only file system")
        return real_mkstemp(*args, **kwargs)

    monkeypatch.setattr(tempfile, "mkstemp", read_only_disk)
    assert main(["--data-dir", str(data_dir), "stats"]) == 2
    err = capsys.readouterr().err
    assert "Read-only file system" in err
    assert str(data_dir) in err
    assert not (data_dir / DATABASE_NAME).exists()
