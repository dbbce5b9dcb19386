"""Chart scales read like a person would draw them: whole, round steps, never "1, 1, 1"."""

from __future__ import annotations

import pytest

from imperfect_trainer.ui.statistics.charts import value_scale


def test_a_few_seconds_of_practice_sit_on_a_five_minute_scale() -> None:
    scale = value_scale(0.03, at_least=5)
    assert (scale.top, scale.step) == (5, 1)
    assert scale.ticks == [0, 1, 2, 3, 4, 5]


@pytest.mark.parametrize("top", [0, 1, 3, 7, 14, 99, 130, 2400])
def test_every_tick_is_a_whole_round_number(top: float) -> None:
    scale = value_scale(top)
    assert scale.step in {1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}
    assert scale.top % scale.step == 0
    assert scale.top >= top
    assert scale.top / scale.step <= 5
