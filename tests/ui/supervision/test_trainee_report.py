"""A supervisor's report on one trainee, on the test cluster: the period's practice and the
mastery per section, the goals the trainee shares and the journal entries of the period they
share, and nothing of what they keep or of what a supervisor is never shown."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from imperfect_trainer.deck.features import goals, journal
from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.features.report_data import trainee_report
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.supervision.report_html import report_html
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres

EARLIER = MORNING - dt.timedelta(days=40)


def _trainee(programme: Programme, folder: Path) -> str:
    """Practised 40 days ago and today; shares an old entry, one of today's two and one goal
    of two."""
    name = programme.new_trainee()
    with Store.open_server(programme.address(name), folder, now=EARLIER) as store:
        for when in (EARLIER, MORNING):
            for card in store.todays_practice(when).cards[:2]:
                store.answer(card.id, 5, now=when, duration_ms=90_000)
        for when, words, shared in (
            (EARLIER, "old and shared", True),
            (MORNING, "today", True),
            (MORNING, "kept to myself", False),
        ):
            journal.set_shared(store, journal.add_free_entry(store, words, when), shared)
        goal = goals.add_goal(store, "Leave on time", MORNING, striving=Striving.HEALTHY)
        goals.set_shared(store, goal, True)
        goals.add_goal(store, "A goal I keep", MORNING, striving=Striving.NEVER_ENOUGH)
    return name


def test_the_report_holds_what_the_trainee_shares_in_the_period(
    programme: Programme, tmp_path: Path
) -> None:
    trainee = _trainee(programme, tmp_path / "t")
    supervisor = programme.new_supervisor(trainee)
    today = MORNING.date()
    with Store.open_server(programme.address(supervisor), tmp_path / "s", now=MORNING) as store:
        report = trainee_report(store, trainee, today - dt.timedelta(days=29), today)
    assert report.trainee == trainee
    assert (report.days_practised, round(report.minutes)) == (1, 3)
    assert [entry.text for entry in report.journal] == ["today"]  # the old one is out of range
    assert [goal.text for goal in report.goals] == ["Leave on time"]
    assert sum(section.cards - section.new for section in report.sections) == 2

    shown = report_html(report)
    assert f"Supervision report: {trainee}" in shown
    assert "today" in shown
    assert "Leave on time" in shown
    for never in ("kept to myself", "A goal I keep", "old and shared", "Ideas still hard"):
        assert never not in shown
    assert "Answers given" not in shown  # not the supervisor's to read, so not guessed


def test_a_report_on_someone_not_supervised_is_empty(programme: Programme, tmp_path: Path) -> None:
    trainee = _trainee(programme, tmp_path / "t")
    stranger = programme.new_supervisor(programme.new_trainee())
    today = MORNING.date()
    with Store.open_server(programme.address(stranger), tmp_path / "s", now=MORNING) as store:
        report = trainee_report(store, trainee, today - dt.timedelta(days=29), today)
    assert (report.days_practised, report.journal, report.goals, report.sections) == (0, [], [], [])


def test_a_period_that_ends_before_it_starts_is_refused(
    programme: Programme, tmp_path: Path
) -> None:
    supervisor = programme.new_supervisor(programme.new_trainee())
    today = MORNING.date()
    with (
        Store.open_server(programme.address(supervisor), tmp_path, now=MORNING) as store,
        pytest.raises(ValueError, match="ends"),
    ):
        trainee_report(store, "anyone", today, today - dt.timedelta(days=1))
