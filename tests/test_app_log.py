"""The app's log: private, rotated, and holding what went wrong but never the person's words."""

from __future__ import annotations

import errno
import stat
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import pytest

from imperfect_trainer import app_log

JOURNAL_TEXT = "I froze when Mrs Example cried about her son"


@pytest.fixture
def log_dir(tmp_path: Path) -> Iterator[Path]:
    yield tmp_path / "state" / "log"
    app_log.stop()


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def _record(error: BaseException) -> None:
    try:
        raise error
    except BaseException:
        app_log.record_error(*sys.exc_info())


def _update_entry(text: str) -> None:
    """Stands in for a save deep in the app that fails while holding journal text."""
    try:
        raise KeyError(text)
    except KeyError as error:
        raise RuntimeError(f"could not save {text!r}") from error


@pytest.mark.skipif(sys.platform != "linux", reason="the XDG state folder is Linux's")
def test_the_log_goes_to_the_platform_log_folder_or_the_one_named(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_STATE_HOME", str(tmp_path / "state"))
    assert app_log.log_folder({}) == tmp_path / "state" / "imperfect-trainer" / "log"
    named = {app_log.LOG_DIR_ENV: str(tmp_path / "elsewhere")}
    assert app_log.log_path(app_log.log_folder(named)) == tmp_path / "elsewhere" / app_log.FILE_NAME


def test_the_folder_and_file_are_the_owners_alone(log_dir: Path) -> None:
    path = app_log.start(log_dir)
    _record(ValueError("x"))
    assert path == log_dir / app_log.FILE_NAME
    assert _mode(log_dir) == 0o700
    assert _mode(log_dir.parent) == 0o700  # made by the app, so private too
    assert _mode(path) == 0o600


def test_a_log_left_readable_by_others_is_made_private(log_dir: Path) -> None:
    log_dir.mkdir(parents=True)
    log_dir.chmod(0o755)
    (log_dir / app_log.FILE_NAME).write_text("older lines\n")
    (log_dir / app_log.FILE_NAME).chmod(0o644)
    app_log.start(log_dir)
    assert _mode(log_dir) == 0o700
    assert _mode(log_dir / app_log.FILE_NAME) == 0o600
    assert (log_dir / app_log.FILE_NAME).read_text().startswith("older lines\n")


def test_an_error_carrying_journal_text_is_logged_without_it(log_dir: Path) -> None:
    path = app_log.start(log_dir)
    assert path is not None
    try:
        _update_entry(JOURNAL_TEXT)
    except RuntimeError:
        app_log.record_error(*sys.exc_info())
    logged = path.read_text()
    assert "unexpected RuntimeError" in logged
    assert "caused by KeyError" in logged
    assert "tests/test_app_log.py" in logged
    assert "in _update_entry" in logged
    assert "Mrs Example" not in logged
    assert "froze" not in logged


def test_a_full_disk_is_logged_by_its_code_without_the_file_name(log_dir: Path) -> None:
    path = app_log.start(log_dir)
    assert path is not None
    _record(OSError(errno.ENOSPC, "No space left on device", "/home/ana/notes-on-client-x"))
    logged = path.read_text()
    assert "OSError [ENOSPC]" in logged
    assert "client-x" not in logged


def test_the_log_rotates_and_keeps_three_older_files(log_dir: Path) -> None:
    path = app_log.start(log_dir, max_bytes=2_000)
    assert path is not None
    for _ in range(200):
        _record(ValueError("x"))
    files = sorted(log_dir.iterdir())
    assert [file.name for file in files] == [
        app_log.FILE_NAME,
        *(f"{app_log.FILE_NAME}.{n}" for n in (1, 2, 3)),
    ]
    assert all(_mode(file) == 0o600 and file.stat().st_size <= 2_000 for file in files)


def test_warnings_are_logged_by_kind_and_place_only(log_dir: Path) -> None:
    with warnings.catch_warnings():
        path = app_log.start(log_dir)
        assert path is not None
        warnings.simplefilter("always")
        warnings.warn(f"odd value {JOURNAL_TEXT}", UserWarning, stacklevel=1)
    logged = path.read_text()
    assert "WARNING UserWarning at tests/test_app_log.py:" in logged
    assert "Mrs Example" not in logged


def test_an_unusable_log_folder_leaves_the_app_running_without_a_log(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "state").write_text("a file where the folder should be")
    assert app_log.start(tmp_path / "state" / "log") is None
    _record(ValueError("x"))  # nothing to write to, and nothing raised
    assert "no log is written" in capsys.readouterr().err


def test_a_symlinked_log_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "elsewhere").mkdir()
    (tmp_path / "log").symlink_to(tmp_path / "elsewhere")
    assert app_log.start(tmp_path / "log") is None
    assert list((tmp_path / "elsewhere").iterdir()) == []
