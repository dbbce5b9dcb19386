"""Without a display the app says so in words, instead of Qt's abort, and points to the
commands; with one, nothing stands in the window's way."""

from __future__ import annotations

import socket
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.display_check import missing_display


@pytest.fixture
def x_server(tmp_path: Path) -> Iterator[Path]:
    """A folder of X sockets with display :5 listening in it."""
    folder = tmp_path / "x11"
    folder.mkdir()
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as server:
        server.bind(str(folder / "X5"))
        server.listen()
        yield folder


def test_no_display_variable_at_all_is_named() -> None:
    problem = missing_display({}, "linux")

    assert problem is not None
    assert "neither WAYLAND_DISPLAY nor DISPLAY" in problem


def test_an_x_display_that_no_server_answers_is_named(tmp_path: Path) -> None:
    problem = missing_display({"DISPLAY": ":5"}, "linux", x11_sockets=tmp_path)

    assert problem == "the display cannot be reached (DISPLAY=:5)"


def test_a_listening_x_server_lets_the_window_open(x_server: Path) -> None:
    assert missing_display({"DISPLAY": ":5.0"}, "linux", x11_sockets=x_server) is None


def test_a_wayland_socket_in_the_runtime_folder_lets_the_window_open(tmp_path: Path) -> None:
    (tmp_path / "wayland-1").touch()
    environ = {"WAYLAND_DISPLAY": "wayland-1", "XDG_RUNTIME_DIR": str(tmp_path)}

    assert missing_display(environ, "linux") is None


@pytest.mark.parametrize(
    ("environ", "platform"),
    [
        ({"QT_QPA_PLATFORM": "offscreen"}, "linux"),
        ({}, "win32"),
        ({}, "darwin"),
        ({"DISPLAY": "workstation:0"}, "linux"),
    ],
)
def test_what_cannot_be_judged_here_is_left_to_qt(environ: dict[str, str], platform: str) -> None:
    assert missing_display(environ, platform) is None


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="displays are judged on Linux")
def test_the_app_without_a_display_says_so_and_makes_no_collection(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)

    assert main(["--data-dir", str(tmp_path / "data")]) == 1

    error = capsys.readouterr().err
    assert "cannot open its window: no display was found" in error
    assert "--help" in error
    assert not (tmp_path / "data").exists()


def test_version_is_printed_without_opening_anything(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as done:
        main(["--version"])

    assert done.value.code == 0
    assert capsys.readouterr().out.startswith("imperfect-trainer 0.")


@pytest.mark.parametrize(("command", "endings"), [("import", 5), ("export", 3)])
def test_import_and_export_help_name_the_formats_they_take(
    command: str, endings: int, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit):
        main([command, "--help"])

    text = capsys.readouterr().out
    formats = ("FILE.csv", "FILE.json", "FILE.apkg", "FILE.colpkg", "FILE.txt")
    assert sum(ending in text for ending in formats) == endings
