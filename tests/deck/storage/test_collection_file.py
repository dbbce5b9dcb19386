"""The collection file: private, and refused untouched when it cannot be used."""

from __future__ import annotations

import datetime as dt
import sqlite3
import stat
from pathlib import Path

import pytest

from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    SqliteTooOldError,
)
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def test_the_database_and_its_folder_are_private(store: Store, data_dir: Path) -> None:
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    if store.on_server:
        backup = store.backup(MORNING)  # a server collection's only local file
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
        return
    assert stat.S_IMODE((data_dir / DATABASE_NAME).stat().st_mode) == 0o600


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    garbage = data_dir / DATABASE_NAME
    garbage.write_bytes(b"these are my notes, not a database" * 10)
    before = garbage.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        Store.open(data_dir, now=MORNING)
    assert str(garbage) in str(caught.value)
    assert garbage.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == [DATABASE_NAME]


def test_an_empty_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DATABASE_NAME).write_bytes(b"")
    with pytest.raises(DatabaseDamagedError, match="empty"):
        Store.open(data_dir, now=MORNING)


def test_a_collection_from_a_newer_version_is_refused(data_dir: Path) -> None:
    Store.open(data_dir, now=MORNING).close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        Store.open(data_dir, now=MORNING)


def test_a_python_whose_sqlite_cannot_save_answers_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Debian 11's SQLite (3.34) has no RETURNING: each answer would fail as it was saved.
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.34.1")

    with pytest.raises(SqliteTooOldError, match=r"SQLite is 3\.34\.1; answers need 3\.35\.0"):
        Store.open(tmp_path / "collection", now=MORNING)

    assert not (tmp_path / "collection").exists()
