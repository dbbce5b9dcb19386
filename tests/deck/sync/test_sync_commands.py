"""``imperfect-trainer join URL``, ``sync`` and ``leave`` as a person types them."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from tests.support.collection_rows import all_rows
from tests.support.postgres import Programme


def test_join_refuses_a_url_holding_a_password_and_changes_nothing(
    new_collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(new_collection, folder)
    before = all_rows(folder / "collection.sqlite3")

    code = main(["--data-dir", str(folder), "join", "postgresql://ada:secret@db.example.org/t"])

    assert code == 2
    assert "password" in capsys.readouterr().err
    assert main(["--data-dir", str(folder), "sync"]) == 2
    assert "join one first" in capsys.readouterr().err
    assert all_rows(folder / "collection.sqlite3") == before


@pytest.mark.postgres
def test_join_sync_and_leave_from_the_command_line(
    programme: Programme, new_collection: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "data"
    shutil.copytree(new_collection, folder)
    url = programme.cluster.url(programme.new_trainee(), programme.database)

    assert main(["--data-dir", str(folder), "join", url]) == 0
    joined = capsys.readouterr().out
    assert main(["--data-dir", str(folder), "sync"]) == 0
    synced = capsys.readouterr().out
    assert main(["--data-dir", str(folder), "leave"]) == 0
    left = capsys.readouterr().out

    assert joined.startswith("Synced with ")
    assert "sent 0, received 0" in synced
    assert "no longer syncs" in left
    assert "stays here" in left
