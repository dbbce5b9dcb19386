"""Putting the app in the desktop's application menu (freedesktop.org desktops: GNOME, KDE, …).

A pip or pipx install cannot place files outside its environment, and the standalone bundle is
only a folder, so this writes the menu entry, the icons and the AppStream description into the
person's own data folder (``$XDG_DATA_HOME``), where menus and software centres look for them.

The entry starts this very install: its ``Exec`` is the absolute path of the launcher that is
running now (the bundle's program, or the ``imperfect-trainer`` script beside the environment's
Python), so it works without anything on the ``PATH``. A data folder given at install time is
carried into it. Removing takes away exactly the files installing writes.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from imperfect_trainer import COMPONENT_ID
from imperfect_trainer.deck.storage.private_files import ExportError, write_private_bytes
from imperfect_trainer.resource_files import resource_root

# The launcher's name (pip's script, the bundle's program) and the icons' names in resources/.
APP_NAME = "imperfect-trainer"
# Installed, the entry, its icon and its description are all named after the reverse-DNS id.
DESKTOP_FILE = f"{COMPONENT_ID}.desktop"
METAINFO_FILE = f"{COMPONENT_ID}.metainfo.xml"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# What versions before the id was chosen installed under other names: installing and removing
# take them away too, so an upgrade never leaves two menu entries.
_EARLIER_NAMES = (
    Path("applications") / f"{APP_NAME}.desktop",
    Path("metainfo") / "org.example.imperfect_trainer.metainfo.xml",
    Path("icons") / "hicolor" / "scalable" / "apps" / f"{APP_NAME}.svg",
    *(
        Path("icons") / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_NAME}.png"
        for size in ICON_SIZES
    ),
)

# Characters that make an Exec argument need quotes (Desktop Entry Specification, "The Exec key").
_RESERVED = frozenset(" \t\n\"'\\><~|&;$*?#()`")
# Inside quotes, these take a backslash.
_ESCAPED_IN_QUOTES = frozenset('"`$\\')


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative.

    The base directory specification says a relative path there is invalid and to be ignored.
    """
    configured = environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def launcher_command() -> list[str]:
    """The command, with an absolute program path, that starts the install running now."""
    if getattr(sys, "frozen", False):
        # The standalone bundle: its own program.
        return [str(Path(sys.executable).absolute())]
    # Not resolved: a virtual environment's python is a link to a Python outside it.
    scripts = Path(sys.executable).absolute().parent
    for name in (APP_NAME, f"{APP_NAME}.exe"):
        launcher = scripts / name
        if launcher.is_file() and os.access(launcher, os.X_OK):
            return [str(launcher)]
    return [str(Path(sys.executable).absolute()), "-m", "imperfect_trainer"]


def exec_argument(argument: str) -> str:
    """One argument as the Exec key wants it: quoted when needed, ``%`` doubled."""
    argument = argument.replace("%", "%%")
    if argument and not _RESERVED.intersection(argument):
        return argument
    escaped = "".join(f"\\{c}" if c in _ESCAPED_IN_QUOTES else c for c in argument)
    return f'"{escaped}"'


def desktop_string(value: str) -> str:
    """A value as a desktop file stores it: backslashes and line breaks escaped."""
    for plain, escaped in (("\\", "\\\\"), ("\n", "\\n"), ("\t", "\\t"), ("\r", "\\r")):
        value = value.replace(plain, escaped)
    return value


def entry_text(template: str, command: Sequence[str], data_dir: Path | None) -> str:
    """The shipped entry with ``Exec`` (and ``TryExec``) pointing at ``command``.

    ``TryExec`` names the program, so the menu hides the entry if that install is removed.
    """
    arguments = [*command, *(["--data-dir", str(data_dir)] if data_dir is not None else [])]
    exec_line = " ".join(exec_argument(argument) for argument in arguments)
    lines = []
    for line in template.splitlines():
        if line.startswith(("Exec=", "TryExec=")):
            if line.startswith("Exec="):
                lines.append(f"TryExec={desktop_string(command[0])}")
                lines.append(f"Exec={desktop_string(exec_line)}")
            continue
        lines.append(line)
    return "\n".join(lines) + "\n"


def installed_files(base: Path) -> dict[Path, tuple[str, ...]]:
    """Each file installing writes under ``base``, with where it comes from in the resources."""
    icons = base / "icons" / "hicolor"
    files: dict[Path, tuple[str, ...]] = {
        icons / "scalable" / "apps" / f"{COMPONENT_ID}.svg": ("icons", f"{APP_NAME}.svg"),
    }
    for size in ICON_SIZES:
        folder = f"{size}x{size}"
        files[icons / folder / "apps" / f"{COMPONENT_ID}.png"] = (
            "icons",
            "hicolor",
            folder,
            "apps",
            f"{APP_NAME}.png",
        )
    files[base / "metainfo" / METAINFO_FILE] = (METAINFO_FILE,)
    # Last: the menu shows the entry only once everything it refers to is in place.
    files[base / "applications" / DESKTOP_FILE] = (DESKTOP_FILE,)
    return files


def install_desktop_entry(target: Path | None = None, data_dir: Path | None = None) -> list[Path]:
    """Write the menu entry, the icons and the metainfo under ``target`` (default:
    ``data_home()``); the entry opens ``data_dir`` when one is given.

    Returns the paths written; an existing copy is replaced, so running it again after an
    upgrade or a move brings the menu entry up to date. If a file cannot be written, the files
    this run added are taken away again and ``ExportError`` names the one that failed.
    """
    base = data_home() if target is None else target
    root = resource_root()
    absolute_data_dir = None if data_dir is None else Path(os.path.abspath(data_dir.expanduser()))
    files = installed_files(base)
    added: list[Path] = []
    try:
        for path, source in files.items():
            content = root.joinpath(*source).read_bytes()
            if source == (DESKTOP_FILE,):
                text = entry_text(content.decode("utf-8"), launcher_command(), absolute_data_dir)
                content = text.encode("utf-8")
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
            except OSError as error:
                raise ExportError(path.parent, f"cannot be created ({error.strerror})") from error
            existed = path.exists()
            write_private_bytes(path, content)
            if not existed:
                added.append(path)
    except ExportError:
        for path in added:
            path.unlink(missing_ok=True)
            _remove_empty_folders(path.parent, base)
        raise
    _remove_files([base / path for path in _EARLIER_NAMES], base)
    return list(files)


def install_for_packaging(prefix: Path) -> list[Path]:
    """Lay out under ``prefix/share`` what a distribution package installs beside the program:
    the menu entry as shipped (``Exec=imperfect-trainer``, found on the ``PATH``), its
    description, its icons, the man page and the bash completion, readable by everyone.

    Returns the paths written. A file that cannot be written raises ``ExportError`` naming it.
    """
    share = prefix / "share"
    files = {
        **installed_files(share),
        share / "man" / "man1" / f"{APP_NAME}.1": (f"{APP_NAME}.1",),
        share / "bash-completion" / "completions" / APP_NAME: (f"{APP_NAME}.bash",),
    }
    root = resource_root()
    for path, source in files.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(path.parent, f"cannot be created ({error.strerror})") from error
        # Written whole beside it, then put in place: a FIFO, link or folder already standing
        # there is refused, never written through.
        write_private_bytes(path, root.joinpath(*source).read_bytes())
        path.chmod(0o644)
    return list(files)


def remove_desktop_entry(target: Path | None = None) -> list[Path]:
    """Remove what ``install_desktop_entry`` writes, and the folders it leaves empty.

    Returns the files removed (those not there are skipped); other files are never touched.
    """
    base = data_home() if target is None else target
    return _remove_files([*installed_files(base), *(base / path for path in _EARLIER_NAMES)], base)


def _remove_files(paths: Sequence[Path], base: Path) -> list[Path]:
    removed = []
    for path in paths:
        try:
            path.unlink()
        except FileNotFoundError:
            continue
        except OSError as error:
            raise ExportError(path, f"cannot be removed ({error.strerror})") from error
        removed.append(path)
        _remove_empty_folders(path.parent, base)
    return removed


def _remove_empty_folders(folder: Path, base: Path) -> None:
    while folder != base and base in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            # Not empty (someone else's files live there too) or not ours to remove.
            return
        folder = folder.parent
