"""A real ``imperfect-trainer sync`` killed at its K-th write while it brings own cards, debriefs
and a fresh start from the other computer, then run again: the same cards, schedules and
journal on both, every answer once."""

from __future__ import annotations

import pytest

from tests.deck.sync.cards_apart import apart, cards, journal_seen
from tests.deck.sync.computers import DAY, Computer, assert_the_same_everywhere
from tests.deck.sync.killed_sync import kill_a_sync_then_sync_again
from tests.support.moments import MORNING

pytestmark = [pytest.mark.postgres, pytest.mark.faults]


# This sync writes about 40 times (batches count once): every third.
@pytest.mark.parametrize("k", range(1, 38, 3))
def test_a_sync_bringing_cards_and_debriefs_killed_at_its_kth_write_completes_when_run_again(
    two_computers: tuple[Computer, Computer], k: int
) -> None:
    laptop, clinic = two_computers
    _, given = apart(laptop, clinic)
    laptop.sync(MORNING + 2 * DAY)

    kill_a_sync_then_sync_again(clinic.store.data_dir, k)
    for side in (laptop, clinic):
        side.sync(MORNING + 3 * DAY)
    assert_the_same_everywhere(laptop, clinic, given)
    assert cards(laptop) == cards(clinic)
    assert journal_seen(laptop) == journal_seen(clinic)
    assert laptop.kept_texts() == clinic.kept_texts()
