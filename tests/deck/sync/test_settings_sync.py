"""The person's settings on two computers: the later change wins per key; a computer's own
settings (its window, its text size) stay on it; a new computer takes the person's settings."""

from __future__ import annotations

import pytest

from imperfect_trainer.deck import settings_registry
from tests.deck.sync.computers import DAY, HOUR, Computer
from tests.support.moments import MORNING

pytestmark = pytest.mark.postgres


def test_a_setting_changed_on_one_computer_reaches_the_other_and_its_own_stay(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    laptop.store.set_setting("new_cards_per_day", 12)
    laptop.store.set_setting("font_size", 18)

    laptop.sync(MORNING + HOUR)
    report = clinic.sync(MORNING + HOUR)

    assert report.settings_changed == 1
    assert clinic.store.setting("new_cards_per_day") == 12
    assert clinic.store.setting("font_size") == settings_registry.SETTINGS["font_size"].default
    # The clinic's defaults, never chosen there, were not sent back as later changes.
    laptop.sync(MORNING + 2 * HOUR)
    assert laptop.store.setting("new_cards_per_day") == 12


def test_a_setting_changed_on_both_computers_apart_takes_the_later_change_on_both(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    laptop.store.set_setting("session_seconds", 420)
    clinic.store.set_setting("session_seconds", 600)
    clinic.sync(MORNING + HOUR)
    laptop.sync(MORNING + 2 * HOUR)  # the laptop's change is stamped after the clinic's

    clinic.sync(MORNING + DAY)

    assert laptop.store.setting("session_seconds") == clinic.store.setting("session_seconds")
    assert clinic.store.setting("session_seconds") == 420
