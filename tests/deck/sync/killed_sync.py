"""A real ``imperfect-trainer sync`` process killed at its K-th write (local or on the hub), then
the same command run again: the fault the kill tests share."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from imperfect_trainer.cli import main

# Runs the command line's sync, killing its own process at the K-th statement that writes.
_KILLED_AT = textwrap.dedent(
    """
    import os, signal, sys
    from sqlalchemy.engine import Connection
    from imperfect_trainer.cli import main

    real = Connection.exec_driver_sql
    writes = 0

    def counted(self, statement, *args, **kwargs):
        global writes
        if statement.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes += 1
            if writes == int(sys.argv[2]):
                os.kill(os.getpid(), signal.SIGKILL)
        return real(self, statement, *args, **kwargs)

    Connection.exec_driver_sql = counted
    sys.exit(main(["--data-dir", sys.argv[1], "sync"]))
    """
)


def kill_a_sync_then_sync_again(data_dir: Path, k: int) -> None:
    """The sync of ``data_dir`` killed at its ``k``-th write, then run again to the end."""
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_AT, str(data_dir), str(k)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert main(["--data-dir", str(data_dir), "sync"]) == 0
