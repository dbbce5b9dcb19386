"""A small disk of a test's own: a tmpfs mounted in a private mount namespace (``unshare``)."""

from __future__ import annotations

import shutil
import subprocess


def can_mount_a_small_disk() -> bool:
    if shutil.which("unshare") is None:
        return False
    tried = subprocess.run(
        ["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o size=64k tmpfs /mnt"],
        capture_output=True,
        check=False,
    )
    return tried.returncode == 0
