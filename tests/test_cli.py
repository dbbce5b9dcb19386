"""The command line on a fresh folder: check and stats."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from imperfect_trainer import app_log
from imperfect_trainer.cli import main, run
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME


def test_check_creates_a_missing_folder_and_reports_healthy(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    folder = tmp_path / "some" / "new" / "folder"
    assert main(["--data-dir", str(folder), "check"]) == 0
    assert capsys.readouterr().out.startswith("healthy:")
    assert stat.S_IMODE((folder / DATABASE_NAME).stat().st_mode) == 0o600


def test_stats_as_json_counts_the_builtin_deck(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "stats", "--json"]) == 0
    numbers = json.loads(capsys.readouterr().out)
    assert numbers["cards"] >= 80
    assert numbers["reviews"] == numbers["days_practised"] == 0


def test_exporting_one_own_card_says_one_card(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from imperfect_trainer.deck.content.cards import CardKind
    from imperfect_trainer.deck.features.own_cards import OwnCardDraft, add_own_card
    from imperfect_trainer.deck.store import Store
    from tests.support.moments import MORNING

    with Store.open(tmp_path, now=MORNING) as store:
        draft = OwnCardDraft(CardKind.REFRAME, "My front", "My back", "", "Mine")
        add_own_card(store, draft, MORNING)
    path = tmp_path / "mine.csv"
    assert main(["--data-dir", str(tmp_path), "export", str(path)]) == 0
    assert capsys.readouterr().out == f"exported 1 own card to {path}\n"


def test_stats_as_text_is_readable(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--data-dir", str(tmp_path), "stats"]) == 0
    assert "Days practised:" in capsys.readouterr().out


def test_stats_from_a_damaged_collection_say_so_beside_the_figures(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "stats"]) == 0
    path = tmp_path / DATABASE_NAME
    data = bytearray(path.read_bytes())
    # A page of card text (which the figures never read) made no page at all.
    page = data.index(b"imperfection") // 4096
    data[page * 4096] = 0xFF
    path.write_bytes(bytes(data))
    capsys.readouterr()
    for command in (["stats"], ["stats", "--json"]):
        assert main(["--data-dir", str(tmp_path), *command]) == 1
        said = capsys.readouterr()
        assert said.out  # the figures, still
        assert "damaged collection" in said.err
        assert str(path) in said.err
        assert "imperfect-trainer check" in said.err


def test_the_data_folder_can_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("IMPERFECT_TRAINER_DATA_DIR", str(tmp_path / "from-env"))
    assert main(["check"]) == 0
    assert (tmp_path / "from-env" / DATABASE_NAME).exists()


def test_a_damaged_collection_makes_check_fail_naming_the_file(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / DATABASE_NAME).write_bytes(b"not a database at all, sorry")
    assert main(["--data-dir", str(tmp_path), "check"]) != 0
    assert str(tmp_path / DATABASE_NAME) in capsys.readouterr().err


def test_check_names_the_log_of_unexpected_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path), "check"]) == 0
    assert f"log of unexpected errors: {app_log.log_path()}" in capsys.readouterr().err


def test_a_fault_of_ours_in_a_command_is_logged_and_said_calmly(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(*_args: object) -> int:
        raise KeyError("a journal entry's private words")

    monkeypatch.setitem(run.COMMANDS, "stats", broken)
    assert main(["--data-dir", str(tmp_path), "stats"]) == 70
    err = capsys.readouterr().err
    assert "an unexpected error (KeyError" in err
    assert "nothing was half-written" in err
    assert "Traceback" not in err
    logged = app_log.log_path().read_text(encoding="utf-8")
    assert "KeyError" in logged
    assert "private words" not in logged


def test_a_command_puts_the_callers_file_mask_back(tmp_path: Path) -> None:
    mask = os.umask(0o022)
    try:
        assert main(["--data-dir", str(tmp_path), "stats"]) == 0
        assert os.umask(0o022) == 0o022
    finally:
        os.umask(mask)
