"""The store: answers committed and undoable exactly, the deck merged without losing history."""

from __future__ import annotations

import dataclasses
import datetime as dt
import sqlite3
import stat
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from alembic.config import Config
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import create_engine, update

from imperfect_trainer.deck.content.cards import CardContent, CardKind
from imperfect_trainer.deck.content.deck_file import Deck, builtin_deck
from imperfect_trainer.deck.features.browser import reset_progress
from imperfect_trainer.deck.storage.collection_file import DATABASE_NAME, MIGRATIONS
from imperfect_trainer.deck.storage.models import (
    HARD_EASINESS,
    HARD_LAPSES,
    SETTLED_DAYS,
    CardState,
)
from imperfect_trainer.deck.storage.store_errors import (
    DatabaseDamagedError,
    DatabaseTooNewError,
    SqliteTooOldError,
)
from imperfect_trainer.deck.store import SCHEMA_REVISION, Store
from tests.support.collection_rows import all_rows, fetch_rows, run_sql, store_rows
from tests.support.moments import MORNING

NEXT_MORNING = MORNING + dt.timedelta(days=1)


pytestmark = pytest.mark.both_backends


def _state_row(store: Store, card_id: str) -> dict[str, Any]:
    """The card's schedule row by column name, as SQLite holds it (days as ISO text), on
    either backend."""
    columns = list(CardState.__table__.columns.keys())
    rows = fetch_rows(
        store,
        f"SELECT {', '.join(columns)} FROM card_states WHERE card_id = :id",
        {"id": card_id},
    )
    assert len(rows) == 1
    values = (v.isoformat() if isinstance(v, dt.date) else v for v in rows[0])
    return dict(zip(columns, values, strict=True))


def _count(store: Store, table: str) -> int:
    return int(str(fetch_rows(store, f"SELECT count(*) FROM {table}")[0][0]))


def test_a_new_collection_holds_the_whole_builtin_deck(store: Store) -> None:
    practice = store.todays_practice(MORNING)
    assert store.stats(MORNING).cards == len(builtin_deck().cards)
    assert practice.due_count == 0
    assert practice.new_count == 8
    assert [card.is_new for card in practice.cards] == [True] * 8


def test_the_database_and_its_folder_are_private(store: Store, data_dir: Path) -> None:
    assert stat.S_IMODE(data_dir.stat().st_mode) == 0o700
    if store.on_server:
        backup = store.backup(MORNING)  # a server collection's only local file
        assert stat.S_IMODE(backup.stat().st_mode) == 0o600
        assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700
        return
    assert stat.S_IMODE((data_dir / DATABASE_NAME).stat().st_mode) == 0o600


def test_an_answer_is_on_disk_before_the_call_returns(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    result = store.answer(card.id, 5, now=MORNING, duration_ms=4200)
    # Read with a separate connection: what a crash right now would leave behind.
    row = _state_row(store, card.id)
    schedule = (
        row["repetitions"],
        row["easiness_hundredths"],
        row["interval_days"],
        row["due_day"],
    )
    assert schedule == (1, 260, 1, (MORNING.date() + dt.timedelta(days=1)).isoformat())
    assert result.due_day == MORNING.date() + dt.timedelta(days=1)
    assert _count(store, "reviews") == 1


def test_a_missed_card_comes_back_today_as_a_drill_that_leaves_the_schedule_alone(
    store: Store,
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    first = store.answer(card.id, 2, now=MORNING)
    assert not first.drill
    assert store.todays_practice(MORNING).drill_ids == [card.id]
    state_after_first = _state_row(store, card.id)

    repeat = store.answer(card.id, 3, now=MORNING + dt.timedelta(minutes=1))
    assert repeat.drill
    assert store.todays_practice(MORNING).drill_ids == [card.id]
    store.answer(card.id, 4, now=MORNING + dt.timedelta(minutes=2))
    assert store.todays_practice(MORNING).drill_ids == []
    # Drills change only the answer count, never the SM-2 state.
    after_drills = _state_row(store, card.id)
    assert after_drills == {
        **state_after_first,
        "review_count": state_after_first["review_count"] + 2,
    }


def test_undo_restores_the_state_the_log_and_the_journal_exactly(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 4, now=MORNING)
    before = _state_row(store, card.id)
    reviews_before = _count(store, "reviews")

    later = NEXT_MORNING + dt.timedelta(days=1)
    result = store.answer(card.id, 1, now=later, reflection="I froze, and that is allowed.")
    assert _count(store, "journal_entries") == 1
    assert _state_row(store, card.id) != before

    store.answers.undo(result.review_id)
    assert _state_row(store, card.id) == before
    assert _count(store, "reviews") == reviews_before
    assert _count(store, "journal_entries") == 0


def test_undoing_a_first_answer_makes_the_card_new_again(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    untouched = _state_row(store, card.id)
    result = store.answer(card.id, 5, now=MORNING)
    store.answers.undo(result.review_id)
    assert _state_row(store, card.id) == untouched
    assert store.todays_practice(MORNING).new_count == 8


def test_new_cards_stop_at_the_daily_limit(store: Store) -> None:
    for card in store.todays_practice(MORNING).cards:
        store.answer(card.id, 5, now=MORNING)
    assert store.todays_practice(MORNING).new_count == 0
    assert store.todays_practice(NEXT_MORNING).new_count == 8


def test_due_cards_come_most_overdue_first_then_hardest(store: Store) -> None:
    cards = store.todays_practice(MORNING).cards[:3]
    store.answer(cards[0].id, 5, now=MORNING)  # due the next day, easy
    store.answer(cards[1].id, 3, now=MORNING)  # due the next day, harder
    store.answer(cards[2].id, 5, now=MORNING - dt.timedelta(days=3))  # overdue longest
    later = store.todays_practice(MORNING + dt.timedelta(days=2))
    assert [card.id for card in later.cards[:3]] == [cards[2].id, cards[1].id, cards[0].id]


def test_a_long_break_still_offers_a_normal_practice(store: Store) -> None:
    for card in store.todays_practice(MORNING).cards:
        store.answer(card.id, 5, now=MORNING)
    after_a_month = store.todays_practice(MORNING + dt.timedelta(days=30))
    assert after_a_month.due_count == 8
    assert after_a_month.cards[0].id  # something to practise straight away


def test_the_day_rolls_over_at_four_in_the_morning(store: Store) -> None:
    late_evening = dt.datetime(2026, 11, 23, 23, 50, tzinfo=MORNING.tzinfo)
    after_midnight = late_evening + dt.timedelta(hours=3)
    assert store.practice_day(after_midnight) == late_evening.date()
    assert store.practice_day(after_midnight + dt.timedelta(hours=2)) == dt.date(2026, 11, 24)


def test_settings_persist_across_reopening(data_dir: Path) -> None:
    with Store.open(data_dir, now=MORNING) as store:
        store.set_setting("new_cards_per_day", 3)
    with Store.open(data_dir, now=MORNING) as store:
        assert store.setting("new_cards_per_day") == 3
        assert store.todays_practice(MORNING).new_count == 3


def _deck_with(deck: Deck, cards: tuple[CardContent, ...]) -> Deck:
    return dataclasses.replace(deck, cards=cards, fingerprint=deck.fingerprint + "-changed")


def test_a_new_app_version_merges_its_deck_without_losing_history(data_dir: Path) -> None:
    shipped = builtin_deck()
    with Store.open(data_dir, now=MORNING, deck=shipped) as store:
        kept, dropped = shipped.cards[0], shipped.cards[1]
        store.answer(kept.id, 5, now=MORNING)
        store.answer(dropped.id, 4, now=MORNING)

    reworded = dataclasses.replace(kept, back="Clearer wording of the same idea.")
    extra = dataclasses.replace(kept, id="reframe.a-brand-new-card", kind=CardKind.REFRAME)
    next_version = _deck_with(shipped, (reworded, extra, *shipped.cards[2:]))
    with Store.open(data_dir, now=NEXT_MORNING, deck=next_version) as store:
        assert store.last_merge.added == 1
        assert store.last_merge.updated == 1
        assert store.last_merge.retired == 1
        assert store.card(kept.id).back == "Clearer wording of the same idea."
        assert store.card(kept.id).state.repetitions == 1
        assert store.stats(NEXT_MORNING).cards == len(shipped.cards)
        assert store.stats(NEXT_MORNING).reviews == 2  # the retired card's answer is kept
        assert dropped.id not in {c.id for c in store.todays_practice(NEXT_MORNING).cards}


def test_an_unchanged_deck_is_not_merged_again(data_dir: Path) -> None:
    Store.open(data_dir, now=MORNING).close()
    with Store.open(data_dir, now=MORNING) as store:
        assert store.last_merge.added == store.last_merge.updated == 0


def test_a_file_that_is_not_a_database_is_refused_and_left_untouched(data_dir: Path) -> None:
    data_dir.mkdir()
    garbage = data_dir / DATABASE_NAME
    garbage.write_bytes(b"these are my notes, not a database" * 10)
    before = garbage.read_bytes()
    with pytest.raises(DatabaseDamagedError) as caught:
        Store.open(data_dir, now=MORNING)
    assert str(garbage) in str(caught.value)
    assert garbage.read_bytes() == before
    assert sorted(p.name for p in data_dir.iterdir()) == [DATABASE_NAME]


def test_an_empty_file_is_refused(data_dir: Path) -> None:
    data_dir.mkdir()
    (data_dir / DATABASE_NAME).write_bytes(b"")
    with pytest.raises(DatabaseDamagedError, match="empty"):
        Store.open(data_dir, now=MORNING)


def test_a_collection_from_a_newer_version_is_refused(data_dir: Path) -> None:
    Store.open(data_dir, now=MORNING).close()
    with sqlite3.connect(data_dir / DATABASE_NAME) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
    with pytest.raises(DatabaseTooNewError, match="newer version"):
        Store.open(data_dir, now=MORNING)


def test_the_code_knows_the_newest_migration() -> None:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from imperfect_trainer.deck.storage import migrations

    config = Config()
    config.set_main_option("script_location", str(Path(migrations.__file__).parent))
    assert ScriptDirectory.from_config(config).get_current_head() == SCHEMA_REVISION


def test_the_migrations_build_exactly_the_models_schema(store: Store) -> None:
    from alembic.autogenerate import compare_metadata
    from alembic.migration import MigrationContext
    from sqlalchemy import create_engine

    from imperfect_trainer.deck.storage.models import Base

    if store.on_server:
        pytest.skip("a programme's schema adds owner columns (tests/deck/storage/test_programme)")
    engine = create_engine(f"sqlite:///{store.path}")
    with engine.connect() as connection:
        differences = compare_metadata(MigrationContext.configure(connection), Base.metadata)
    engine.dispose()
    assert differences == []


def test_a_healthy_collection_passes_its_check(store: Store) -> None:
    report = store.check()
    assert report.healthy, report.line()
    assert "healthy" in report.line()


def test_the_check_finds_an_easiness_below_the_floor(store: Store) -> None:
    run_sql(
        store,
        "UPDATE card_states SET easiness_hundredths = 120"
        " WHERE card_id = (SELECT min(card_id) FROM card_states)",
    )
    report = store.check()
    assert not report.healthy
    assert "E-Factors below 1.3" in report.line()


def test_own_cards_are_added_after_the_builtin_deck_and_practised_as_new(store: Store) -> None:
    own = [
        CardContent(
            f"own.phrase-{n}", CardKind.REFRAME, "own", "My own cards", f"front {n}", "back", ()
        )
        for n in range(3)
    ]
    assert store.add_cards(own, MORNING) == 3
    assert store.stats(MORNING).cards == len(builtin_deck().cards) + 3
    assert store.card("own.phrase-2").front == "front 2"
    assert store.card("own.phrase-0").is_new


def _per_day(store: Store, query: str) -> list[tuple[Any, ...]]:
    return [(str(day), *rest) for day, *rest in fetch_rows(store, query)]


def test_the_per_day_totals_follow_every_change_to_the_log(store: Store) -> None:
    by_log = (
        "SELECT practice_day, count(*), sum(duration_ms) FROM reviews"
        " GROUP BY practice_day ORDER BY 1"
    )
    totals = "SELECT day, answers, duration_ms FROM practice_days ORDER BY 1"
    first, second = store.todays_practice(MORNING).cards[:2]
    store.answer(first.id, 5, now=MORNING, duration_ms=4000)
    undone = store.answer(second.id, 2, now=MORNING, duration_ms=3000)
    store.answer(second.id, 4, now=NEXT_MORNING, duration_ms=1000)
    assert _per_day(store, totals) == _per_day(store, by_log)
    store.answers.undo(undone.review_id)
    assert _per_day(store, totals) == _per_day(store, by_log)
    assert store.stats(NEXT_MORNING).reviews == 2
    assert store.stats(NEXT_MORNING).minutes_practised == pytest.approx(5000 / 60_000)
    run_sql(store, "DELETE FROM cards WHERE id = :id", {"id": first.id})  # a cascade
    assert _per_day(store, totals) == _per_day(store, by_log)


def _sections_counted_card_by_card(store: Store) -> dict[str, tuple[int, int, int, int]]:
    """Each section's active cards, new, settled and hard, counted here in Python."""
    counted: dict[str, tuple[int, int, int, int]] = {}
    rows = fetch_rows(
        store,
        "SELECT c.section, s.due_day, s.interval_days, s.easiness_hundredths, s.lapses"
        " FROM cards AS c JOIN card_states AS s ON s.card_id = c.id WHERE NOT c.retired",
    )
    for section, due_day, interval, easiness, lapses in rows:
        settled = interval >= SETTLED_DAYS
        hard = not settled and (easiness < HARD_EASINESS or lapses >= HARD_LAPSES)
        cards, new, settled_cards, hard_cards = counted.get(section, (0, 0, 0, 0))
        counted[section] = (
            cards + 1,
            new + (due_day is None),
            settled_cards + settled,
            hard_cards + hard,
        )
    return counted


def _sections_kept(store: Store) -> dict[str, tuple[int, int, int, int]]:
    rows = fetch_rows(store, "SELECT section, cards, new_cards, settled, hard FROM section_totals")
    return {section: tuple(counts) for section, *counts in rows}


def test_the_section_totals_follow_every_change_to_cards_and_schedules(store: Store) -> None:
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    own = [
        CardContent(f"fact.own-{i}", CardKind.FACT, "own", "Mine", "front", "back", ())
        for i in range(3)
    ]
    store.add_cards(own, MORNING)
    cards = store.todays_practice(MORNING).cards
    store.answer(cards[0].id, 5, now=MORNING)
    missed = store.answer(cards[1].id, 1, now=MORNING)
    store.answer(cards[2].id, 0, now=MORNING)
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    store.answers.undo(missed.review_id)
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    # Long settled, then hard: an interval past three weeks, then a low E-Factor.
    run_sql(
        store,
        "UPDATE card_states SET interval_days = 40, due_day = '2027-01-01'"
        " WHERE card_id = 'fact.own-0'",
    )
    run_sql(
        store,
        "UPDATE card_states SET easiness_hundredths = 140 WHERE card_id = :id",
        {"id": cards[2].id},
    )
    run_sql(store, "UPDATE cards SET section = 'Moved' WHERE id = 'fact.own-0'")
    run_sql(store, "UPDATE cards SET retired = TRUE WHERE id = 'fact.own-1'")
    run_sql(store, "UPDATE cards SET suspended = TRUE WHERE id = :id", {"id": cards[0].id})
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    assert _sections_kept(store)["Moved"] == (1, 0, 1, 0)
    run_sql(store, "UPDATE cards SET retired = FALSE WHERE id = 'fact.own-1'")
    run_sql(store, "DELETE FROM cards WHERE id IN ('fact.own-0', 'fact.own-2')")  # a cascade
    run_sql(store, "DELETE FROM card_states WHERE card_id = :id", {"id": cards[1].id})
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    assert "Moved" not in _sections_kept(store)  # a section left without cards goes
    reset_progress(store, [cards[0].id, cards[2].id])
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    # The repair gives the card without a schedule a new one, through the same triggers.
    assert store.safety.repair(NEXT_MORNING) == ["1 cards without a schedule"]
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    assert store.check().healthy


def test_the_check_finds_and_recounts_section_totals_out_of_step(store: Store) -> None:
    run_sql(
        store,
        "UPDATE section_totals SET settled = settled + 3 WHERE section = :section",
        {"section": builtin_deck().cards[0].section},
    )
    run_sql(
        store,
        "INSERT INTO section_totals (section, cards, new_cards, settled, hard)"
        " VALUES ('Gone', 2, 2, 0, 0)",
    )
    report = store.check()
    assert not report.healthy
    assert "2 sections whose statistics totals are out of step" in report.line()
    assert store.safety.repair(NEXT_MORNING) == ["2 sections' statistics totals counted again"]
    assert _sections_kept(store) == _sections_counted_card_by_card(store)
    assert store.check().healthy


def test_retired_and_suspended_cards_are_left_out_of_every_count(store: Store) -> None:
    own = [
        CardContent(f"fact.own-{i}", CardKind.FACT, "own", "Mine", "front", "back", ())
        for i in range(4)
    ]
    store.add_cards(own, MORNING)
    run_sql(store, "UPDATE card_states SET due_day = '2026-11-01'")
    run_sql(store, "UPDATE cards SET retired = TRUE WHERE id = 'fact.own-0'")
    run_sql(store, "UPDATE cards SET suspended = TRUE WHERE id = 'fact.own-1'")
    total = len(builtin_deck().cards) + 2
    assert store.todays_practice(MORNING).due_count == total
    assert store.stats(MORNING).due_today == total
    assert store.stats(MORNING).cards == total
    assert {"fact.own-0", "fact.own-1"}.isdisjoint(
        c.id for c in store.todays_practice(MORNING).cards
    )


def test_an_answer_is_flushed_to_disk_once_and_only_when_something_waits(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    if store.on_server:
        pytest.skip("the server's flush is tested in test_programme: no fsync of ours")
    synced: list[int] = []
    real_fsync = os.fsync

    def counting_fsync(descriptor: int) -> None:
        synced.append(descriptor)
        real_fsync(descriptor)

    monkeypatch.setattr(os, "fsync", counting_fsync)
    store.flush_to_disk()  # the merge of the built-in deck at opening
    synced.clear()
    store.flush_to_disk()
    assert synced == []  # nothing new to flush
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 5, now=MORNING)
    store.flush_to_disk()
    store.flush_to_disk()
    assert len(synced) == 1


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    # A grade, or None: a reflection written instead (with its text).
    steps=st.lists(
        st.tuples(st.one_of(st.none(), st.integers(0, 5)), st.integers(0, 2)),
        min_size=1,
        max_size=6,
    ),
    last_grade=st.one_of(st.none(), st.integers(0, 5)),
    reflection=st.sampled_from([None, "", "It went better than I feared."]),
)
def test_an_answer_and_its_undo_leave_every_row_as_it_was(
    store: Store,
    steps: list[tuple[int | None, int]],
    last_grade: int | None,
    reflection: str | None,
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    now = MORNING
    for grade, days_later in steps:
        now += dt.timedelta(days=days_later, minutes=1)
        store.answers.record(card.id, grade, now=now, reflection=_written(grade))
    before = store_rows(store)
    answered = store.answers.record(
        card.id, last_grade, now=now, reflection=reflection or _written(last_grade)
    )
    store.answers.undo(answered.review_id)
    assert store_rows(store) == before
    for review_id in _review_ids(store):
        store.answers.undo(review_id)  # back to the copied collection for the next example


def _written(grade: int | None) -> str | None:
    return "Both can be true at once." if grade is None else None


def test_the_check_replays_written_reflections_and_repairs_their_schedule(store: Store) -> None:
    card = next(c for c in store.todays_practice(MORNING).cards if c.kind is CardKind.REFLECTION)
    store.answer(card.id, 2, now=MORNING)  # graded, as before reflections had their ladder
    for days in (1, 8, 38):
        store.answers.record(card.id, None, now=MORNING + dt.timedelta(days=days), reflection="x")
    right = store.card(card.id)
    assert right.state.interval == 90
    assert store.check().healthy
    with store.unit_of_work() as session:
        session.execute(
            update(CardState).where(CardState.card_id == card.id).values(interval_days=6)
        )
    assert store.check().problems == ("1 schedules that their own answers do not lead to",)
    assert store.safety.repair(NEXT_MORNING) == ["1 schedules rebuilt from their answers"]
    assert store.card(card.id) == right


def test_the_check_finds_a_schedule_its_answers_do_not_lead_to_and_repair_rebuilds_it(
    store: Store,
) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 5, now=MORNING)
    store.answer(card.id, 4, now=NEXT_MORNING)
    right = store.card(card.id)
    with store.unit_of_work() as session:
        session.execute(
            update(CardState).where(CardState.card_id == card.id).values(interval_days=400)
        )
    report = store.check()
    assert report.problems == ("1 schedules that their own answers do not lead to",)
    assert store.safety.repair(NEXT_MORNING) == ["1 schedules rebuilt from their answers"]
    assert store.card(card.id) == right
    assert store.check().healthy


def test_a_card_started_fresh_after_its_answers_is_healthy(store: Store) -> None:
    card = store.todays_practice(MORNING).cards[0]
    store.answer(card.id, 5, now=MORNING)
    reset_progress(store, [card.id])
    assert store.check().healthy
    store.answer(card.id, 3, now=NEXT_MORNING)
    assert store.check().healthy


def test_upgrading_a_collection_with_answers_fills_the_per_day_totals(data_dir: Path) -> None:
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    engine = create_engine(f"sqlite:///{path}")
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        config.attributes["connection"] = connection
        command.upgrade(config, "0002")
        connection.exec_driver_sql(
            "INSERT INTO cards (id, kind, source, section, front, back, tags, origin, position,"
            " retired, suspended, created_at, updated_at) VALUES ('own.a', 'fact', 'own',"
            " 'Mine', 'Front', 'Back', '', 'own', 1, 0, 0, '2026-11-01 08:00:00',"
            " '2026-11-01 08:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
            " review_count, lapses) VALUES ('own.a', 0, 250, 0, 3, 0)"
        )
        for day, duration in (("2026-11-01", 4000), ("2026-11-01", 1000), ("2026-11-03", 500)):
            connection.exec_driver_sql(
                "INSERT INTO reviews (card_id, reviewed_at, practice_day, grade, duration_ms,"
                " drill, repetitions_before, easiness_before, interval_before,"
                " repetitions_after, easiness_after, interval_after)"
                f" VALUES ('own.a', '{day} 09:00:00', '{day}', 4, {duration}, 1, 0, 250, 0,"
                " 0, 250, 0)"
            )
    engine.dispose()
    with Store.open(data_dir, now=MORNING) as store:
        assert store.stats(MORNING).reviews == 3
        assert store.stats(MORNING).days_practised == 2
        assert store.stats(MORNING).minutes_practised == pytest.approx(5500 / 60_000)
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT * FROM practice_days ORDER BY day").fetchall() == [
            ("2026-11-01", 2, 5000),
            ("2026-11-03", 1, 500),
        ]
    raw.close()


def _schema_of_reviews(path: Path) -> dict[str, list[str]]:
    with sqlite3.connect(path) as raw:
        rows = raw.execute(
            "SELECT type, name FROM sqlite_master WHERE tbl_name = 'reviews' AND sql IS NOT NULL"
        ).fetchall()
    raw.close()
    found: dict[str, list[str]] = {}
    for kind, name in rows:
        found.setdefault(kind, []).append(name)
    return {kind: sorted(names) for kind, names in found.items()}


def test_upgrading_to_written_reflections_keeps_every_answer_and_journal_link(
    data_dir: Path,
) -> None:
    data_dir.mkdir()
    path = data_dir / DATABASE_NAME
    engine = create_engine(f"sqlite:///{path}")
    engine_config = Config()
    engine_config.set_main_option("script_location", str(MIGRATIONS))
    with engine.begin() as connection:
        engine_config.attributes["connection"] = connection
        command.upgrade(engine_config, "0003")
        connection.exec_driver_sql(
            "INSERT INTO cards (id, kind, source, section, front, back, tags, origin, position,"
            " retired, suspended, created_at, updated_at) VALUES ('own.why', 'reflection',"
            " 'own', 'Mine', 'Why do I replay sessions?', 'Be curious.', '', 'own', 1, 0, 0,"
            " '2026-11-01 08:00:00', '2026-11-01 08:00:00')"
        )
        connection.exec_driver_sql(
            "INSERT INTO card_states (card_id, repetitions, easiness_hundredths, interval_days,"
            " due_day, last_review_day, introduced_day, review_count, lapses)"
            " VALUES ('own.why', 1, 218, 1, '2026-11-04', '2026-11-03', '2026-11-01', 2, 0)"
        )
        for day, grade, before, after in (
            ("2026-11-01", 2, "0, 250, 0, NULL", "0, 218, 1, '2026-11-02'"),
            ("2026-11-03", 4, "0, 218, 1, '2026-11-02'", "1, 218, 1, '2026-11-04'"),
        ):
            connection.exec_driver_sql(
                "INSERT INTO reviews (card_id, reviewed_at, practice_day, grade, duration_ms,"
                " drill, repetitions_before, easiness_before, interval_before, due_before,"
                " repetitions_after, easiness_after, interval_after, due_after)"
                f" VALUES ('own.why', '{day} 09:00:00', '{day}', {grade}, 1000, 0, {before},"
                f" {after})"
            )
        connection.exec_driver_sql(
            "INSERT INTO journal_entries (kind, card_id, review_id, practice_day, created_at,"
            " updated_at, text) VALUES ('reflection', 'own.why', 2, '2026-11-03',"
            " '2026-11-03 09:00:00', '2026-11-03 09:00:00', 'Fear of being found out.')"
        )
    engine.dispose()
    rows_before = all_rows(path)
    schema_before = _schema_of_reviews(path)

    with Store.open(data_dir, now=MORNING) as store:
        rows_after = all_rows(path)
        for table in ("reviews", "practice_days"):
            assert rows_after[table] == rows_before[table], table
        # Migration 0005 adds "Share with my supervisor" to each entry, unticked.
        entries = rows_after["journal_entries"]
        assert [row[:-1] for row in entries] == rows_before["journal_entries"]
        assert [row[-1] for row in entries] == [0]
        # Migration 0007 adds the day a reflection was set aside: none.
        own_state = [row for row in rows_after["card_states"] if row[0] == "own.why"]
        assert [row[:-1] for row in own_state] == rows_before["card_states"]
        assert [row[-1] for row in own_state] == [None]
        assert _schema_of_reviews(path) == schema_before  # indexes and 0003's triggers
        assert schema_before["trigger"] == [
            "practice_days_after_delete",
            "practice_days_after_insert",
            "practice_days_after_update",
        ]
        assert store.check().healthy
        written = store.answers.record("own.why", None, now=MORNING, reflection="Less now.")
        assert store.card("own.why").due_day == MORNING.date() + dt.timedelta(days=7)
        assert store.stats(MORNING).reviews == 3  # the per-day totals still follow the log
        store.answers.undo(written.review_id)
        store.answers.undo(2)  # the old link still leads to its journal entry, which goes too
    with sqlite3.connect(path) as raw:
        assert raw.execute("SELECT count(*) FROM journal_entries").fetchone() == (0,)
        assert raw.execute("SELECT answers FROM practice_days").fetchall() == [(1,)]
    raw.close()


def _review_ids(store: Store) -> list[int]:
    return [
        int(str(row[0])) for row in fetch_rows(store, "SELECT id FROM reviews ORDER BY id DESC")
    ]


def test_a_python_whose_sqlite_cannot_save_answers_is_refused_before_anything_is_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Debian 11's SQLite (3.34) has no RETURNING: each answer would fail as it was saved.
    monkeypatch.setattr(sqlite3, "sqlite_version_info", (3, 34, 1))
    monkeypatch.setattr(sqlite3, "sqlite_version", "3.34.1")

    with pytest.raises(SqliteTooOldError, match=r"SQLite is 3\.34\.1; answers need 3\.35\.0"):
        Store.open(tmp_path / "collection", now=MORNING)

    assert not (tmp_path / "collection").exists()
