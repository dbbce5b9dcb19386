"""Starting quietly at login, so the daily reminder arrives when the window was never opened.

An XDG autostart entry (``$XDG_CONFIG_HOME/autostart/<app id>.desktop``, the place every
freedesktop.org desktop reads at login) runs this very install with ``--background``: no window,
only the reminder waiting for its time. It is written whole beside its place and renamed into it
(as the menu entry is), so a login never reads half an entry, and removing it takes away that one
file and nothing else.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from imperfect_trainer import COMPONENT_ID
from imperfect_trainer.deck.storage.private_files import ExportError, write_private_bytes
from imperfect_trainer.desktop_entry import desktop_string, exec_argument, launcher_command
from imperfect_trainer.translation import N_, translations_of

BACKGROUND_FLAG = "--background"
AUTOSTART_FILE = f"{COMPONENT_ID}.desktop"
# What a desktop's list of programs started at login shows for the entry, in every language
# the app ships (the desktop picks one by its own locale, as Name[de]= and Comment[de]=).
ENTRY_NAME = N_("Imperfect Trainer reminder")
ENTRY_COMMENT = N_(
    "Starts Imperfect Trainer quietly when you log in, for one gentle reminder a day at the "
    "time you chose"
)


def _localised(key: str, message: str) -> list[str]:
    return [f"{key}={message}"] + [
        f"{key}[{code}]={words}" for code, words in sorted(translations_of(message).items())
    ]


def config_home(environ: Mapping[str, str] = os.environ) -> Path:
    """``$XDG_CONFIG_HOME``, or ``~/.config`` when it is unset, empty or relative (which the
    base directory specification says to ignore)."""
    configured = environ.get("XDG_CONFIG_HOME", "")
    if configured and Path(configured).is_absolute():
        return Path(configured)
    return Path.home() / ".config"


def autostart_path(environ: Mapping[str, str] = os.environ) -> Path:
    return config_home(environ) / "autostart" / AUTOSTART_FILE


def background_command(arguments: Sequence[str] = ()) -> list[str]:
    """The command that starts this install in the background, with ``arguments`` (the
    collection to open) after the flag."""
    return [*launcher_command(), BACKGROUND_FLAG, *arguments]


def entry_text(command: Sequence[str]) -> str:
    exec_line = " ".join(exec_argument(argument) for argument in command)
    lines = [
        "[Desktop Entry]",
        "Type=Application",
        "Version=1.4",
        *_localised("Name", ENTRY_NAME),
        *_localised("Comment", ENTRY_COMMENT),
        # The menu entry already offers the app; this one is for the login alone.
        "NoDisplay=true",
        f"Icon={COMPONENT_ID}",
        f"TryExec={desktop_string(command[0])}",
        f"Exec={desktop_string(exec_line)}",
        "Terminal=false",
        "X-GNOME-Autostart-enabled=true",
    ]
    return "\n".join(lines) + "\n"


def install_autostart(
    arguments: Sequence[str] = (), environ: Mapping[str, str] = os.environ
) -> Path:
    """Write the entry (replacing an older one); ``ExportError`` names what could not be
    written, and then whatever was there before is left as it was."""
    path = autostart_path(environ)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise ExportError(path.parent, f"cannot be created ({error.strerror})") from error
    write_private_bytes(path, entry_text(background_command(arguments)).encode("utf-8"))
    return path


def remove_autostart(environ: Mapping[str, str] = os.environ) -> bool:
    """Take the entry away; False when there was none."""
    path = autostart_path(environ)
    try:
        path.unlink()
    except FileNotFoundError:
        return False
    except OSError as error:
        raise ExportError(path, f"cannot be removed ({error.strerror})") from error
    return True


def autostart_installed(environ: Mapping[str, str] = os.environ) -> bool:
    return autostart_path(environ).is_file()
