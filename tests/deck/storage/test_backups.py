"""Backups: private, consistent, thinned; restore brings an old collection back safely."""

from __future__ import annotations

import datetime as dt
import os
import signal
import sqlite3
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck.storage.backups import (
    KEEP_LATEST,
    backups_to_keep,
    list_backups,
    newest_good_backup,
)
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.private_files import new_partial
from imperfect_trainer.deck.storage.store_errors import DatabaseDamagedError, StoreError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING


def _answer_first(store: Store, now: dt.datetime, grade: int = 5) -> str:
    card = store.todays_practice(now).cards[0]
    store.answer(card.id, grade, now=now)
    return card.id


def test_a_backup_is_a_private_complete_copy_of_the_collection(store: Store) -> None:
    _answer_first(store, MORNING)
    path = store.backup(MORNING)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert stat.S_IMODE(path.parent.stat().st_mode) == 0o700
    with sqlite3.connect(path) as copy:
        assert copy.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        assert copy.execute("SELECT count(*) FROM reviews").fetchone() == (1,)
    assert [b.path for b in list_backups(store.data_dir)] == [path]


def test_a_backup_is_taken_every_half_hour_of_use_only_when_something_changed(
    store: Store,
) -> None:
    assert store.safety.backup_if_due(MORNING) is None  # nothing changed since opening
    _answer_first(store, MORNING)
    assert store.safety.backup_if_due(MORNING) is not None
    _answer_first(store, MORNING + dt.timedelta(minutes=5))
    assert store.safety.backup_if_due(MORNING + dt.timedelta(minutes=10)) is None
    assert store.safety.backup_if_due(MORNING + dt.timedelta(minutes=31)) is not None


def test_thinning_keeps_today_then_seven_days_four_weeks_twelve_months() -> None:
    now = dt.datetime(2026, 11, 23, 18, 0)
    hourly_today = [now - dt.timedelta(hours=h) for h in range(1, 10)]
    twice_daily_for_two_years = [
        now - dt.timedelta(days=d, hours=h) for d in range(1, 730) for h in (1, 5)
    ]
    kept = backups_to_keep(hourly_today + twice_daily_for_two_years, now)
    assert set(hourly_today) <= kept
    kept_days = sorted({t.date() for t in kept if t.date() != now.date()}, reverse=True)
    recent = [d for d in kept_days if (now.date() - d).days <= 7]
    assert len(recent) == 7
    # one backup per kept day: the newest of that day
    for day in kept_days:
        newest = max(t for t in twice_daily_for_two_years if t.date() == day)
        assert [t for t in kept if t.date() == day] == [newest]
    assert min(kept) > now - dt.timedelta(days=366)
    assert len(kept) <= 9 + 7 + 4 + 12


def test_thinning_never_deletes_the_only_backup_of_today(store: Store) -> None:
    first = store.backup(MORNING)
    second = store.backup(MORNING + dt.timedelta(minutes=1))
    assert {b.path for b in list_backups(store.data_dir)} == {first, second}


def test_restore_brings_back_the_old_collection_and_backs_up_the_current(store: Store) -> None:
    _answer_first(store, MORNING)
    saved = store.backup(MORNING)
    _answer_first(store, MORNING + dt.timedelta(minutes=1))
    assert store.stats(MORNING).reviews == 2
    store.restore(saved, MORNING + dt.timedelta(minutes=2))
    assert store.stats(MORNING).reviews == 1
    assert len(list_backups(store.data_dir)) == 2  # the one restored and the one taken before
    assert store.check().healthy


def test_restore_refuses_a_file_that_is_not_a_collection(store: Store, tmp_path: Path) -> None:
    bogus = tmp_path / "notes.sqlite3"
    bogus.write_bytes(b"hello" * 100)
    _answer_first(store, MORNING)
    with pytest.raises(DatabaseDamagedError, match=r"notes\.sqlite3"):
        store.restore(bogus, MORNING)
    assert store.stats(MORNING).reviews == 1


def test_the_cli_restores_over_a_damaged_collection_keeping_the_damaged_file(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        _answer_first(store, MORNING)
        saved = store.backup(MORNING)
    damaged = data_dir / DATABASE_NAME
    damaged.write_bytes(b"\0" * 4096)
    assert main(["--data-dir", str(data_dir), "check"]) == 2
    err = capsys.readouterr().err
    assert str(damaged) in err
    assert f"restore {saved}" in err

    assert main(["--data-dir", str(data_dir), "restore", str(saved)]) == 0
    kept = [p for p in data_dir.iterdir() if p.name.startswith(DATABASE_NAME + ".damaged-")]
    assert len(kept) == 1
    assert kept[0].read_bytes() == b"\0" * 4096
    assert main(["--data-dir", str(data_dir), "stats", "--json"]) == 0
    assert '"reviews": 1' in capsys.readouterr().out


def test_the_backup_command_writes_one_now(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(data_dir), "backup"]) == 0
    assert "backup written" in capsys.readouterr().out
    assert len(list_backups(data_dir)) == 1


def test_a_schema_update_takes_a_backup_of_the_old_collection_first(data_dir: Path) -> None:
    from alembic import command
    from alembic.config import Config
    from sqlalchemy import create_engine

    from imperfect_trainer.deck.storage.collection_file import MIGRATIONS
    from imperfect_trainer.deck.store import SCHEMA_REVISION

    data_dir.mkdir()
    engine = create_engine(f"sqlite:///{data_dir / DATABASE_NAME}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0001")
    engine.dispose()
    assert SCHEMA_REVISION != "0001"

    Store.open(data_dir, now=MORNING).close()
    (backup,) = list_backups(data_dir)
    with sqlite3.connect(backup.path) as copy:
        assert copy.execute("SELECT version_num FROM alembic_version").fetchone() == ("0001",)


def test_a_backup_taken_with_a_wrong_clock_does_not_wipe_the_history(store: Store) -> None:
    days = [MORNING - dt.timedelta(days=d) for d in range(40, 0, -1)]
    for day in days:
        _answer_first(store, day)
        store.backup(day)
    before = list_backups(store.data_dir)
    wrong_clock = MORNING.replace(year=2090)
    _answer_first(store, MORNING)
    store.backup(wrong_clock)
    after = list_backups(store.data_dir)
    # The last ones taken survive whatever the dates say, as do the ones the calendar keeps.
    kept_by_order = {b.path for b in before[: KEEP_LATEST - 1]}
    assert kept_by_order <= {b.path for b in after}
    assert len(after) >= KEEP_LATEST

    # Back in the present, the newest backup is the last one taken, not the one dated 2090.
    _answer_first(store, MORNING + dt.timedelta(minutes=1))
    back_now = store.backup(MORNING + dt.timedelta(minutes=1))
    assert list_backups(store.data_dir)[0].path == back_now
    assert newest_good_backup(store.data_dir).path == back_now  # type: ignore[union-attr]


def test_two_backups_in_the_same_second_are_both_kept(store: Store) -> None:
    first = store.backup(MORNING)
    second = store.backup(MORNING)
    assert first != second
    assert {b.path for b in list_backups(store.data_dir)} == {first, second}
    assert list_backups(store.data_dir)[0].path == second


def test_backups_named_before_sequence_numbers_still_count(store: Store) -> None:
    folder = store.backup(MORNING).parent
    old = folder / "collection-20261101-090000.sqlite3"
    old_tie = folder / "collection-20261101-090000-2.sqlite3"
    for path in (old, old_tie):
        path.write_bytes((folder.parent / DATABASE_NAME).read_bytes())
    names = [b.path.name for b in list_backups(store.data_dir)]
    assert names[1:] == [old_tie.name, old.name]
    newest = store.backup(MORNING + dt.timedelta(days=40))
    assert list_backups(store.data_dir)[0].path == newest
    assert old.exists()  # one of the last taken, so kept though old


def test_a_planted_link_in_place_of_the_backups_folder_is_refused(
    store: Store, tmp_path: Path
) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    victim = elsewhere / "collection-20200101-000000.sqlite3"
    victim.write_text("someone's own file")
    (store.data_dir / "backups").symlink_to(elsewhere)
    with pytest.raises(StoreError, match="symbolic link"):
        store.backup(MORNING + dt.timedelta(days=400))
    assert victim.read_text() == "someone's own file"
    assert list(elsewhere.iterdir()) == [victim]


def test_partials_a_killed_process_left_are_removed_at_the_next_start(data_dir: Path) -> None:
    Store.open(data_dir, now=MORNING).close()
    old = [
        data_dir / ".collection.sqlite3.k1lled.partial",
        data_dir / ".collection.sqlite3.k1lled.partial-journal",
        data_dir / "backups" / ".collection.x7y8z9.partial",
    ]
    (data_dir / "backups").mkdir(exist_ok=True)
    for path in old:
        path.write_bytes(b"half a copy")
        os.utime(path, (0, 0))  # long ago: no live process is still writing it
    in_use = data_dir / "backups" / ".collection.abcdef.partial"
    in_use.write_bytes(b"being written right now")
    Store.open(data_dir, now=MORNING).close()
    assert [path for path in old if path.exists()] == []
    assert in_use.exists()


def test_a_partial_whose_writer_was_killed_just_now_is_removed_at_the_next_start(
    data_dir: Path,
) -> None:
    Store.open(data_dir, now=MORNING).close()
    folder = data_dir / "backups"
    folder.mkdir(exist_ok=True)
    killed = subprocess.run(
        [
            sys.executable,
            "-c",
            "import os, signal, sys\n"
            "from pathlib import Path\n"
            "from imperfect_trainer.deck.storage.private_files import new_partial\n"
            "new_partial(Path(sys.argv[1]), 'collection').write_bytes(b'half a backup')\n"
            "os.kill(os.getpid(), signal.SIGKILL)\n",
            str(folder),
        ],
        check=False,
        cwd=Path(__file__).resolve().parents[3],
    )
    assert killed.returncode == -signal.SIGKILL
    (left,) = folder.glob(".*.partial")
    mine = new_partial(folder, "collection")  # this process is still writing it
    Store.open(data_dir, now=MORNING).close()
    assert not left.exists()
    assert mine.exists()


def test_a_full_disk_while_writing_a_backup_names_the_backups_folder_and_keeps_it_owed(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    _answer_first(store, MORNING)
    from imperfect_trainer.deck.storage import backups as backups_module

    def no_room(*args: object) -> Path:
        # SQLite's own "database or disk is full", as the backup's pages meet a full disk.
        error = sqlite3.OperationalError("database or disk is full")
        error.sqlite_errorcode = sqlite3.SQLITE_FULL
        raise error

    monkeypatch.setattr(backups_module, "write_backup", no_room)
    with pytest.raises(StoreError, match="writing the backup failed: the disk is full") as caught:
        store.backup(MORNING)
    assert str(backups_module.backup_folder(store.data_dir)) in str(caught.value)
    monkeypatch.undo()
    assert list_backups(store.data_dir) == []
    # Still owed: the backup a half hour's use asks for is taken once there is room.
    assert store.safety.backup_if_due(MORNING + dt.timedelta(minutes=1)) is not None
    assert len(list_backups(store.data_dir)) == 1
