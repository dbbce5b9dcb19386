"""A real ``imperfect-trainer sync`` process killed at its K-th write (local or on the hub), then
the same command run again: the fault the kill tests share."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

from imperfect_trainer.cli import main

# Put before the code a killed process runs: its own process killed at the K-th statement that
# writes (here or on the hub), K from $KILL_AT_WRITE.
_KILLED_AT_WRITE = textwrap.dedent(
    """
    import os, signal
    from sqlalchemy.engine import Connection

    real = Connection.exec_driver_sql
    writes = 0

    def counted(self, statement, *args, **kwargs):
        global writes
        if statement.lstrip()[:6].upper() in {"INSERT", "UPDATE", "DELETE"}:
            writes += 1
            if writes == int(os.environ["KILL_AT_WRITE"]):
                os.kill(os.getpid(), signal.SIGKILL)
        return real(self, statement, *args, **kwargs)

    Connection.exec_driver_sql = counted
    """
)


def kill_at_write(k: int, code: str, *args: str) -> None:
    """``code`` (Python, reading ``args`` as ``sys.argv[1:]``) run in a process of its own,
    killed at its ``k``-th write; asserts that it was."""
    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_AT_WRITE + textwrap.dedent(code), *args],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
        env={**os.environ, "KILL_AT_WRITE": str(k)},
    )
    assert killed.returncode == -signal.SIGKILL, killed.stderr


def kill_a_sync_then_sync_again(data_dir: Path, k: int) -> None:
    """The sync of ``data_dir`` killed at its ``k``-th write, then run again to the end."""
    kill_at_write(
        k,
        """
        import sys
        from imperfect_trainer.cli import main
        sys.exit(main(["--data-dir", sys.argv[1], "sync"]))
        """,
        str(data_dir),
    )
    assert main(["--data-dir", str(data_dir), "sync"]) == 0
