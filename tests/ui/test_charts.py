"""Chart scales read like a person would draw them: whole, round steps, never "1, 1, 1"."""

from __future__ import annotations

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.ui.charts import _value_axis, palette

pytestmark = pytest.mark.gui


def test_a_few_seconds_of_practice_sit_on_a_five_minute_scale(qtbot: QtBot) -> None:
    axis = _value_axis(0.03, palette("light"), label_format="%.0f", at_least=5)
    assert (axis.min(), axis.max(), axis.tickInterval()) == (0, 5, 1)


@pytest.mark.parametrize("top", [0, 1, 3, 7, 14, 99, 130, 2400])
def test_every_tick_is_a_whole_round_number(qtbot: QtBot, top: float) -> None:
    axis = _value_axis(top, palette("dark"))
    step = axis.tickInterval()
    assert step in {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}
    assert axis.max() % step == 0
    assert axis.max() >= top
    assert axis.max() / step <= 5
