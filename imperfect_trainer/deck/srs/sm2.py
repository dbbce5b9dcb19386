"""SuperMemo 2, exactly as Wozniak described it in 1990, as a pure function.

``review(state, quality)`` takes the card's state and a grade and returns the next state; it knows
nothing of clocks or databases, so every rule below is checked by plain tests.

Wozniak's text leaves a few points open. We settle them like this, and why:

* **The E-Factor changes after every grade, failures included.**
  EF' = EF + (0.1 - (5-q) * (0.08 + (5-q) * 0.02)), never below 1.3. The formula is defined
  for q = 0..2 as well, and the text says to modify the E-Factor "after each repetition";
  skipping it for failures would let a card that is always forgotten keep an easy E-Factor.
* **An interval uses the E-Factor from before this grade.** Step 4 of the text (compute the
  interval) comes before step 5 (modify the E-Factor), so a grade shapes the *next* growth.
* **Intervals: 1 day after the first success, 6 after the second, then ceil(previous * EF).**
  The text rounds up; ceiling keeps an interval from ever shrinking on success.
* **A grade below 3 restarts the repetitions** (count 0, interval 1), keeping the lowered E-Factor.
* **Exact arithmetic.** Every E-Factor step is a whole number of hundredths, so the E-Factor is held
  as an integer count of hundredths and shown as a ``Decimal``. Floats drift: 2.5 reached by adding
  and subtracting 0.1 and 0.14 can become 2.5000000000000004, and ceil(6 * that) is 16, not 15.
* **The same-day rule** (grades below 4 come back until they reach 4) is a scheduling matter: drill
  repeats are logged but never passed through ``review``; see ``scheduling``.
* **No cap on the state.** The interval grows without bound here; only the due *date* is capped
  (``MAX_INTERVAL_DAYS``) so that calendar arithmetic cannot overflow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache

MIN_EASINESS_HUNDREDTHS = 130
START_EASINESS_HUNDREDTHS = 250
PASSING_QUALITY = 3
MAX_QUALITY = 5
FIRST_INTERVAL_DAYS = 1
SECOND_INTERVAL_DAYS = 6
# About a century: far beyond any practice, and well inside what ``datetime.date`` can add.
MAX_INTERVAL_DAYS = 36_500
# Bounds no history of answers can reach (10,000 perfect grades in a row; a wait of 2,700
# years). Imports and Check Database hold states to them, so that the arithmetic of the next
# answer always fits SQLite's 64-bit integers.
MAX_STATE_INTERVAL_DAYS = 1_000_000
MAX_EASINESS_HUNDREDTHS = 100_000
MAX_REPETITIONS = 1_000_000

_HUNDREDTH = Decimal("0.01")


def easiness_change_hundredths(quality: int) -> int:
    """The E-Factor step for a grade, in hundredths: 0.1 - (5-q)(0.08 + (5-q)0.02), times 100."""
    miss = MAX_QUALITY - quality
    return 10 - miss * (8 + miss * 2)


@dataclass(frozen=True, slots=True)
class Sm2State:
    """One card's SM-2 state. ``Sm2State()`` is a card never reviewed."""

    repetitions: int = 0
    easiness: Decimal = field(default=Decimal("2.5"))
    interval: int = 0
    # The E-Factor as the rules count it, worked out once (a sync replays a million answers).
    _hundredths: int = field(init=False, repr=False, compare=False, default=0)

    def __post_init__(self) -> None:
        easiness = Decimal(str(self.easiness))
        if easiness != easiness.quantize(_HUNDREDTH):
            raise ValueError(f"easiness must be a whole number of hundredths, got {self.easiness}")
        if easiness < Decimal(MIN_EASINESS_HUNDREDTHS) / 100:
            raise ValueError(f"easiness must be at least 1.3, got {self.easiness}")
        if self.repetitions < 0 or self.interval < 0:
            raise ValueError("repetitions and interval must not be negative")
        object.__setattr__(self, "easiness", easiness.quantize(_HUNDREDTH))
        object.__setattr__(self, "_hundredths", int(self.easiness * 100))

    @property
    def easiness_hundredths(self) -> int:
        return self._hundredths

    @classmethod
    def from_hundredths(cls, repetitions: int, easiness_hundredths: int, interval: int) -> Sm2State:
        return _state(repetitions, easiness_hundredths, interval)


# States are values: the few thousand a collection's cards share are made (and checked) once,
# not three times per answer when a sync replays a million of them.
@lru_cache(maxsize=65_536, typed=True)
def _state(repetitions: int, easiness_hundredths: int, interval: int) -> Sm2State:
    return Sm2State(repetitions, Decimal(easiness_hundredths) / 100, interval)


def review(state: Sm2State, quality: int) -> Sm2State:
    """The state after grading the card ``quality`` (0 = blackout ... 5 = perfect recall)."""
    if isinstance(quality, bool) or not isinstance(quality, int):
        raise TypeError(f"quality must be an int from 0 to 5, got {quality!r}")
    if not 0 <= quality <= MAX_QUALITY:
        raise ValueError(f"quality must be from 0 to 5, got {quality}")

    old_easiness = state.easiness_hundredths
    new_easiness = max(MIN_EASINESS_HUNDREDTHS, old_easiness + easiness_change_hundredths(quality))

    if quality < PASSING_QUALITY:
        return Sm2State.from_hundredths(0, new_easiness, FIRST_INTERVAL_DAYS)

    repetitions = state.repetitions + 1
    if repetitions == 1:
        interval = FIRST_INTERVAL_DAYS
    elif repetitions == 2:
        interval = SECOND_INTERVAL_DAYS
    else:
        interval = _ceil_div(state.interval * old_easiness, 100)
    return Sm2State.from_hundredths(repetitions, new_easiness, interval)


def due_in_days(state: Sm2State) -> int:
    """Days from the review to the next one, capped so the due date stays a valid date."""
    return min(state.interval, MAX_INTERVAL_DAYS)


def _ceil_div(numerator: int, denominator: int) -> int:
    return -(-numerator // denominator)
