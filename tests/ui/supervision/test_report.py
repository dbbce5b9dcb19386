"""The supervision report: the period's numbers, goals, and only the journal entries ticked."""

from __future__ import annotations

import datetime as dt
import errno
import stat
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from imperfect_trainer.cli import main
from imperfect_trainer.deck.content.cards import CardKind
from imperfect_trainer.deck.features import goals, journal
from imperfect_trainer.deck.features.report_data import gather_report, journal_choices
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.storage import private_files
from imperfect_trainer.deck.store import Store
from imperfect_trainer.ui.supervision.report_html import report_html
from imperfect_trainer.ui.supervision.report_pdf import write_report_pdf
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends

SECRET = "Felt foolish when the session ran over"
# More cards than any practice in these tests holds: the loops below end or fail.
MOST_CARDS = 200


def _practise_with_reflection(store: Store) -> None:
    practice = Practice.start(store, MORNING)
    for _ in range(MOST_CARDS):
        if practice.current is None or practice.current_is_reflection:
            break
        practice.reveal()
        practice.grade(5, MORNING)
    assert practice.current_is_reflection
    practice.write_reflection(SECRET, MORNING)
    practice.end(MORNING)


def _add_goal(store: Store) -> None:
    goals.add_goal(
        store,
        "Stop rewriting my notes after every session",
        MORNING,
        striving=goals.Striving.NEVER_ENOUGH,
        discussed_in_supervision=True,
    )


def test_the_report_counts_the_period_and_shares_no_journal_by_default(store: Store) -> None:
    _practise_with_reflection(store)
    _add_goal(store)
    today = MORNING.date()
    report = gather_report(store, today - dt.timedelta(days=29), today)
    assert report.days_practised == 1
    assert report.cards_reviewed == report.answers == 2
    assert report.retention == 1.0  # the written reflection is no failed recall
    assert [goal.text for goal in report.goals] == ["Stop rewriting my notes after every session"]
    assert report.journal == []
    assert SECRET not in report_html(report)
    assert "Stop rewriting my notes" in report_html(report)
    assert "A standard that is never good enough" in report_html(report)


def test_a_ticked_journal_entry_is_included(store: Store) -> None:
    _practise_with_reflection(store)
    today = MORNING.date()
    (choice,) = journal_choices(store, today, today)
    report = gather_report(store, today, today, shared_journal=[choice.id])
    assert [entry.text for entry in report.journal] == [SECRET]
    assert SECRET in report_html(report)


def test_the_ideas_still_hard_are_those_answered_in_the_period_as_they_stood_at_its_end(
    store: Store,
) -> None:
    recall = [c for c in store.todays_practice(MORNING).cards if c.kind is not CardKind.REFLECTION]
    eased, missed, late, untouched = (card.id for card in recall[:4])
    days = {n: MORNING + dt.timedelta(days=n) for n in (-40, -39, -3, -2, -1, 0)}

    def missed_twice(card_id: str, first: int) -> None:
        # A miss, and a lapse the next day: an E-Factor below 2.0, the card hard.
        store.answer(card_id, 2, now=days[first])
        store.answer(card_id, 2, now=days[first + 1])

    missed_twice(untouched, -40)  # hard, but long before any period here
    missed_twice(eased, -3)
    missed_twice(missed, -3)
    store.answer(missed, 4, now=days[-2] + dt.timedelta(minutes=1))  # a repeat: not a recall
    missed_twice(late, -1)  # one miss yesterday is not hard yet; the lapse today makes it so
    store.answer(eased, 5, now=days[0])  # its latest answer: answered well
    store.answer(eased, 2, now=days[0] + dt.timedelta(minutes=1))  # a repeat: not a recall
    reflection = next(
        c for c in store.todays_practice(MORNING).cards if c.kind is CardKind.REFLECTION
    )
    for n in (-3, -2):
        store.answer(reflection.id, 1, now=days[n])  # graded before reflections had their ladder
    today = MORNING.date()

    def hard(first: int, last: int) -> set[str]:
        report = gather_report(
            store, today + dt.timedelta(days=first), today + dt.timedelta(days=last)
        )
        fronts = {idea.front for idea in report.hard_ideas}
        ids = (eased, missed, late, untouched, reflection.id)
        return {card_id for card_id in ids if store.card(card_id).front in fronts}

    assert hard(-6, 0) == {missed, late}
    assert hard(-6, -1) == {eased, missed}  # late was not hard yet, eased not answered well yet
    assert hard(-6, -4) == set()  # no answer in the period, whatever came after it
    assert hard(-41, -30) == {untouched}


def test_every_figure_comes_from_the_period_not_from_what_came_after(store: Store) -> None:
    """The issue's case: a period with no practice, and hard answers the day after it."""
    recall = [c for c in store.todays_practice(MORNING).cards if c.kind is not CardKind.REFLECTION]
    after = MORNING + dt.timedelta(days=1)
    for card in recall[:3]:
        store.answer(card.id, 1, now=MORNING, duration_ms=20_000)
        store.answer(card.id, 1, now=after, duration_ms=20_000)
    entry = journal.add_free_entry(store, "Written after the period", after)
    period = (MORNING.date() - dt.timedelta(days=2), MORNING.date() - dt.timedelta(days=1))
    report = gather_report(store, *period, shared_journal=[entry])
    assert (report.days_practised, report.minutes, report.answers) == (0, 0, 0)
    assert report.cards_reviewed == 0
    assert report.hard_ideas == []
    assert report.journal == []  # ticked, but not written in the period
    assert all(section.new == section.cards for section in report.sections)  # none met yet
    # The day of the answers: graded 1, their E-Factor below 2.0 at once.
    that_day = gather_report(store, MORNING.date(), MORNING.date())
    assert (that_day.days_practised, that_day.practice.time_words) == (1, "about 1 minute")
    assert {idea.front for idea in that_day.hard_ideas} == {card.front for card in recall[:3]}
    assert sum(s.cards - s.new for s in that_day.sections) == 3


def test_a_period_that_ends_before_it_starts_is_refused(store: Store) -> None:
    today = MORNING.date()
    with pytest.raises(ValueError, match="before it starts"):
        gather_report(store, today, today - dt.timedelta(days=1))


@pytest.mark.gui
def test_the_pdf_is_written_privately(store: Store, tmp_path: Path, qtbot: QtBot) -> None:
    _practise_with_reflection(store)
    today = MORNING.date()
    target = tmp_path / "exports" / "supervision.pdf"
    target.parent.mkdir()
    write_report_pdf(gather_report(store, today - dt.timedelta(days=6), today), target)
    assert target.read_bytes().startswith(b"%PDF")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert [p.name for p in target.parent.iterdir()] == ["supervision.pdf"]  # no leftovers


@pytest.mark.gui
def test_the_report_command_writes_a_pdf(
    data_dir: Path, tmp_path: Path, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "report.pdf"
    assert main(["--data-dir", str(data_dir), "report", str(target)]) == 0
    assert target.read_bytes().startswith(b"%PDF")
    assert "report written" in capsys.readouterr().out


def test_the_report_command_refuses_a_journal_entry_from_outside_the_period(
    data_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        entry = journal.add_free_entry(store, "Written on the 23rd", MORNING)
    target = tmp_path / "report.pdf"
    command = ["--data-dir", str(data_dir), "report", str(target), "--from", "2026-12-01"]
    assert main([*command, "--to", "2026-12-03", "--share-journal", str(entry)]) == 2
    assert capsys.readouterr().err.endswith(
        f"report --share-journal: no journal entry {entry} was written from 1 to 3 December "
        "2026; the period's entries are: none; nothing was written\n"
    )
    assert main([*command, "--to", "2026-11-30"]) == 2
    assert "before it starts" in capsys.readouterr().err
    assert not target.exists()


@pytest.mark.gui
def test_the_report_dialog_shares_only_the_ticked_entry(
    store: Store, tmp_path: Path, qtbot: QtBot
) -> None:
    from PySide6.QtCore import Qt

    from imperfect_trainer.ui.supervision.report_dialog import ReportDialog

    _practise_with_reflection(store)
    dialog = ReportDialog(store, MORNING.date())
    qtbot.addWidget(dialog)
    assert dialog.entries.count() == 1
    assert dialog.shared_ids() == []  # nothing shared unless ticked
    dialog.entries.item(0).setCheckState(Qt.CheckState.Checked)
    (choice,) = journal_choices(store, MORNING.date(), MORNING.date())
    assert dialog.shared_ids() == [choice.id]
    with qtbot.waitSignal(dialog.accepted):
        dialog.write_to(tmp_path / "report.pdf")
    assert (tmp_path / "report.pdf").read_bytes().startswith(b"%PDF")


@pytest.mark.gui
def test_the_report_never_replaces_a_folder_or_a_file_it_cannot_read(
    data_dir: Path, tmp_path: Path, qtbot: QtBot, capsys: pytest.CaptureFixture[str]
) -> None:
    target = tmp_path / "taken.pdf"
    target.mkdir()
    assert main(["--data-dir", str(data_dir), "report", str(target)]) == 1
    assert "is a folder" in capsys.readouterr().err
    assert target.is_dir()


@pytest.mark.gui
def test_the_report_dialog_says_when_no_journal_entries_fall_in_the_period(
    store: Store, qtbot: QtBot
) -> None:
    from PySide6.QtCore import QDate

    from imperfect_trainer.ui.supervision.report_dialog import ReportDialog

    _practise_with_reflection(store)
    dialog = ReportDialog(store, MORNING.date())
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.none_in_period.isVisible()
    dialog.last.setDate(QDate(2026, 11, 1))
    dialog.first.setDate(QDate(2026, 10, 1))
    assert dialog.none_in_period.isVisible()
    assert dialog.none_in_period.text() == (
        "No journal entries fall between 1 October 2026 and 1 November 2026: the report "
        "will have none."
    )
    assert not dialog.entries.isVisible()


@pytest.mark.gui
def test_a_report_on_a_full_disk_leaves_the_old_report_as_it_was(
    data_dir: Path,
    tmp_path: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    target = tmp_path / "report.pdf"
    assert main(["--data-dir", str(data_dir), "report", str(target)]) == 0
    capsys.readouterr()
    before = target.read_bytes()

    def disk_full(path: Path) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(private_files, "flush_file", disk_full)
    assert main(["--data-dir", str(data_dir), "report", str(target)]) == 1
    captured = capsys.readouterr()
    assert "No space left on device" in captured.err
    assert "report written" not in captured.out
    assert target.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["data", "report.pdf"]
