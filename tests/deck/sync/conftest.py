"""The two computers of one trainee that the sync tests start from."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.deck.sync.computers import Computer, computer
from tests.support.moments import MORNING
from tests.support.postgres import Programme


@pytest.fixture
def two_computers(
    programme: Programme, new_collection: Path, tmp_path: Path, request: pytest.FixtureRequest
) -> Iterator[tuple[Computer, Computer]]:
    """A trainee's laptop and the clinic's computer; the clinic's clock is off by the test's
    parameter (none by default)."""
    offset = getattr(request, "param", dt.timedelta())
    trainee = programme.new_trainee()
    laptop = computer(new_collection, tmp_path / "laptop", programme, trainee, MORNING)
    clinic = computer(new_collection, tmp_path / "clinic", programme, trainee, MORNING, offset)
    try:
        yield laptop, clinic
    finally:
        laptop.store.close()
        clinic.store.close()
