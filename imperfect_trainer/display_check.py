"""Whether the window can be shown at all, asked before Qt is loaded.

Without a display Qt aborts the process (exit 134, "Reinstalling the application may fix this
problem"), which tells a person nothing true. On Linux and the BSDs the app looks first for the
display Qt would use, a Wayland socket or an X server, and says plainly when there is none,
adding that every command still works without one.
"""

from __future__ import annotations

import os
import socket
import sys
from collections.abc import Mapping
from pathlib import Path

X11_SOCKETS = Path("/tmp/.X11-unix")


def missing_display(
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    x11_sockets: Path = X11_SOCKETS,
) -> str | None:
    """Why the window cannot open here, or None when a display is there (or cannot be judged:
    another platform, a Qt platform chosen by hand, an X server across the network)."""
    if environ.get("QT_QPA_PLATFORM") or not platform.startswith(("linux", "freebsd", "openbsd")):
        return None
    wayland = environ.get("WAYLAND_DISPLAY", "")
    x_display = environ.get("DISPLAY", "")
    if not wayland and not x_display:
        return "no display was found (neither WAYLAND_DISPLAY nor DISPLAY is set)"
    if wayland and _wayland_socket(wayland, environ).exists():
        return None
    if x_display and _x_server_answers(x_display, x11_sockets):
        return None
    shown = " or ".join(
        f"{name}={value}"
        for name, value in (("WAYLAND_DISPLAY", wayland), ("DISPLAY", x_display))
        if value
    )
    return f"the display cannot be reached ({shown})"


def _wayland_socket(name: str, environ: Mapping[str, str]) -> Path:
    path = Path(name)
    return path if path.is_absolute() else Path(environ.get("XDG_RUNTIME_DIR", "/")) / path


def _x_server_answers(display: str, x11_sockets: Path) -> bool:
    host, _, rest = display.rpartition(":")
    if host not in ("", "unix"):
        # A server across the network (or a launchd path on macOS): Qt will say for itself.
        return True
    number = rest.split(".")[0]
    if not number.isdigit():
        return False
    path = str(x11_sockets / f"X{number}")
    # X servers on Linux listen on an abstract socket of the same name, often only there.
    return any(_unix_socket_answers(address) for address in (path, f"\0{path}"))


def _unix_socket_answers(address: str) -> bool:
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as probe:
        probe.settimeout(1)
        try:
            probe.connect(address)
        except OSError:
            return False
    return True
