"""Faults of a programme's server, met for real on the test cluster: stopped and restarted in the
middle of a practice, connections dropped, a wrong or missing password. Every answer announced
is kept; one that could not be saved raises a ``StoreError`` naming the server, leaves nothing
half-written, and the same card is still in hand to try again."""

from __future__ import annotations

import datetime as dt
import json
import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from imperfect_trainer.cli import main
from imperfect_trainer.deck.practice.session import Practice
from imperfect_trainer.deck.storage.server_errors import (
    ServerEndedSessionError,
    ServerLoginError,
    ServerTlsError,
    ServerUnreachableError,
    error_from_postgres,
)
from imperfect_trainer.deck.storage.store_errors import StoreError
from imperfect_trainer.deck.store import Store
from tests.support.collection_rows import fetch_rows, run_sql, store_rows
from tests.support.moments import MORNING
from tests.support.postgres import Cluster, Programme, make_programme

pytestmark = pytest.mark.postgres


@pytest.fixture
def stopped_later(programme: Programme) -> Iterator[Programme]:
    """The cluster is running again after the test, whatever the test did to it."""
    yield programme
    try:
        with programme.cluster.connect():
            return
    except Exception:
        programme.cluster.start()


def _logged(store: Store) -> list[tuple[str, int]]:
    return [(str(c), int(g)) for c, g in fetch_rows(store, "SELECT card_id, grade FROM reviews")]


def test_a_server_stopped_mid_practice_loses_no_announced_answer(
    stopped_later: Programme, tmp_path: Path
) -> None:
    programme = stopped_later
    address = programme.address(programme.new_trainee())
    with Store.open_server(address, tmp_path, now=MORNING) as store:
        # Recall cards only: a reflection is written, not graded (its own tests elsewhere).
        run_sql(store, "UPDATE cards SET suspended = true WHERE kind = 'reflection'")
        practice = Practice.start(store, MORNING)
        moment = MORNING
        announced = []
        for grade in (4, 5):
            assert practice.current is not None
            announced.append((practice.current.id, grade))
            moment += dt.timedelta(seconds=20)
            practice.reveal()
            practice.grade(grade, moment)
        assert practice.current is not None
        in_hand = practice.current.id

        programme.cluster.stop()
        practice.reveal()
        with pytest.raises(ServerUnreachableError) as raised:
            practice.grade(3, moment + dt.timedelta(seconds=20))
        assert address.where in str(raised.value)
        assert practice.current is not None
        assert practice.current.id == in_hand  # the same card, to answer again

        programme.cluster.start()
        practice.reveal()
        practice.grade(3, moment + dt.timedelta(seconds=40))
        assert _logged(store) == [*announced, (in_hand, 3)]
        assert store.check().healthy


def test_a_restart_between_answers_is_not_even_noticed(
    stopped_later: Programme, tmp_path: Path
) -> None:
    programme = stopped_later
    with Store.open_server(
        programme.address(programme.new_trainee()), tmp_path, now=MORNING
    ) as store:
        first, second = store.todays_practice(MORNING).cards[:2]
        store.answer(first.id, 4, now=MORNING)
        programme.cluster.stop()
        programme.cluster.start()
        store.answer(second.id, 5, now=MORNING)  # the pool checks its connection first
        assert _logged(store) == [(first.id, 4), (second.id, 5)]


def test_a_dropped_connection_is_replaced(programme: Programme, tmp_path: Path) -> None:
    name = programme.new_trainee()
    with Store.open_server(programme.address(name), tmp_path, now=MORNING) as store:
        first, second = store.todays_practice(MORNING).cards[:2]
        store.answer(first.id, 4, now=MORNING)
        with programme.cluster.connect() as admin:
            # Waits until each session has ended (a drop racing the check is the next test).
            dropped = admin.execute(
                "SELECT count(*), bool_and(pg_terminate_backend(pid, 10000))"
                " FROM pg_stat_activity WHERE usename = %s",
                (name,),
            ).fetchone()
        assert dropped is not None
        assert dropped[0] >= 1
        assert dropped[1] is True
        store.answer(second.id, 2, now=MORNING)
        assert _logged(store) == [(first.id, 4), (second.id, 2)]


def test_a_connection_dropped_as_it_was_checked_is_replaced_before_the_answer_is_written(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imperfect_trainer.deck.storage import postgres_collection

    def stale_without_the_socket_check(connection: Any) -> bool:
        # The server's goodbye arrives only after the idle connection was checked.
        return connection is None or bool(connection.closed or connection.broken)

    name = programme.new_trainee()
    with Store.open_server(programme.address(name), tmp_path, now=MORNING) as store:
        first, second = store.todays_practice(MORNING).cards[:2]
        store.answer(first.id, 4, now=MORNING, reflection="steady")
        monkeypatch.setattr(postgres_collection, "_stale", stale_without_the_socket_check)
        with programme.cluster.connect() as admin:
            admin.execute(
                "SELECT pg_terminate_backend(pid, 10000) FROM pg_stat_activity WHERE usename = %s",
                (name,),
            )
        store.answer(second.id, 2, now=MORNING, reflection="shaky")
        assert _logged(store) == [(first.id, 4), (second.id, 2)]
        entries = fetch_rows(store, "SELECT text FROM journal_entries ORDER BY id")
        assert entries == [("steady",), ("shaky",)]


# A network of its own: root needs no user namespace (in one it could not open the cluster's
# socket, owned by the user that runs the cluster); anyone else gets one, mapped to root.
_OWN_NETWORK = ["unshare", "-n"] if os.geteuid() == 0 else ["unshare", "-rn"]


def _has_a_network_of_its_own() -> bool:
    if shutil.which("unshare") is None or shutil.which("ip") is None:
        return False
    tried = subprocess.run(
        [*_OWN_NETWORK, "ip", "link", "set", "lo", "up"], capture_output=True, check=False
    )
    return tried.returncode == 0


@pytest.mark.skipif(not _has_a_network_of_its_own(), reason="needs a network namespace")
def test_a_network_gone_mid_practice_fails_the_answer_instead_of_freezing(
    programme: Programme, tmp_path: Path
) -> None:
    name = programme.new_trainee()
    child = [sys.executable, "-m", "tests.support.network_drop"]
    arguments = [str(programme.cluster.socket_dir), name, programme.database, str(tmp_path)]
    try:
        ran = subprocess.run(
            [*_OWN_NETWORK, *child, *arguments],
            capture_output=True,
            text=True,
            check=True,
            cwd=Path(__file__).resolve().parents[3],
            # Without timeouts of its own, the answer waits for TCP to give up (15 minutes).
            timeout=120,
        )
    except subprocess.TimeoutExpired:
        pytest.fail("an answer was still waiting two minutes after the network went away")
    outcome = json.loads(ran.stdout)
    assert "ServerUnreachableError" in outcome["raised"]
    assert "check your network" in outcome["said"]
    assert name in outcome["said"]
    # Nothing was lost or doubled: the answer given again once the network was back is kept.
    assert outcome["logged"] == outcome["expected"]


def test_the_command_line_says_the_server_is_down_without_a_traceback(
    stopped_later: Programme, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    programme = stopped_later
    url = programme.cluster.url(programme.new_trainee(), programme.database)
    programme.cluster.stop()
    assert main(["--data-dir", str(tmp_path), "--database", url, "stats"]) == 2
    err = capsys.readouterr().err
    assert "cannot be reached" in err
    assert "server is running" in err
    assert "Traceback" not in err


@pytest.fixture
def password_login(programme: Programme) -> str:
    """A login the cluster lets in with its password only (scram), as on a real server."""
    name = f"pw_{os.getpid()}"
    hba = programme.cluster.folder / "data" / "pg_hba.conf"
    rule = f"local all {name} scram-sha-256\n"
    with programme.cluster.connect() as admin:
        if rule not in hba.read_text():
            hba.write_text(rule + hba.read_text())
            admin.execute("SELECT pg_reload_conf()")
    with programme.cluster.connect(database=programme.database) as admin:
        admin.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{name}')"
            f" THEN CREATE ROLE {name} LOGIN PASSWORD 'right horse battery';"
            f" GRANT imperfect_trainer_people TO {name}; END IF; END $$"
        )
    return name


def test_a_wrong_or_missing_password_is_told_apart_from_a_server_down(
    programme: Programme,
    password_login: str,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PGPASSFILE", str(tmp_path / "no-pgpass"))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    address = programme.address(password_login)
    with pytest.raises(ServerLoginError, match="none was found"):
        Store.open_server(address, tmp_path / "a", now=MORNING)
    monkeypatch.setenv("PGPASSWORD", "wrong")
    with pytest.raises(ServerLoginError, match="did not accept the password"):
        Store.open_server(address, tmp_path / "b", now=MORNING)


def test_the_password_comes_from_pgpass(
    programme: Programme, password_login: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pgpass = tmp_path / "pgpass"
    pgpass.write_text(f"*:*:{programme.database}:{password_login}:right horse battery\n")
    pgpass.chmod(0o600)
    monkeypatch.setenv("PGPASSFILE", str(pgpass))
    monkeypatch.delenv("PGPASSWORD", raising=False)
    with Store.open_server(
        programme.address(password_login), tmp_path / "data", now=MORNING
    ) as store:
        assert store.stats(MORNING).cards > 0


class _LibpqError(Exception):
    """What psycopg raises before a session exists: no SQLSTATE, libpq's words."""

    sqlstate = None


@pytest.mark.parametrize(
    ("words", "kind", "says"),
    [
        (
            'could not translate host name "db.example.org" to address: Name or service not known',
            ServerUnreachableError,
            "cannot be found",
        ),
        (
            'connection to server at "db.example.org" (192.0.2.1), port 5432 failed: '
            'FATAL:  no pg_hba.conf entry for host "192.0.2.7", user "ada", database '
            '"trainer", no encryption',
            ServerTlsError,
            "without encryption",
        ),
        ("server does not support SSL, but SSL was required", ServerTlsError, "encryption"),
        (
            'connection to server at "db.example.org", port 5432 failed: Connection refused',
            ServerUnreachableError,
            "cannot be reached",
        ),
    ],
)
def test_faults_before_a_session_are_named(words: str, kind: type[StoreError], says: str) -> None:
    error = error_from_postgres("ada@db.example.org/trainer", _LibpqError(words))
    assert isinstance(error, kind)
    assert says in str(error)
    assert str(error).startswith("ada@db.example.org/trainer: ")


class _ServerError(Exception):
    """What psycopg raises for an error the server sent: its SQLSTATE and message."""

    def __init__(self, sqlstate: str, message: str) -> None:
        super().__init__(message)
        self.sqlstate = sqlstate


@pytest.mark.parametrize(
    ("error", "ended"),
    [
        (_ServerError("57P01", "terminating connection due to administrator command"), True),
        (_LibpqError("server closed the connection unexpectedly"), True),
        (_LibpqError("could not receive data from server: Connection timed out"), False),
        (_LibpqError("connection to server at 10.0.0.5 failed: timeout expired"), False),
    ],
)
def test_a_connection_the_server_ended_is_told_from_a_network_gone_quiet(
    error: Exception, ended: bool
) -> None:
    # Only the first is worth a new connection at once (AnswerLog reads again after it).
    told = error_from_postgres("ada@db.example.org/trainer", error)
    assert isinstance(told, ServerUnreachableError)
    assert isinstance(told, ServerEndedSessionError) is ended
    assert "check your network" in str(told)


def test_a_connection_lost_inside_an_answer_leaves_nothing_half_written(
    postgres_cluster: Cluster, tmp_path: Path
) -> None:
    programme = make_programme(postgres_cluster, "trainer_drop")
    name = programme.new_trainee()
    with Store.open_server(programme.address(name), tmp_path, now=MORNING) as store:
        card = store.todays_practice(MORNING).cards[0]
        before = store_rows(store)
        # The server drops the session after the schedule is written, before the log row.
        with postgres_cluster.connect(database=programme.database) as admin:
            admin.execute(
                "CREATE FUNCTION drop_me() RETURNS trigger LANGUAGE plpgsql AS $$"
                " BEGIN PERFORM pg_terminate_backend(pg_backend_pid()); RETURN NEW; END $$"
            )
            admin.execute(
                "CREATE TRIGGER drop_me BEFORE INSERT ON reviews"
                " FOR EACH ROW EXECUTE FUNCTION drop_me()"
            )
        with pytest.raises(ServerUnreachableError):
            store.answer(card.id, 5, now=MORNING, reflection="half of me")
        with postgres_cluster.connect(database=programme.database) as admin:
            admin.execute("DROP TRIGGER drop_me ON reviews")
        assert store_rows(store) == before
        store.answer(card.id, 5, now=MORNING, reflection="all of me")
        assert _logged(store) == [(card.id, 5)]


def test_an_answer_given_meanwhile_in_another_session_is_built_on_not_overwritten(
    programme: Programme, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from imperfect_trainer.deck.practice import answer_log
    from imperfect_trainer.deck.srs.answer_rules import decide_answer as decide

    name = programme.new_trainee()
    decisions = 0

    def decide_while_another_session_answers(*args: object, **kwargs: object) -> object:
        # Between this session's read and its write, the person's other device answers.
        nonlocal decisions
        decisions += 1
        if decisions == 1:
            with programme.connect(name) as elsewhere:
                elsewhere.execute(
                    "UPDATE card_states SET review_count = review_count + 5 WHERE card_id = %s",
                    (card.id,),
                )
        return decide(*args, **kwargs)  # type: ignore[arg-type]

    with Store.open_server(programme.address(name), tmp_path, now=MORNING) as store:
        card = store.todays_practice(MORNING).cards[0]
        monkeypatch.setattr(answer_log, "decide_answer", decide_while_another_session_answers)
        store.answer(card.id, 4, now=MORNING)
        assert decisions == 2  # read again, decided again
        assert _logged(store) == [(card.id, 4)]
        counts = fetch_rows(
            store, "SELECT review_count FROM card_states WHERE card_id = :id", {"id": card.id}
        )
        assert counts == [(6,)]  # the other session's five, and this answer


def test_an_answer_whose_reply_was_lost_is_found_done_and_logged_once(
    programme: Programme, tmp_path: Path
) -> None:
    from imperfect_trainer.deck.storage.server_address import server_address
    from tests.support.lost_reply import LostReplyProxy

    name = programme.new_trainee()
    with LostReplyProxy(programme.cluster.socket_dir, tmp_path / "proxy") as proxy:
        address = server_address(f"postgresql://{name}@/{programme.database}?host={proxy.folder}")
        with Store.open_server(address, tmp_path / "data", now=MORNING) as store:
            run_sql(store, "UPDATE cards SET suspended = true WHERE kind = 'reflection'")
            practice = Practice.start(store, MORNING)
            assert practice.current is not None
            first = practice.current.id
            practice.reveal()
            practice.grade(4, MORNING)
            assert practice.current is not None
            in_hand = practice.current.id

            proxy.lose_reply_to(b"INSERT INTO reviews")
            practice.reveal()
            with pytest.raises(ServerUnreachableError):
                practice.grade(5, MORNING + dt.timedelta(seconds=20))
            assert proxy.lost.is_set()
            assert practice.current is not None
            assert practice.current.id == in_hand
            # The server has it, though the app was never told.
            assert _logged(store) == [(first, 4), (in_hand, 5)]

            # Answered again: recognised as done, not logged a second time.
            practice.reveal()
            practice.grade(5, MORNING + dt.timedelta(seconds=40))
            assert practice.current is not None
            assert practice.current.id != in_hand
            next_card = practice.current.id
            practice.reveal()
            practice.grade(3, MORNING + dt.timedelta(seconds=60))
            assert _logged(store) == [(first, 4), (in_hand, 5), (next_card, 3)]
            assert store.check().healthy
