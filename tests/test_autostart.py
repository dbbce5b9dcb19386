"""The entry that starts the app quietly at login: where it goes, what it runs, that it is
valid, and that removing it takes that one file away."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from imperfect_trainer import COMPONENT_ID
from imperfect_trainer.autostart import (
    autostart_installed,
    autostart_path,
    config_home,
    install_autostart,
    remove_autostart,
)
from imperfect_trainer.deck.storage.private_files import ExportError
from imperfect_trainer.desktop_entry import launcher_command
from tests.test_desktop_entry import (
    exec_arguments,
    needs_desktop_file_validate,
    read_entry,
    validate_entry,
)


@pytest.fixture
def config(tmp_path: Path) -> dict[str, str]:
    return {"XDG_CONFIG_HOME": str(tmp_path / "config")}


def test_the_entry_goes_in_the_autostart_folder_of_xdg_config_home(
    config: dict[str, str], monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    expected = Path(config["XDG_CONFIG_HOME"]) / "autostart" / f"{COMPONENT_ID}.desktop"
    assert autostart_path(config) == expected
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    # Unset, empty or relative: the specification's default.
    for unusable in ({}, {"XDG_CONFIG_HOME": ""}, {"XDG_CONFIG_HOME": "relative/config"}):
        assert config_home(unusable) == tmp_path / "home" / ".config"


def test_the_entry_starts_this_install_in_the_background_on_the_chosen_collection(
    config: dict[str, str], tmp_path: Path
) -> None:
    data_dir = str(tmp_path / "my data")
    path = install_autostart(("--data-dir", data_dir), config)

    entry = read_entry(path.read_text("utf-8"))
    assert exec_arguments(entry["Exec"]) == [
        *launcher_command(),
        "--background",
        "--data-dir",
        data_dir,
    ]
    assert entry["TryExec"] == launcher_command()[0]
    assert entry["Type"] == "Application"
    assert entry["NoDisplay"] == "true"  # the menu entry already offers the app
    assert entry["Icon"] == COMPONENT_ID
    assert os.stat(path).st_mode & 0o777 == 0o600
    assert autostart_installed(config)


def test_the_entry_names_itself_in_german_for_a_german_desktop(config: dict[str, str]) -> None:
    entry = read_entry(install_autostart((), config).read_text("utf-8"))

    assert entry["Name"] == "Imperfect Trainer reminder"
    assert entry["Name[de]"] == "Imperfect Trainer – Erinnerung"
    assert entry["Comment[de]"].startswith("Startet Imperfect Trainer beim Anmelden")


@needs_desktop_file_validate
def test_the_entry_passes_the_freedesktop_validator(config: dict[str, str]) -> None:
    validate_entry(install_autostart(("--data-dir", "/home/someone/with space"), config))


def test_writing_again_replaces_the_entry_whole(config: dict[str, str]) -> None:
    install_autostart(("--data-dir", "/old"), config)
    path = install_autostart(("--data-dir", "/new"), config)

    assert exec_arguments(read_entry(path.read_text("utf-8"))["Exec"])[-1] == "/new"
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no partial left behind


def test_removing_takes_that_one_file_away_and_nothing_else(config: dict[str, str]) -> None:
    path = install_autostart((), config)
    neighbour = path.parent / "someone-elses.desktop"
    neighbour.write_text("[Desktop Entry]\n", "utf-8")

    assert remove_autostart(config)
    assert not path.exists()
    assert neighbour.exists()
    assert not autostart_installed(config)
    assert not remove_autostart(config)  # nothing there: nothing to do


def test_a_folder_that_cannot_be_made_is_named_and_nothing_is_written(tmp_path: Path) -> None:
    blocker = tmp_path / "config"
    blocker.write_text("a file where the folder should be", "utf-8")

    with pytest.raises(ExportError, match="autostart"):
        install_autostart((), {"XDG_CONFIG_HOME": str(blocker)})
    assert blocker.read_text("utf-8") == "a file where the folder should be"
