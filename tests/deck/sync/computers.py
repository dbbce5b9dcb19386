"""A trainee's computers for sync tests: each a local collection in its own folder, joined to
the test cluster's programme as that trainee, with what a test compares between them."""

from __future__ import annotations

import datetime as dt
import shutil
from dataclasses import dataclass
from pathlib import Path

from imperfect_trainer.deck.features import journal
from imperfect_trainer.deck.store import Store
from imperfect_trainer.deck.sync import run, versioned_rows
from imperfect_trainer.deck.sync.clock import Hlc
from tests.support.moments import MORNING
from tests.support.postgres import Programme

HOUR = dt.timedelta(hours=1)
DAY = dt.timedelta(days=1)

Schedules = list[tuple[object, ...]]


@dataclass
class Computer:
    store: Store
    clock_offset: dt.timedelta = dt.timedelta()

    def now(self, moment: dt.datetime) -> dt.datetime:
        """``moment`` as this computer's (perhaps wrong) clock tells it."""
        return moment + self.clock_offset

    def sync(self, moment: dt.datetime) -> run.SyncReport:
        return run.sync(self.store, self.now(moment))

    def answer(self, card_id: str, grade: int, moment: dt.datetime) -> int:
        return self.store.answer(card_id, grade, now=self.now(moment)).review_id

    def write(self, text: str, moment: dt.datetime) -> int:
        return journal.add_free_entry(self.store, text, self.now(moment))

    def edit(self, old_text: str, text: str, moment: dt.datetime) -> None:
        (entry_id,) = [item.id for item in journal.entries(self.store) if item.text == old_text]
        journal.update_text(self.store, entry_id, text, self.now(moment))

    def answer_events(self) -> list[str]:
        """The event id of every answer in the log (sorted): each answer once, if no repeats."""
        rows = self._rows(
            "SELECT e.event_id FROM reviews AS r JOIN sync_events AS e ON e.review_id = r.id"
        )
        return sorted(str(row[0]) for row in rows)

    def answer_stamps(self, card_id: str) -> list[Hlc]:
        """The clock stamps of the card's answers in the log, in log order."""
        rows = self._rows(
            "SELECT e.hlc FROM reviews AS r JOIN sync_events AS e ON e.review_id = r.id"
            f" WHERE r.card_id = '{card_id}' ORDER BY r.id"
        )
        return [Hlc.parse(str(row[0])) for row in rows]

    def answers_logged(self) -> int:
        (count,) = self._rows("SELECT count(*) FROM reviews")[0]
        assert isinstance(count, int)
        return count

    def schedules(self) -> Schedules:
        return self._rows(
            "SELECT card_id, repetitions, easiness_hundredths, interval_days, due_day,"
            " last_review_day, introduced_day, review_count, lapses FROM card_states"
            " WHERE review_count > 0 ORDER BY card_id"
        )

    def texts(self) -> list[str]:
        return sorted(item.text for item in journal.entries(self.store))

    def kept_texts(self) -> list[str]:
        with self.store.statements() as connection:
            return sorted(text for _, text in versioned_rows.kept_texts(connection))

    def _rows(self, statement: str) -> list[tuple[object, ...]]:
        with self.store.file.engine.connect() as connection:
            return [tuple(row) for row in connection.exec_driver_sql(statement)]


def computer(
    template: Path,
    folder: Path,
    programme: Programme,
    trainee: str,
    moment: dt.datetime,
    clock_offset: dt.timedelta = dt.timedelta(),
) -> Computer:
    shutil.copytree(template, folder)
    store = Store.open(folder, now=moment + clock_offset)
    run.join(store, programme.cluster.url(trainee, programme.database))
    return Computer(store, clock_offset)


def hub_events(programme: Programme, trainee: str) -> list[tuple[str, str]]:
    """(event id, kind) of the trainee's events on the hub, as their own psql reads them."""
    with programme.connect(trainee) as connection:
        rows = connection.execute("SELECT event_id::text, kind FROM hub_events").fetchall()
    return sorted((str(identity), str(kind)) for identity, kind in rows)


def gradable_cards(store: Store, moment: dt.datetime, count: int) -> list[str]:
    cards = store.todays_practice(moment, limit=count * 3).cards
    return [card.id for card in cards if card.kind != "reflection"][:count]


def a_week_apart(laptop: Computer, clinic: Computer) -> int:
    """Both computers practise offline for a week, the same cards among them, and edit the
    same journal entry; returns how many answers were given in all."""
    cards = gradable_cards(laptop.store, MORNING, 6)
    laptop.write("Late again; I apologised twice.", MORNING)
    laptop.sync(MORNING)
    clinic.sync(MORNING)
    given = 0
    for day in range(7):
        moment = MORNING + day * DAY
        for position, card_id in enumerate(cards[: 3 + day % 3]):
            laptop.answer(card_id, 3 + (day + position) % 3, moment + HOUR)
            given += 1
            if position % 2 == 0:
                clinic.answer(card_id, 2 + (day * position) % 4, moment + 9 * HOUR)
                given += 1
    laptop.edit(
        "Late again; I apologised twice.", "Late again. One apology was enough.", MORNING + 2 * DAY
    )
    clinic.edit(
        "Late again; I apologised twice.",
        "Late again; the client was kind about it.",
        MORNING + 3 * DAY,
    )
    return given


def assert_the_same_everywhere(laptop: Computer, clinic: Computer, given: int) -> None:
    answers = laptop.answer_events()
    assert len(answers) == len(set(answers)) == given
    assert clinic.answer_events() == answers
    assert laptop.answers_logged() == clinic.answers_logged() == given
    assert clinic.schedules() == laptop.schedules()
    for side in (laptop, clinic):
        assert side.store.check().healthy, side.store.check().line()


def trainee_of(side: Computer) -> str:
    hub = run.joined_hub(side.store)
    assert hub is not None
    return hub.split("//", 1)[1].split("@", 1)[0]
