"""A sync that fails at any step, a reply that never came, an emptied hub, a trainee's own psql
writing into the hub: the next sync ends with every answer once everywhere, nothing lost."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy.exc import OperationalError

from imperfect_trainer.deck.storage.server_errors import ServerUnreachableError
from imperfect_trainer.deck.sync import (
    card_replay,
    downloads,
    hub_publication,
    hub_side,
    run,
    side_tables,
    stamping,
    stored_events,
)
from imperfect_trainer.deck.sync.clock import Hlc
from imperfect_trainer.deck.sync.event_ids import event_id
from tests.deck.sync.computers import (
    DAY,
    Computer,
    a_week_apart,
    assert_the_same_everywhere,
    gradable_cards,
    hub_events,
    trainee_of,
)
from tests.support.moments import MORNING
from tests.support.postgres import Programme

pytestmark = pytest.mark.postgres

END = MORNING + 8 * DAY


class KilledError(Exception):
    """Stands for the process ending at this point."""


def _fail_once(
    monkeypatch: pytest.MonkeyPatch, module: Any, name: str, *, after: bool
) -> list[int]:
    """``module.name`` fails on its first call (before doing anything, or after it has done
    its work and before its caller hears back); returns the count of failures made."""
    real: Callable[..., Any] = getattr(module, name)
    failed: list[int] = []

    def failing(*args: Any, **kwargs: Any) -> Any:
        if failed:
            return real(*args, **kwargs)
        failed.append(1)
        if after:
            real(*args, **kwargs)
        raise KilledError(name)

    monkeypatch.setattr(module, name, failing)
    return failed


# Each step of a sync, failing before or after its own work; a local step failing "before"
# is also a kill inside its transaction (nothing of it committed).
STEPS = [
    (stamping, "stamp_local_changes", False),
    (stamping, "stamp_local_changes", True),
    (hub_side, "look", False),
    (side_tables, "note_epoch", False),
    (hub_side, "upload", False),
    (hub_side, "upload", True),
    (stored_events, "mark_uploaded", True),
    (hub_side, "download", False),
    (downloads, "stage_events", False),
    (downloads, "stage_events", True),
    (downloads, "merge_staged", False),
    (card_replay, "replay_cards", True),
    (downloads, "merge_staged", True),
    (hub_publication, "publish", False),
    (hub_publication, "publish", True),
    (side_tables, "note_synced", False),
]


@pytest.mark.parametrize(
    ("module", "name", "after"),
    STEPS,
    ids=[f"{name}-{'after' if after else 'before'}" for _, name, after in STEPS],
)
def test_a_sync_that_fails_at_any_step_completes_next_time_with_nothing_twice(
    programme: Programme,
    two_computers: tuple[Computer, Computer],
    monkeypatch: pytest.MonkeyPatch,
    module: Any,
    name: str,
    after: bool,
) -> None:
    laptop, clinic = two_computers
    given = a_week_apart(laptop, clinic)
    laptop.sync(END)
    failed = _fail_once(monkeypatch, module, name, after=after)

    with pytest.raises(KilledError):
        clinic.sync(END)
    assert failed == [1]
    for side in (clinic, laptop, clinic, laptop):
        side.sync(END + DAY)

    assert_the_same_everywhere(laptop, clinic, given)
    on_hub = hub_events(programme, trainee_of(laptop))
    assert len(on_hub) == len(set(on_hub))
    assert sorted(i for i, kind in on_hub if kind == "answer") == laptop.answer_events()


def test_an_upload_whose_reply_was_lost_is_not_written_twice(
    programme: Programme, two_computers: tuple[Computer, Computer], monkeypatch: pytest.MonkeyPatch
) -> None:
    laptop, _ = two_computers
    for card_id in gradable_cards(laptop.store, MORNING, 5):
        laptop.answer(card_id, 4, MORNING)
    real = hub_side._upload_once

    def committed_then_lost(*args: Any) -> int:
        real(*args)
        raise OperationalError(
            "COMMIT", None, _LostError("server closed the connection unexpectedly")
        )

    monkeypatch.setattr(hub_side, "_upload_once", committed_then_lost)
    with pytest.raises(ServerUnreachableError):
        laptop.sync(MORNING)
    on_hub = hub_events(programme, trainee_of(laptop))
    monkeypatch.undo()

    retried = laptop.sync(MORNING)

    assert len(on_hub) == 5
    assert retried.sent == 0
    assert hub_events(programme, trainee_of(laptop)) == on_hub


class _LostError(Exception):
    sqlstate = None


def test_an_emptied_hub_is_found_and_filled_again_and_nothing_here_is_deleted(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    laptop, clinic = two_computers
    given = a_week_apart(laptop, clinic)
    for side in (laptop, clinic, laptop):
        side.sync(END)
    before = (laptop.answer_events(), laptop.schedules(), laptop.texts())
    on_hub = hub_events(programme, trainee_of(laptop))
    with programme.connect(programme.owner) as owner:
        owner.execute("TRUNCATE hub_events")

    refilled = laptop.sync(END + DAY)
    clinic.sync(END + DAY)

    assert refilled.refilled is not None
    assert "holds 0 of the" in refilled.refilled
    assert (laptop.answer_events(), laptop.schedules(), laptop.texts()) == before
    assert hub_events(programme, trainee_of(laptop)) == on_hub
    assert_the_same_everywhere(laptop, clinic, given)


def test_a_trainees_own_psql_cannot_write_another_persons_events(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    import psycopg

    laptop, _ = two_computers
    laptop.answer(gradable_cards(laptop.store, MORNING, 1)[0], 4, MORNING)
    laptop.sync(MORNING)
    victim = trainee_of(laptop)
    intruder = programme.new_trainee()
    row = _event_row(owner=victim)

    with programme.connect(intruder) as connection:
        with pytest.raises(psycopg.errors.InsufficientPrivilege, match="row-level security"):
            connection.execute(_INSERT_WITH_OWNER, row)
        assert connection.execute("SELECT count(*) FROM hub_events").fetchone() == (0,)
        for statement in (
            "UPDATE hub_events SET kind = 'undo'",
            "DELETE FROM hub_events",
            "TRUNCATE hub_events",
            "LOCK TABLE hub_events IN SHARE ROW EXCLUSIVE MODE",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege), connection.transaction():
                connection.execute(statement)

    assert laptop.sync(MORNING).received == 0
    assert len(hub_events(programme, victim)) == 1


def test_garbage_a_trainee_writes_into_their_own_events_is_left_out_of_the_merge(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    laptop, clinic = two_computers
    card_id = gradable_cards(laptop.store, MORNING, 1)[0]
    laptop.answer(card_id, 4, MORNING)
    laptop.sync(MORNING)
    garbage = _event_row(payload={"grade": 99, "practice_day": "soon"}, subject=card_id)
    with programme.connect(trainee_of(laptop)) as connection:
        connection.execute(_INSERT, garbage[1:])

    report = clinic.sync(MORNING)

    assert report.unreadable == 1
    assert clinic.answers_logged() == 1
    assert clinic.schedules() == laptop.schedules()


_INSERT = (
    "INSERT INTO hub_events (position, event_id, device, hlc, kind, subject, payload)"
    " VALUES ((SELECT coalesce(max(position), 0) + 1 FROM hub_events), %s, %s, %s, 'answer',"
    " %s, %s)"
)
_INSERT_WITH_OWNER = (
    "INSERT INTO hub_events (owner, position, event_id, device, hlc, kind, subject, payload)"
    " VALUES (%s, 1000, %s, %s, %s, 'answer', %s, %s)"
)


def _event_row(
    *, owner: str = "", payload: dict[str, Any] | None = None, subject: str = "card"
) -> tuple[object, ...]:
    stamp = Hlc(int(dt.datetime(2026, 11, 23, tzinfo=dt.UTC).timestamp() * 1000))
    answer = payload or {
        "reviewed_at": "2026-11-23 07:30:00.000000",
        "practice_day": "2026-11-23",
        "grade": 5,
        "duration_ms": 1,
        "drill": False,
        "fresh_start": False,
    }
    return (
        owner,
        str(event_id(stamp, b"\x02" * 8)),
        "5b0f1c1e-7f1e-4b52-9f5e-3f1c2b7a9d10",
        stamp.text,
        subject,
        json.dumps(answer),
    )


def test_a_collection_never_joined_is_told_to_join_first(
    two_computers: tuple[Computer, Computer], tmp_path: Any, new_collection: Any
) -> None:
    import shutil

    from imperfect_trainer.deck.store import Store

    shutil.copytree(new_collection, tmp_path / "solo")
    with (
        Store.open(tmp_path / "solo", now=MORNING) as solo,
        pytest.raises(run.NotJoinedError, match="imperfect-trainer join"),
    ):
        run.sync(solo, MORNING)


def test_two_computers_syncing_at_the_same_moment_end_with_every_answer_once(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    import threading

    laptop, clinic = two_computers
    given = a_week_apart(laptop, clinic)
    start = threading.Barrier(2)
    failures: list[BaseException] = []

    def sync(side: Computer) -> None:
        start.wait(timeout=30)
        try:
            side.sync(END)
        except BaseException as error:
            failures.append(error)

    threads = [threading.Thread(target=sync, args=(side,)) for side in (laptop, clinic)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)
    assert failures == []
    for side in (laptop, clinic):
        side.sync(END + DAY)

    assert_the_same_everywhere(laptop, clinic, given)
    with programme.connect(trainee_of(laptop)) as connection:
        positions = [row[0] for row in connection.execute("SELECT position FROM hub_events")]
    assert sorted(positions) == list(range(1, len(positions) + 1))


def test_a_hub_restored_from_an_older_copy_is_filled_again_from_the_computers(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    laptop, clinic = two_computers
    given = a_week_apart(laptop, clinic)
    for side in (laptop, clinic, laptop):
        side.sync(END)
    trainee = trainee_of(laptop)
    # The server put back as it was before the clinic's computer synced.
    with programme.cluster.connect(database=programme.database) as admin:
        admin.execute(
            "DELETE FROM hub_events WHERE owner = %s AND position > (SELECT min(position) + 4"
            " FROM hub_events WHERE owner = %s AND device = (SELECT device FROM hub_events"
            " WHERE owner = %s ORDER BY position DESC LIMIT 1))",
            (trainee, trainee, trainee),
        )

    reports = [side.sync(END + DAY) for side in (clinic, laptop, clinic)]

    assert reports[0].refilled is not None
    assert_the_same_everywhere(laptop, clinic, given)
    on_hub = hub_events(programme, trainee)
    assert sorted(i for i, kind in on_hub if kind == "answer") == laptop.answer_events()


def test_a_hub_set_up_again_is_sent_everything_again(
    programme: Programme, two_computers: tuple[Computer, Computer]
) -> None:
    laptop, _ = two_computers
    for card_id in gradable_cards(laptop.store, MORNING, 3):
        laptop.answer(card_id, 4, MORNING)
    laptop.sync(MORNING)
    with programme.cluster.connect(database=programme.database) as admin:
        admin.execute("UPDATE hub_epoch SET epoch = gen_random_uuid()")

    report = laptop.sync(MORNING + DAY)

    assert report.refilled == "the programme's server was set up again"
    assert len(hub_events(programme, trainee_of(laptop))) == 3
    assert laptop.answers_logged() == 3
