"""The sync line's words: how long ago, and what a failed sync means for the person."""

from __future__ import annotations

import datetime as dt

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.deck.storage.server_errors import (
    ServerLoginError,
    ServerSchemaBehindError,
    ServerUnreachableError,
)
from imperfect_trainer.deck.storage.store_errors import DatabaseTooNewError, StoreError
from imperfect_trainer.ui.window.background_sync import SyncOutcome
from imperfect_trainer.ui.window.sync_line import (
    NOT_SYNCED,
    OFFLINE,
    SERVER_UPDATING,
    SYNCING,
    UPDATE_APP,
    SyncLine,
    synced_words,
)
from tests.support.moments import MORNING
from tests.support.window_support import FakeClock

pytestmark = pytest.mark.gui
HUB = "alex@clinic.example.org/trainer"


@pytest.mark.parametrize(
    ("ago", "said"),
    [
        (dt.timedelta(seconds=40), "Synced just now"),
        (dt.timedelta(minutes=1), "Synced a minute ago"),
        (dt.timedelta(minutes=3), "Synced 3 minutes ago"),
        (dt.timedelta(hours=2), f"Synced at {MORNING - dt.timedelta(hours=2):%H:%M}"),
    ],
)
def test_a_sync_is_told_by_how_long_ago_it_was(ago: dt.timedelta, said: str) -> None:
    assert synced_words(MORNING - ago, MORNING) == said


def test_a_sync_on_another_day_names_the_day() -> None:
    said = synced_words(MORNING - dt.timedelta(days=2), MORNING)
    assert said.startswith("Synced on ")
    assert f"{(MORNING - dt.timedelta(days=2)):%d %B}" in said


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (ServerUnreachableError(HUB, "cannot be reached"), OFFLINE),
        (DatabaseTooNewError(HUB, "was set up by a newer version"), UPDATE_APP),
        (ServerSchemaBehindError(HUB, "uses an older schema"), SERVER_UPDATING),
        (ServerLoginError(HUB, "refused the login"), NOT_SYNCED),
    ],
)
def test_a_failed_sync_says_what_it_means_and_keeps_the_reason_for_who_asks(
    qtbot: QtBot, error: StoreError, said: str
) -> None:
    line = SyncLine(FakeClock(MORNING))
    qtbot.addWidget(line)
    assert line.text() == SYNCING
    line.show_outcome(SyncOutcome(MORNING, error=error))
    assert line.text() == line.accessibleName() == said
    assert HUB in line.accessibleDescription()
    assert line.toolTip() == line.accessibleDescription()
