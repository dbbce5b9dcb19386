"""What a supervisor sees of their trainees on a programme's server: only what each trainee
chose to share, and a summary of their practice.

Everything here reads the four views migration 0005 makes for supervisors (the server shows
a supervisor nothing else of anyone): practised days and minutes, mastery per section of the
shipped deck, the goals (with their check) and the journal entries each trainee ticked "Share
with my supervisor". A local collection has no trainees.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import text

from imperfect_trainer.deck.features.goals import Striving
from imperfect_trainer.deck.storage.server_address import ServerAddress, server_address
from imperfect_trainer.deck.store import Store

if TYPE_CHECKING:
    from sqlalchemy import Connection

T = TypeVar("T")

SUPERVISORS = "imperfect_trainer_supervisors"


@dataclass(frozen=True, slots=True)
class SharedEntry:
    id: int
    kind: str  # "reflection" or "debrief"
    practice_day: dt.date
    text: str


@dataclass(frozen=True, slots=True)
class SharedGoal:
    text: str
    striving: Striving | None
    discussed_in_supervision: bool | None
    note: str


@dataclass(frozen=True, slots=True)
class SectionProgress:
    section: str
    cards: int
    new: int
    settled: int  # an interval of SETTLED_DAYS or more, as on the statistics screen

    @property
    def settling(self) -> int:
        return self.cards - self.new - self.settled

    @property
    def settled_share(self) -> float:
        return self.settled / self.cards if self.cards else 0.0


@dataclass(frozen=True, slots=True)
class TraineeOverview:
    name: str
    minutes_by_day: dict[dt.date, float]  # the practised days asked for, minutes on each
    sections: tuple[SectionProgress, ...]
    goals: tuple[SharedGoal, ...]
    journal: tuple[SharedEntry, ...]  # newest first

    @property
    def practised_days(self) -> set[dt.date]:
        return set(self.minutes_by_day)

    def days_between(self, first: dt.date, last: dt.date) -> int:
        return sum(1 for day in self.minutes_by_day if first <= day <= last)

    def minutes_between(self, first: dt.date, last: dt.date) -> float:
        return sum(m for day, m in self.minutes_by_day.items() if first <= day <= last)


def supervises(store: Store) -> bool:
    """Whether this collection's login supervises anyone in its programme."""
    if not store.on_server:
        return False
    with store.unit_of_work() as session:
        return _supervises(session.connection())


def trainees(store: Store) -> list[str]:
    """The trainees assigned to this supervisor, by name."""
    if not store.on_server:
        return []
    with store.unit_of_work() as session:
        return _trainees(session.connection())


def overview(store: Store, trainee: str, first: dt.date, last: dt.date) -> TraineeOverview:
    """One trainee's shared picture; practice between ``first`` and ``last`` (inclusive)."""
    with store.unit_of_work() as session:
        return _overview(session.connection(), trainee, first, last)


class OwnConnection:
    """The supervisor's views read on a connection of its own, made, used and let go on the
    calling thread: a worker may read with it while the store's kept connection stays the
    window's. A failure is a ``StoreError`` saying what (a server that cannot be reached)."""

    def __init__(self, address: ServerAddress) -> None:
        self.address = address

    @classmethod
    def of(cls, store: Store) -> OwnConnection:
        """The server of ``store``: itself on a programme's server; the one a collection moved
        here syncs with (``move_over``)."""
        address = getattr(store.file, "address", None)
        if isinstance(address, ServerAddress):
            return cls(address)
        from imperfect_trainer.deck.sync.joined import hub_of

        hub = hub_of(store)
        if hub is None:
            raise ValueError("a local collection that syncs with no server has no trainees")
        return cls(server_address(hub))

    def supervises(self) -> bool:
        return self._read(_supervises)

    def trainees(self) -> list[str]:
        return self._read(_trainees)

    def overview(self, trainee: str, first: dt.date, last: dt.date) -> TraineeOverview:
        return self._read(lambda connection: _overview(connection, trainee, first, last))

    def _read(self, read: Callable[[Connection], T]) -> T:
        from sqlalchemy.exc import DBAPIError

        from imperfect_trainer.deck.storage.postgres_collection import make_server_engine
        from imperfect_trainer.deck.storage.server_errors import error_from_postgres

        engine = make_server_engine(self.address)
        try:
            with engine.begin() as connection:
                return read(connection)
        except DBAPIError as error:
            raise error_from_postgres(self.address.where, error) from error
        finally:
            engine.dispose()


def _supervises(connection: Connection) -> bool:
    return bool(
        connection.execute(
            text("SELECT pg_has_role(current_user, :group, 'MEMBER')"), {"group": SUPERVISORS}
        ).scalar()
    )


def _trainees(connection: Connection) -> list[str]:
    if not _supervises(connection):
        return []
    return [
        str(name)
        for (name,) in connection.execute(
            text(
                "SELECT trainee::text FROM supervision WHERE supervisor = session_user"
                " ORDER BY trainee"
            )
        )
    ]


def _overview(
    connection: Connection, trainee: str, first: dt.date, last: dt.date
) -> TraineeOverview:
    named = {"trainee": trainee}
    days = connection.execute(
        text(
            "SELECT day, duration_ms FROM supervision_days"
            " WHERE trainee = :trainee AND day BETWEEN :first AND :last"
        ),
        {**named, "first": first, "last": last},
    ).all()
    sections = connection.execute(
        text(
            "SELECT section, cards, new, settled FROM supervision_mastery"
            " WHERE trainee = :trainee ORDER BY position"
        ),
        named,
    ).all()
    goals = connection.execute(
        text(
            "SELECT text, striving, discussed_in_supervision, note FROM supervision_goals"
            " WHERE trainee = :trainee ORDER BY position, id"
        ),
        named,
    ).all()
    journal = connection.execute(
        text(
            "SELECT id, kind, practice_day, text FROM supervision_journal"
            " WHERE trainee = :trainee ORDER BY created_at DESC, id DESC"
        ),
        named,
    ).all()
    return TraineeOverview(
        trainee,
        {day: duration / 60_000 for day, duration in days},
        tuple(SectionProgress(s, int(c), int(n), int(d)) for s, c, n, d in sections),
        tuple(
            SharedGoal(goal, Striving(striving) if striving else None, discussed, note)
            for goal, striving, discussed, note in goals
        ),
        tuple(SharedEntry(int(i), kind, day, body) for i, kind, day, body in journal),
    )
