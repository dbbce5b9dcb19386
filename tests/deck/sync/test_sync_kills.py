"""A real ``imperfect-trainer sync`` process killed at its K-th write (local or on the hub),
then run again: every answer once everywhere, the same schedules, nothing lost."""

from __future__ import annotations

import signal
import subprocess
import sys
import textwrap

import pytest

from imperfect_trainer.cli import main
from tests.deck.sync.computers import (
    DAY,
    Computer,
    a_week_apart,
    assert_the_same_everywhere,
    hub_events,
    trainee_of,
)
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = [pytest.mark.postgres, pytest.mark.faults]

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


# A sync of these two computers writes about 29 times (batches count once): every third.
@pytest.mark.parametrize("k", range(1, 29, 3))
def test_a_sync_process_killed_at_its_kth_write_completes_when_run_again(
    programme: Programme, two_computers: tuple[Computer, Computer], k: int
) -> None:
    laptop, clinic = two_computers
    given = a_week_apart(laptop, clinic)
    laptop.sync(MORNING + 8 * DAY)

    killed = subprocess.run(
        [sys.executable, "-c", _KILLED_AT, str(clinic.store.data_dir), str(k)],
        capture_output=True,
        text=True,
        check=False,
        timeout=120,
    )

    assert killed.returncode == -signal.SIGKILL, killed.stderr
    assert main(["--data-dir", str(clinic.store.data_dir), "sync"]) == 0
    for side in (laptop, clinic):
        side.sync(MORNING + 9 * DAY)
    assert_the_same_everywhere(laptop, clinic, given)
    on_hub = [identity for identity, kind in hub_events(programme, trainee_of(laptop))]
    assert len(on_hub) == len(set(on_hub))
