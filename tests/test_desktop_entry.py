"""The menu entry and icon: what ships, and where installing them puts them."""

from __future__ import annotations

import configparser
import stat
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.desktop_entry import data_home, install_desktop_entry
from imperfect_trainer.resource_files import resource_root

SVG = "{http://www.w3.org/2000/svg}"


def shipped_entry() -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(resource_root().joinpath("imperfect-trainer.desktop").read_text("utf-8"))
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def test_the_shipped_entry_launches_the_app_with_its_icon_under_education() -> None:
    entry = shipped_entry()

    assert entry["Type"] == "Application"
    assert entry["Name"] == "Imperfect Trainer"
    assert entry["Exec"] == "imperfect-trainer"
    assert entry["Icon"] == "imperfect-trainer"
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Education;"
    assert all(value.endswith(";") for key, value in entry.items() if key == "Keywords")


def test_the_shipped_icon_is_a_square_svg() -> None:
    root = ET.fromstring(resource_root().joinpath("icons", "imperfect-trainer.svg").read_bytes())

    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 128 128"
    assert root.find(f"{SVG}title") is not None


def test_installing_copies_entry_and_icon_under_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "share"))

    written = install_desktop_entry()

    entry = tmp_path / "share" / "applications" / "imperfect-trainer.desktop"
    icon = tmp_path / "share" / "icons" / "hicolor" / "scalable" / "apps" / "imperfect-trainer.svg"
    assert written == [entry, icon]
    root = resource_root()
    assert entry.read_bytes() == root.joinpath("imperfect-trainer.desktop").read_bytes()
    assert icon.read_bytes() == root.joinpath("icons", "imperfect-trainer.svg").read_bytes()
    assert stat.S_IMODE(entry.stat().st_mode) == 0o600


def test_installing_again_replaces_the_old_copies(tmp_path: Path) -> None:
    entry = tmp_path / "applications" / "imperfect-trainer.desktop"
    entry.parent.mkdir()
    entry.write_text("[Desktop Entry]\nName=Old\n", encoding="utf-8")

    install_desktop_entry(tmp_path)

    assert "Name=Imperfect Trainer" in entry.read_text(encoding="utf-8")


@pytest.mark.parametrize("value", [None, "", "relative/share"])
def test_an_unset_empty_or_relative_xdg_data_home_means_the_home_folder(
    value: str | None,
) -> None:
    environ = {} if value is None else {"XDG_DATA_HOME": value}

    assert data_home(environ) == Path.home() / ".local" / "share"


def test_the_command_line_installs_into_xdg_data_home(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path))

    assert main(["--data-dir", str(tmp_path / "data"), "install-desktop-entry"]) == 0

    assert (tmp_path / "applications" / "imperfect-trainer.desktop").is_file()
    assert "installed" in capsys.readouterr().out
    assert not (tmp_path / "data").exists(), "no collection is needed to install"
