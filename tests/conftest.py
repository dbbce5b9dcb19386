"""Shared fixtures. Qt runs offscreen, and no test (so no code path) may open a network socket."""

from __future__ import annotations

import os
import shutil
import socket
import sys
import threading
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from imperfect_trainer import app_log
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING
from tests.support.postgres import Programme, postgres_cluster, programme

# The PostgreSQL fixtures, for every test module.
__all__ = ["postgres_cluster", "programme"]

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The tests read the app's English whatever the machine's locale (the commands, and the window
# started as a person starts it, follow LANGUAGE); the German tests choose German themselves.
os.environ["LANGUAGE"] = "en"


class NetworkForbiddenError(AssertionError):
    pass


@pytest.fixture(autouse=True)
def _no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app is private by default: any attempt to open an internet socket fails the test."""

    class GuardedSocket(socket.socket):
        def __init__(self, family: int = -1, *args: Any, **kwargs: Any) -> None:
            if family in (-1, socket.AF_INET, socket.AF_INET6):
                raise NetworkForbiddenError("the app must not open network sockets")
            super().__init__(family, *args, **kwargs)

    monkeypatch.setattr(socket, "socket", GuardedSocket)
    monkeypatch.setattr(socket, "create_connection", _forbidden)
    monkeypatch.setattr(socket, "getaddrinfo", _forbidden)


@pytest.fixture(autouse=True)
def _log_in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """A window started in a test logs to its own folder, and leaves no hooks behind."""
    monkeypatch.setenv(app_log.LOG_DIR_ENV, str(tmp_path / "log"))
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(warnings, "showwarning", warnings.showwarning)
    yield
    app_log.stop()


def _forbidden(*_args: object, **_kwargs: object) -> None:
    raise NetworkForbiddenError("the app must not look up or reach the network")


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture(scope="session")
def new_collection(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A freshly made collection, built once: most tests start from a copy of it, which skips
    the migrations' few hundred milliseconds (tests of creating one use ``data_dir`` alone)."""
    folder = tmp_path_factory.mktemp("template") / "data"
    Store.open(folder, now=MORNING).close()
    return folder


@pytest.fixture
def store(request: pytest.FixtureRequest, data_dir: Path, new_collection: Path) -> Iterator[Store]:
    """A new collection: the local SQLite file, or (in modules marked ``both_backends``, once
    more) a fresh trainee's collection on the test cluster's programme."""
    if getattr(request, "param", "sqlite") == "postgres":
        programme: Programme = request.getfixturevalue("programme")
        address = programme.address(programme.new_trainee())
        with Store.open_server(address, data_dir, now=MORNING) as opened:
            yield opened
        return
    shutil.copytree(new_collection, data_dir)
    with Store.open(data_dir, now=MORNING) as opened:
        yield opened


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``both_backends`` that use ``store`` run on SQLite and on PostgreSQL."""
    if "store" in metafunc.fixturenames and metafunc.definition.get_closest_marker("both_backends"):
        metafunc.parametrize(
            "store",
            ["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)],
            indirect=True,
        )
