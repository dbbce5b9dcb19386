"""The text of an entry written apart, as the Journal reads it after a real sync: shown on both
computers, saying on which it was written; added to the entry on one, it reaches the other
inside the entry and is shown on neither, while both keep the copy the sync kept; done with on
one, it is shown on the other no more after that one's next sync."""

from __future__ import annotations

import datetime as dt

import pytest

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.features.journal import JournalItem
from imperfect_trainer.deck.sync import texts_apart
from tests.deck.sync.computers import Computer, a_week_apart
from tests.support.moments import MORNING

pytestmark = pytest.mark.postgres

DAY = dt.timedelta(days=1)
LAPTOPS = "Late again. One apology was enough."
CLINICS = "Late again; the client was kind about it."


def _the_entry(side: Computer) -> JournalItem:
    (item,) = [item for item in journal.entries(side.store) if item.text.startswith("Late again")]
    return item


def test_a_text_added_on_one_computer_reaches_the_other_and_is_shown_on_neither(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    a_week_apart(laptop, clinic)
    end = MORNING + 8 * DAY
    for side in (laptop, clinic, laptop):
        side.sync(end)
    # The clinic's later edit won; the laptop's own text is kept beside it on both.
    for side, here in ((laptop, True), (clinic, False)):
        item = _the_entry(side)
        assert item.text == CLINICS
        assert [(other.text, other.here) for other in item.written_apart] == [(LAPTOPS, here)]

    key = _the_entry(clinic).written_apart[0].key
    text = journal.add_text_apart(clinic.store, _the_entry(clinic).id, key, clinic.now(end))
    assert text == f"{CLINICS}\n\n{LAPTOPS}"
    for side in (clinic, laptop):
        side.sync(end + DAY)

    for side in (laptop, clinic):
        item = _the_entry(side)
        assert item.text == f"{CLINICS}\n\n{LAPTOPS}"
        assert item.written_apart == ()
        assert side.kept_texts() == [LAPTOPS]


def test_done_with_on_one_computer_is_done_with_on_the_other_after_its_sync(
    two_computers: tuple[Computer, Computer],
) -> None:
    laptop, clinic = two_computers
    a_week_apart(laptop, clinic)
    end = MORNING + 8 * DAY
    for side in (laptop, clinic, laptop):
        side.sync(end)

    texts_apart.done_with(laptop.store, _the_entry(laptop).written_apart[0].key)
    laptop.sync(end + DAY)
    # Until the clinic's computer syncs, it still shows it.
    assert [other.text for other in _the_entry(clinic).written_apart] == [LAPTOPS]
    report = clinic.sync(end + DAY)

    assert _the_entry(laptop).written_apart == _the_entry(clinic).written_apart == ()
    # Told once: the next syncs send nothing more of it either way.
    assert report.sent == 0
    assert laptop.sync(end + 2 * DAY).sent == 0
    # Done with is not deleted: the text stays where the sync kept it, on both.
    assert laptop.kept_texts() == clinic.kept_texts() == [LAPTOPS]
    assert _the_entry(laptop).text == _the_entry(clinic).text == CLINICS
