"""The URL of a programme's server: no password kept, never plain text to another machine
unless the URL says so, and a clear word when the driver is missing."""

from __future__ import annotations

import sys

import pytest

from imperfect_trainer.deck.storage.postgres_collection import make_server_engine
from imperfect_trainer.deck.storage.server_address import ServerAddressError, server_address
from imperfect_trainer.deck.storage.server_errors import PostgresDriverMissingError


@pytest.fixture(autouse=True)
def _no_libpq_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("PGHOST", "PGHOSTADDR", "PGSSLMODE", "PGSERVICE", "PGUSER"):
        monkeypatch.delenv(name, raising=False)


def test_a_connection_to_another_machine_is_encrypted_by_default() -> None:
    address = server_address("postgresql://alice@db.example.org/trainer")
    assert address.url.query["sslmode"] == "require"
    assert address.url.drivername == "postgresql+psycopg"
    assert address.where == "alice@db.example.org/trainer"


def test_a_mode_that_may_fall_back_to_plain_text_is_refused_and_why() -> None:
    with pytest.raises(ServerAddressError, match=r"unencrypted.*sslmode=disable"):
        server_address("postgresql://alice@db.example.org/trainer?sslmode=prefer")


def test_plain_text_only_when_the_url_asks_for_it() -> None:
    address = server_address("postgresql://alice@db.example.org/trainer?sslmode=disable")
    assert address.url.query["sslmode"] == "disable"


def test_this_computer_needs_no_encryption() -> None:
    for url in (
        "postgresql://alice@/trainer?host=/run/postgresql",
        "postgresql://alice@localhost/trainer",
        "postgresql:///trainer",
    ):
        assert "sslmode" not in server_address(url).url.query, url


@pytest.mark.parametrize(
    ("url", "where"),
    [
        # libpq connects to hostaddr over TCP, whatever host says.
        ("postgresql://alice@/trainer?host=/run/postgresql&hostaddr=10.0.0.5", "10.0.0.5"),
        # Every server of a list may be the one libpq reaches.
        ("postgresql://alice@/trainer?host=/run/postgresql,db.example.org", "db.example.org"),
        ("postgresql://alice@/trainer?host=localhost&host=db.example.org", "db.example.org"),
        # A service file may name any server.
        ("postgresql://alice@/trainer?service=programme", "programme"),
    ],
)
def test_another_machine_is_judged_where_libpq_will_connect(url: str, where: str) -> None:
    address = server_address(url)
    assert address.url.query["sslmode"] == "require"
    assert where in address.where
    assert "this computer" not in address.where
    with pytest.raises(ServerAddressError, match="unencrypted"):
        server_address(url + "&sslmode=prefer")


def test_another_machine_named_only_in_the_environment_is_encrypted(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("PGHOSTADDR", "10.0.0.5")
    address = server_address("postgresql://alice@/trainer?host=/run/postgresql")
    assert address.url.query["sslmode"] == "require"


def test_loopback_in_every_form_needs_no_encryption() -> None:
    for url in (
        "postgresql://alice@/trainer?host=/run/postgresql&hostaddr=127.0.0.1",
        "postgresql://alice@/trainer?host=localhost,/run/postgresql",
        "postgresql://alice@/trainer?host=127.0.0.2",
        "postgresql://alice@[::1]/trainer",
    ):
        assert "sslmode" not in server_address(url).url.query, url


def test_a_url_with_a_password_is_refused_without_repeating_it() -> None:
    for url in (
        "postgresql://alice:s3cret@db.example.org/trainer",
        "postgresql://alice@db.example.org/trainer?password=s3cret",
        "postgresql://alice@/trainer?host=/run/postgresql&password=s3cret",
    ):
        with pytest.raises(ServerAddressError, match="pgpass") as raised:
            server_address(url)
        assert "s3cret" not in str(raised.value)


def test_servers_and_ports_that_do_not_pair_up_are_named() -> None:
    with pytest.raises(ServerAddressError, match="do not pair up") as raised:
        server_address("postgresql://alice@/trainer?host=localhost,/run/postgresql&port=5432")
    assert "its own port" in str(raised.value)
    with pytest.raises(ServerAddressError, match="not a database URL"):
        server_address("postgresql://alice@db1:5432,db2:5433/trainer")


def test_what_is_not_a_postgresql_url_is_named() -> None:
    with pytest.raises(ServerAddressError, match="not a PostgreSQL URL"):
        server_address("sqlite:///collection.sqlite3")
    with pytest.raises(ServerAddressError, match="not a database URL"):
        server_address("db.example.org")


def test_without_the_driver_the_message_says_how_to_install_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "psycopg", None)
    with pytest.raises(PostgresDriverMissingError, match=r"imperfect-trainer\[postgres\]"):
        make_server_engine(server_address("postgresql://alice@/trainer"))
