"""A private D-Bus session bus for a test, and the stand-in notification daemon on it.

The bus is a ``dbus-daemon`` of the test's own (no service files, so nothing the machine has
installed is started on it); the app reaches it through a connection of its own, never the
desktop's session bus.
"""

from __future__ import annotations

import json
import select
import shutil
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtDBus import QDBusConnection

from tests.support.paths import REPO

needs_dbus_daemon = pytest.mark.skipif(
    shutil.which("dbus-daemon") is None,
    reason="dbus-daemon is not installed (apt-get install dbus; scripts/bootstrap.sh does)",
)
# Long enough for a busy machine to start a Python process with Qt; a line that never comes
# fails the test instead of hanging it.
START_SECONDS = 30
_CONFIG = """<!DOCTYPE busconfig PUBLIC "-//freedesktop//DTD D-Bus Bus Configuration 1.0//EN"
 "http://www.freedesktop.org/standards/dbus/1.0/busconfig.dtd">
<busconfig>
  <type>session</type>
  <listen>unix:dir={folder}</listen>
  <policy context="default">
    <allow send_destination="*" eavesdrop="true"/>
    <allow eavesdrop="true"/>
    <allow own="*"/>
  </policy>
</busconfig>
"""


def _line(process: subprocess.Popen[str]) -> str:
    assert process.stdout is not None
    ready, _, _ = select.select([process.stdout], [], [], START_SECONDS)
    assert ready, f"no line from {process.args!r} within {START_SECONDS} s"
    return process.stdout.readline().strip()


@dataclass
class PrivateBus:
    address: str
    connection: QDBusConnection


@pytest.fixture
def private_bus(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[PrivateBus]:
    config = tmp_path / "bus.conf"
    config.write_text(_CONFIG.format(folder=tmp_path), "utf-8")
    daemon = subprocess.Popen(
        ["dbus-daemon", f"--config-file={config}", "--nofork", "--print-address=1"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    name = f"test-bus-{request.node.name}"
    try:
        address = _line(daemon)
        connection = QDBusConnection.connectToBus(address, name)
        assert connection.isConnected(), connection.lastError().message()
        yield PrivateBus(address, connection)
    finally:
        QDBusConnection.disconnectFromBus(name)
        daemon.terminate()
        daemon.wait(timeout=START_SECONDS)
        assert daemon.stdout is not None
        daemon.stdout.close()


class FakeDaemon:
    """The stand-in daemon's process; ``calls()`` are the Notify calls it answered."""

    def __init__(self, address: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, str(REPO / "tests" / "support" / "fake_notifications.py")],
            stdout=subprocess.PIPE,
            env={"DBUS_SESSION_BUS_ADDRESS": address, "QT_QPA_PLATFORM": "offscreen"},
            text=True,
        )
        assert _line(self.process) == "ready"

    def next_call(self) -> dict[str, Any]:
        call: dict[str, Any] = json.loads(_line(self.process))
        return call

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=START_SECONDS)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def notification_daemon(private_bus: PrivateBus) -> Iterator[FakeDaemon]:
    daemon = FakeDaemon(private_bus.address)
    try:
        yield daemon
    finally:
        daemon.stop()
