"""Putting the app in the desktop's application menu (freedesktop.org desktops: GNOME, KDE, …).

A pip or pipx install cannot place files outside the environment, so this copies the shipped
desktop entry and icon into the person's own data folder, where menus look for them:
``$XDG_DATA_HOME/applications`` and ``$XDG_DATA_HOME/icons/hicolor/scalable/apps``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from imperfect_trainer.deck.private_files import ExportError, write_private_bytes
from imperfect_trainer.resource_files import resource_root

APP_ID = "imperfect-trainer"
DESKTOP_FILE = f"{APP_ID}.desktop"
ICON_FILE = f"{APP_ID}.svg"


def data_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_DATA_HOME``, or ``~/.local/share`` when it is unset, empty or relative.

    The base directory specification says a relative path there is invalid and to be ignored.
    """
    configured = environ.get("XDG_DATA_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".local" / "share"


def install_desktop_entry(target: Path | None = None) -> list[Path]:
    """Copy the desktop entry and the icon under ``target`` (default: ``data_home()``).

    Returns the paths written; an existing copy is replaced, so running it again after an
    upgrade brings the menu entry up to date.
    """
    base = data_home() if target is None else target
    root = resource_root()
    icon = root.joinpath("icons").joinpath(ICON_FILE)
    copies = {
        base / "applications" / DESKTOP_FILE: root.joinpath(DESKTOP_FILE).read_bytes(),
        base / "icons" / "hicolor" / "scalable" / "apps" / ICON_FILE: icon.read_bytes(),
    }
    for path, content in copies.items():
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as error:
            raise ExportError(path.parent, f"cannot be created ({error.strerror})") from error
        write_private_bytes(path, content)
    return list(copies)
