"""Backups: private, consistent, thinned; restore brings an old collection back safely."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck.backups import backups_to_keep, list_backups
from imperfect_trainer.deck.store import DATABASE_NAME, DatabaseDamagedError, Store
from tests.conftest import MORNING


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
    assert store.backup_if_due(MORNING) is None  # nothing changed since opening
    _answer_first(store, MORNING)
    assert store.backup_if_due(MORNING) is not None
    _answer_first(store, MORNING + dt.timedelta(minutes=5))
    assert store.backup_if_due(MORNING + dt.timedelta(minutes=10)) is None
    assert store.backup_if_due(MORNING + dt.timedelta(minutes=31)) is not None


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

    from imperfect_trainer.deck.store import MIGRATIONS, SCHEMA_REVISION

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
