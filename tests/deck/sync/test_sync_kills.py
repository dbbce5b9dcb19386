"""A real ``imperfect-trainer sync`` process killed at its K-th write (local or on the hub),
then run again: every answer once everywhere, the same schedules, nothing lost."""

from __future__ import annotations

import pytest

from tests.deck.sync.computers import (
    DAY,
    Computer,
    a_week_apart,
    assert_the_same_everywhere,
    hub_events,
    trainee_of,
)
from tests.deck.sync.killed_sync import kill_a_sync_then_sync_again
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = [pytest.mark.postgres, pytest.mark.faults]


# A sync of these two computers writes about 29 times (batches count once): every third.
@pytest.mark.parametrize("k", range(1, 29, 3))
def test_a_sync_process_killed_at_its_kth_write_completes_when_run_again(
    programme: Programme, two_computers: tuple[Computer, Computer], k: int
) -> None:
    laptop, clinic = two_computers
    given = a_week_apart(laptop, clinic)
    laptop.sync(MORNING + 8 * DAY)

    kill_a_sync_then_sync_again(clinic.store.data_dir, k)
    for side in (laptop, clinic):
        side.sync(MORNING + 9 * DAY)
    assert_the_same_everywhere(laptop, clinic, given)
    on_hub = [identity for identity, kind in hub_events(programme, trainee_of(laptop))]
    assert len(on_hub) == len(set(on_hub))
