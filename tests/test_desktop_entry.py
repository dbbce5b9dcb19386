"""The menu entry, its icons and its AppStream description: what ships, what installing writes,
that the written entry starts this install on the right data folder, and that removing it takes
everything away again."""

from __future__ import annotations

import configparser
import fnmatch
import json
import os
import shutil
import stat
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from imperfect_trainer import COMPONENT_ID
from imperfect_trainer.cli import DATA_DIR_VARIABLE, main
from imperfect_trainer.deck.storage.private_files import ExportError
from imperfect_trainer.desktop_entry import (
    DESKTOP_FILE,
    ICON_SIZES,
    METAINFO_FILE,
    data_home,
    install_desktop_entry,
    launcher_command,
    remove_desktop_entry,
)
from imperfect_trainer.resource_files import resource_root
from tests.support.paths import REPO

SVG = "{http://www.w3.org/2000/svg}"
needs_desktop_file_validate = pytest.mark.skipif(
    shutil.which("desktop-file-validate") is None,
    reason="desktop-file-validate is not installed (apt-get install desktop-file-utils)",
)


def read_entry(text: str) -> dict[str, str]:
    parser = configparser.ConfigParser(interpolation=None, delimiters=("=",))
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys are case-sensitive
    parser.read_string(text)
    assert parser.sections() == ["Desktop Entry"]
    return dict(parser["Desktop Entry"])


def shipped_entry() -> dict[str, str]:
    return read_entry(resource_root().joinpath(DESKTOP_FILE).read_text("utf-8"))


def exec_arguments(value: str) -> list[str]:
    """Read an Exec value back as a desktop would (Desktop Entry Specification, "The Exec key")."""
    unescaped = ""
    characters = iter(value)
    for c in characters:
        if c == "\\":
            following = next(characters)
            unescaped += {"s": " ", "n": "\n", "t": "\t", "r": "\r"}.get(following, following)
        else:
            unescaped += c
    arguments: list[str] = []
    current: str | None = None
    quoted = False
    characters = iter(unescaped)
    for c in characters:
        if quoted:
            if c == "\\":
                current = (current or "") + next(characters)
            elif c == '"':
                quoted = False
            else:
                current = (current or "") + c
        elif c == '"':
            quoted = True
            current = current or ""
        elif c == " ":
            if current is not None:
                arguments.append(current)
            current = None
        else:
            current = (current or "") + c
    assert not quoted, f"unbalanced quotes in {value!r}"
    if current is not None:
        arguments.append(current)
    return [argument.replace("%%", "%") for argument in arguments]


def files_under(folder: Path) -> list[Path]:
    return sorted(path for path in folder.rglob("*") if not path.is_dir())


def png_size(path: Path) -> tuple[int, int]:
    header = path.read_bytes()[:24]
    assert header[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    width, height = struct.unpack(">II", header[16:24])
    return width, height


def validate_entry(path: Path) -> None:
    done = subprocess.run(
        ["desktop-file-validate", str(path)], capture_output=True, text=True, check=False
    )
    assert (done.returncode, done.stdout + done.stderr) == (0, "")


# ------------------------------------------------------------------------------ what ships


def test_the_shipped_entry_launches_the_app_with_its_icon_under_education() -> None:
    entry = shipped_entry()

    assert entry["Type"] == "Application"
    assert entry["Name"] == "Imperfect Trainer"
    assert entry["Exec"] == "imperfect-trainer"
    assert entry["Icon"] == COMPONENT_ID
    assert entry["Terminal"] == "false"
    assert entry["Categories"] == "Education;"
    assert all(value.endswith(";") for key, value in entry.items() if key == "Keywords")


@needs_desktop_file_validate
def test_the_shipped_entry_passes_the_freedesktop_validator() -> None:
    validate_entry(REPO / "resources" / DESKTOP_FILE)


def test_the_shipped_icon_is_a_square_svg() -> None:
    root = ET.fromstring(resource_root().joinpath("icons", "imperfect-trainer.svg").read_bytes())

    assert root.tag == f"{SVG}svg"
    assert root.get("viewBox") == "0 0 128 128"
    assert root.find(f"{SVG}title") is not None


@pytest.mark.parametrize("size", ICON_SIZES)
def test_the_icon_ships_as_a_png_of_each_menu_size(size: int) -> None:
    png = resource_root().joinpath(
        "icons", "hicolor", f"{size}x{size}", "apps", "imperfect-trainer.png"
    )

    assert png_size(Path(str(png))) == (size, size)


def test_the_metainfo_describes_the_app_its_entry_screenshots_rating_and_release() -> None:
    component = ET.fromstring(resource_root().joinpath(METAINFO_FILE).read_bytes())

    assert component.get("type") == "desktop-application"
    assert f"{component.findtext('id')}.metainfo.xml" == METAINFO_FILE
    assert component.findtext("name") == "Imperfect Trainer"
    assert component.findtext("summary")
    assert component.findall("description/p")
    assert component.findtext("launchable[@type='desktop-id']") == DESKTOP_FILE
    assert component.findtext("project_license") == "GPL-3.0-or-later"
    assert not any("example." in (url.text or "") for url in component.iter("url"))
    images = [image.text or "" for image in component.iter("image")]
    assert images
    assert all(image.startswith("https://") for image in images)
    for image in images:
        assert (REPO / "docs" / "screenshots" / image.rsplit("/", 1)[1]).is_file()
    assert component.find("content_rating[@type='oars-1.1']") is not None
    release = component.find("releases/release")
    assert release is not None
    project = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["project"]
    assert release.get("version") == project["version"]


def test_the_metainfo_releases_are_the_changelogs_entries() -> None:
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from metainfo_releases import CHANGELOG, METAINFO, metainfo_with_releases
    finally:
        sys.path.remove(str(REPO / "scripts"))
    metainfo = METAINFO.read_text("utf-8")

    assert metainfo == metainfo_with_releases(metainfo, CHANGELOG.read_text("utf-8")), (
        "run scripts/metainfo_releases.py after editing CHANGELOG.md"
    )
    assert "<li>" in metainfo


@pytest.mark.skipif(shutil.which("appstreamcli") is None, reason="apt-get install appstream")
def test_the_metainfo_passes_the_appstream_validator() -> None:
    metainfo = REPO / "resources" / METAINFO_FILE
    done = subprocess.run(
        ["appstreamcli", "validate", "--no-net", "--pedantic", str(metainfo)],
        capture_output=True,
        text=True,
        check=False,
    )

    assert done.returncode == 0, done.stdout + done.stderr


def test_a_wheel_ships_every_resource_file() -> None:
    """Each file in resources/ matches pyproject's package-data for its package."""
    setuptools = tomllib.loads((REPO / "pyproject.toml").read_text("utf-8"))["tool"]["setuptools"]
    package_data: dict[str, list[str]] = setuptools["package-data"]
    resources = REPO / "resources"
    unshipped = []
    for path in files_under(resources):
        relative = path.relative_to(resources)
        shipped = False
        # The nearest package folder above the file owns it, as setuptools sees it.
        for depth in range(len(relative.parts) - 1, -1, -1):
            package = ".".join(("imperfect_trainer.resources", *relative.parts[:depth]))
            inside = "/".join(relative.parts[depth:])
            if package in package_data:
                shipped = any(fnmatch.fnmatch(inside, pattern) for pattern in package_data[package])
                break
        if not shipped:
            unshipped.append(str(relative))

    assert unshipped == []


@pytest.mark.parametrize("layout", ["wheel", "source checkout or bundle"])
def test_the_shipped_files_are_found_in_each_install_layout(tmp_path: Path, layout: str) -> None:
    package = tmp_path / "imperfect_trainer"
    package.mkdir()
    resources = package / "resources" if layout == "wheel" else tmp_path / "resources"
    (resources / "icons").mkdir(parents=True)
    (resources / "icons" / "imperfect-trainer.svg").write_text("<svg/>", encoding="utf-8")

    root = resource_root(package)

    assert root.joinpath("icons", "imperfect-trainer.svg").read_text("utf-8") == "<svg/>"


# -------------------------------------------------------------------------- installing


@pytest.fixture
def share(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "share"
    monkeypatch.setenv("XDG_DATA_HOME", str(folder))
    return folder


def test_installing_writes_entry_metainfo_and_every_icon_under_xdg_data_home(share: Path) -> None:
    written = install_desktop_entry()

    icons = share / "icons" / "hicolor"
    expected = {
        share / "applications" / DESKTOP_FILE,
        share / "metainfo" / METAINFO_FILE,
        icons / "scalable" / "apps" / f"{COMPONENT_ID}.svg",
        *(icons / f"{n}x{n}" / "apps" / f"{COMPONENT_ID}.png" for n in ICON_SIZES),
    }
    assert set(written) == expected
    assert set(files_under(share)) == expected
    root = resource_root()
    assert (icons / "scalable" / "apps" / f"{COMPONENT_ID}.svg").read_bytes() == root.joinpath(
        "icons", "imperfect-trainer.svg"
    ).read_bytes()
    assert png_size(icons / "48x48" / "apps" / f"{COMPONENT_ID}.png") == (48, 48)
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o600 for path in expected)


def test_the_installed_entry_names_this_install_by_absolute_path(share: Path) -> None:
    install_desktop_entry()

    entry = read_entry((share / "applications" / DESKTOP_FILE).read_text("utf-8"))
    program = exec_arguments(entry["Exec"])[0]
    assert Path(program).is_absolute()
    assert Path(program).is_file()
    assert os.access(program, os.X_OK)
    assert entry["TryExec"] == program
    assert exec_arguments(entry["Exec"]) == launcher_command()


@needs_desktop_file_validate
@pytest.mark.parametrize(
    "folder_name", ["plain", "with space", 'quote " and $HOME', "100% back\\slash `tick`"]
)
def test_the_installed_entry_is_valid_and_carries_any_data_folder_name(
    share: Path, tmp_path: Path, folder_name: str
) -> None:
    data_dir = tmp_path / folder_name

    install_desktop_entry(data_dir=data_dir)

    path = share / "applications" / DESKTOP_FILE
    validate_entry(path)
    arguments = exec_arguments(read_entry(path.read_text("utf-8"))["Exec"])
    assert arguments == [*launcher_command(), "--data-dir", str(data_dir)]


def test_the_entry_s_own_exec_line_opens_the_data_folder_it_was_installed_with(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    data_dir = tmp_path / "my cards"
    assert main(["--data-dir", str(data_dir), "install-desktop-entry"]) == 0
    assert f"the menu entry opens {data_dir}" in capsys.readouterr().out
    entry = read_entry((share / "applications" / DESKTOP_FILE).read_text("utf-8"))

    # The menu's own command, with a subcommand that needs no screen: it finds the collection.
    done = subprocess.run(
        [*exec_arguments(entry["Exec"]), "stats", "--json"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
    )

    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["cards"] > 0
    assert (data_dir / "collection.sqlite3").is_file()


def test_a_data_folder_set_in_the_environment_is_carried_too(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(DATA_DIR_VARIABLE, str(tmp_path / "from-env"))

    assert main(["install-desktop-entry"]) == 0

    entry = read_entry((share / "applications" / DESKTOP_FILE).read_text("utf-8"))
    assert exec_arguments(entry["Exec"])[-2:] == ["--data-dir", str(tmp_path / "from-env")]


def test_without_a_data_folder_the_entry_opens_the_usual_one(
    share: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(DATA_DIR_VARIABLE, raising=False)

    assert main(["install-desktop-entry"]) == 0

    entry = read_entry((share / "applications" / DESKTOP_FILE).read_text("utf-8"))
    assert exec_arguments(entry["Exec"]) == launcher_command()


def test_a_relative_data_folder_is_made_absolute(
    share: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)

    install_desktop_entry(data_dir=Path("cards"))

    entry = read_entry((share / "applications" / DESKTOP_FILE).read_text("utf-8"))
    assert exec_arguments(entry["Exec"])[-1] == str(tmp_path / "cards")


def test_the_bundle_s_entry_starts_the_bundle_itself(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    program = tmp_path / "bundle" / "imperfect-trainer"
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    monkeypatch.setattr(sys, "executable", str(program))

    assert launcher_command() == [str(program)]


def test_without_a_launcher_script_the_entry_runs_the_module_with_this_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    python = tmp_path / "bin" / "python3"
    monkeypatch.setattr(sys, "executable", str(python))

    assert launcher_command() == [str(python), "-m", "imperfect_trainer"]


def test_installing_again_replaces_the_old_copies(tmp_path: Path) -> None:
    entry = tmp_path / "applications" / DESKTOP_FILE
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


def test_the_command_line_installs_without_making_a_collection(
    share: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--data-dir", str(tmp_path / "data"), "install-desktop-entry"]) == 0

    assert (share / "applications" / DESKTOP_FILE).is_file()
    assert "installed" in capsys.readouterr().out
    assert not (tmp_path / "data").exists(), "no collection is needed to install"


def test_a_file_that_cannot_be_written_is_named_and_nothing_new_is_left(share: Path) -> None:
    blocked = share / "icons" / "hicolor" / "256x256" / "apps" / f"{COMPONENT_ID}.png"
    blocked.mkdir(parents=True)  # a folder where the icon should go

    with pytest.raises(ExportError, match="256x256"):
        install_desktop_entry()

    assert files_under(share) == []
    assert not (share / "applications").exists(), "no menu entry without its icons"


# ---------------------------------------------------------------------------- removing


def test_removing_takes_away_everything_installing_wrote(
    share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    written = install_desktop_entry()

    assert main(["install-desktop-entry", "--remove"]) == 0

    assert files_under(share) == []
    assert not any(path.exists() for path in written)
    assert capsys.readouterr().out.count("removed ") == len(written)


# What a version before the reverse-DNS id installed.
EARLIER_FILES = (
    Path("applications") / "imperfect-trainer.desktop",
    Path("metainfo") / "org.example.imperfect_trainer.metainfo.xml",
    Path("icons") / "hicolor" / "scalable" / "apps" / "imperfect-trainer.svg",
    Path("icons") / "hicolor" / "48x48" / "apps" / "imperfect-trainer.png",
)


def _install_an_earlier_version(share: Path) -> None:
    for path in EARLIER_FILES:
        (share / path).parent.mkdir(parents=True, exist_ok=True)
        (share / path).write_bytes(b"from 0.0.x")


def test_installing_over_an_earlier_version_leaves_one_menu_entry(share: Path) -> None:
    _install_an_earlier_version(share)

    written = install_desktop_entry()

    assert set(files_under(share)) == set(written)
    assert [path.name for path in (share / "applications").iterdir()] == [DESKTOP_FILE]


def test_removing_also_takes_away_what_an_earlier_version_installed(share: Path) -> None:
    _install_an_earlier_version(share)

    remove_desktop_entry()

    assert files_under(share) == []


def test_removing_leaves_other_apps_files_and_their_folders(share: Path) -> None:
    install_desktop_entry()
    neighbours = [
        share / "applications" / "other.desktop",
        share / "icons" / "hicolor" / "48x48" / "apps" / "other.png",
    ]
    for path in neighbours:
        path.write_bytes(b"someone else's")

    remove_desktop_entry()

    assert files_under(share) == sorted(neighbours)


def test_removing_when_nothing_was_installed_says_so_and_changes_nothing(
    share: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["install-desktop-entry", "--remove"]) == 0

    assert "nothing to remove" in capsys.readouterr().out
    assert not share.exists()


# ---------------------------------------------------------------------------- packaging


def test_a_packager_gets_share_laid_out_for_a_program_on_the_path(tmp_path: Path) -> None:
    assert main(["install-desktop-entry", "--prefix", str(tmp_path / "usr")]) == 0

    share = tmp_path / "usr" / "share"
    entry = read_entry((share / "applications" / DESKTOP_FILE).read_text("utf-8"))
    assert entry["Exec"] == "imperfect-trainer"
    assert "TryExec" not in entry
    assert (share / "metainfo" / METAINFO_FILE).is_file()
    assert png_size(share / "icons" / "hicolor" / "64x64" / "apps" / f"{COMPONENT_ID}.png") == (
        64,
        64,
    )
    assert (share / "man" / "man1" / "imperfect-trainer.1").read_text("utf-8").startswith(".TH")
    assert "complete -F" in (
        share / "bash-completion" / "completions" / "imperfect-trainer"
    ).read_text("utf-8")
    assert all(stat.S_IMODE(path.stat().st_mode) == 0o644 for path in files_under(share))


def test_packaging_files_leave_the_persons_own_menu_alone(share: Path, tmp_path: Path) -> None:
    assert main(["install-desktop-entry", "--prefix", str(tmp_path / "usr")]) == 0

    assert files_under(share) == []


def test_a_fifo_where_a_packaging_file_goes_is_named_and_never_written_through(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    fifo = tmp_path / "usr" / "share" / "man" / "man1" / "imperfect-trainer.1"
    fifo.parent.mkdir(parents=True)
    os.mkfifo(fifo)

    assert main(["install-desktop-entry", "--prefix", str(tmp_path / "usr")]) == 1

    assert "is not a regular file" in capsys.readouterr().err
    assert stat.S_ISFIFO(fifo.lstat().st_mode)
