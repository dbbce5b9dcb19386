"""The throwaway PostgreSQL cluster ./run-tests starts (scripts/test-postgres), as fixtures.

``postgres_cluster`` finds it through $IMPERFECT_TRAINER_TEST_POSTGRES and skips the test when
there is none. ``programme`` is one database set up as a programme would be: owned by a role
that is not a superuser (``programme``, with CREATEROLE), its schema made by ``server init``'s
own code. ``Programme.new_trainee()`` adds a fresh login role, whose collection starts empty;
local connections are trusted by the cluster, so no password is involved.
"""

from __future__ import annotations

import itertools
import os
import subprocess
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from imperfect_trainer.deck.storage.programme import add_supervisor, add_trainee, upgrade_schema
from imperfect_trainer.deck.storage.server_address import ServerAddress, server_address

CLUSTER_VARIABLE = "IMPERFECT_TRAINER_TEST_POSTGRES"
SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "test-postgres"
_names = itertools.count(1)


@dataclass
class Cluster:
    folder: Path

    @property
    def socket_dir(self) -> Path:
        return self.folder / "socket"

    def url(self, role: str, database: str = "postgres") -> str:
        return f"postgresql://{role}@/{database}?host={self.socket_dir}"

    def connect(self, role: str = "postgres", database: str = "postgres", **options: Any) -> Any:
        """A psycopg connection as ``role``: what that person could do with psql."""
        import psycopg

        return psycopg.connect(
            host=str(self.socket_dir), user=role, dbname=database, autocommit=True, **options
        )

    def stop(self) -> None:
        subprocess.run([str(SCRIPT), "stop", str(self.folder)], check=True)

    def start(self) -> None:
        subprocess.run([str(SCRIPT), "restart", str(self.folder)], check=True)


@dataclass
class Programme:
    cluster: Cluster
    database: str
    owner: str
    people: list[str] = field(default_factory=list)

    def address(self, role: str) -> ServerAddress:
        return server_address(self.cluster.url(role, self.database))

    def owner_address(self) -> ServerAddress:
        return self.address(self.owner)

    def new_trainee(self, name: str | None = None) -> str:
        """A trainee: a fresh login role, or ``name`` (created, or used if it exists)."""
        from sqlalchemy import create_engine

        name = name or f"trainee_{os.getpid()}_{next(_names)}"
        engine = create_engine(self.owner_address().url)
        try:
            add_trainee(engine, self.database, name)
        finally:
            engine.dispose()
        self.people.append(name)
        return name

    def new_supervisor(self, *trainees: str, name: str | None = None) -> str:
        from sqlalchemy import create_engine

        name = name or f"supervisor_{os.getpid()}_{next(_names)}"
        engine = create_engine(self.owner_address().url)
        try:
            add_supervisor(engine, self.database, name, trainees)
        finally:
            engine.dispose()
        return name

    def connect(self, role: str) -> Any:
        return self.cluster.connect(role, self.database)


@pytest.fixture(scope="session")
def postgres_cluster() -> Cluster:
    folder = os.environ.get(CLUSTER_VARIABLE)
    if not folder:
        pytest.skip("no PostgreSQL test cluster (./run-tests starts one)")
    pytest.importorskip("psycopg")
    return Cluster(Path(folder))


def make_programme(cluster: Cluster, database: str) -> Programme:
    """A new database owned by a non-superuser programme owner, set up by ``server init``."""
    from sqlalchemy import create_engine

    owner = f"{database}_owner"
    with cluster.connect() as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{database}" WITH (FORCE)')
        admin.execute(
            f"DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{owner}')"
            f' THEN CREATE ROLE "{owner}" LOGIN CREATEROLE; END IF; END $$'
        )
        admin.execute(f'CREATE DATABASE "{database}" OWNER "{owner}"')
    programme = Programme(cluster, database, owner)
    engine = create_engine(programme.owner_address().url)
    try:
        upgrade_schema(engine, database)
    finally:
        engine.dispose()
    return programme


@pytest.fixture(scope="session")
def programme(postgres_cluster: Cluster) -> Programme:
    return make_programme(postgres_cluster, f"trainer_{os.getpid()}")
