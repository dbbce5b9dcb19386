"""Private whatever was there before: a loose data folder is tightened, links inside it are never
followed, and a folder that belongs to someone else is refused."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME
from imperfect_trainer.deck.storage.store_errors import DatabaseAccessError
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.lstat().st_mode)


def test_an_existing_folder_with_loose_modes_is_made_private_again(data_dir: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        store.answer(store.todays_practice(MORNING).cards[0].id, 4, now=MORNING)
        backup = store.backup(MORNING)
        loose = [data_dir / DATABASE_NAME, backup, data_dir / (DATABASE_NAME + "-wal")]
        for path in loose:
            path.chmod(0o644)
        backup.parent.chmod(0o755)
        data_dir.chmod(0o777)
    with Store.open(data_dir, now=MORNING):
        assert _mode(data_dir) == 0o700
        assert _mode(backup.parent) == 0o700
        for path in (data_dir / DATABASE_NAME, backup):
            assert _mode(path) == 0o600
        for side in ("-wal", "-shm"):
            assert _mode(data_dir / (DATABASE_NAME + side)) == 0o600


def test_a_collection_that_is_a_symbolic_link_is_refused(data_dir: Path, tmp_path: Path) -> None:
    Store.open(tmp_path / "real", now=MORNING).close()
    data_dir.mkdir()
    (data_dir / DATABASE_NAME).symlink_to(tmp_path / "real" / DATABASE_NAME)
    with pytest.raises(DatabaseAccessError, match="symbolic link"):
        Store.open(data_dir, now=MORNING)


def test_a_backup_never_writes_through_a_planted_link(store: Store, tmp_path: Path) -> None:
    victim = tmp_path / "notes.txt"
    victim.write_text("the person's own notes")
    folder = store.data_dir / "backups"
    folder.mkdir(exist_ok=True)
    # The names earlier versions wrote to before renaming: predictable, so plantable.
    for name in ("collection-20261123-083000.sqlite3.partial", ".collection.partial"):
        (folder / name).symlink_to(victim)
    store.backup(MORNING)
    assert victim.read_text() == "the person's own notes"


@pytest.mark.skipif(os.geteuid() != 0, reason="giving a folder to another user needs root")
def test_a_data_folder_that_belongs_to_another_user_is_refused(
    data_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir.mkdir()
    data_dir.chmod(0o777)
    os.chown(data_dir, 65534, 65534)
    assert main(["--data-dir", str(data_dir), "stats"]) == 2
    err = capsys.readouterr().err
    assert "belongs to another user" in err
    assert not (data_dir / DATABASE_NAME).exists()
    assert _mode(data_dir) == 0o777  # not ours to change
