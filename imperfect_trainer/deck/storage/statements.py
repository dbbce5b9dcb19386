"""The statements the person waits on, each written once as SQLAlchemy Core against the models'
tables, and compiled once per dialect into the plain text ``plain_sql`` holds.

They run on the driver's cursor of the connection kept for them (``quick_transaction``), where
SQLAlchemy's statement building and result wrapping would cost more than the database's own
work; and the first card of the day waits for no SQLAlchemy at all (importing it and the models
takes about a quarter of a second). So the compiling is done here, ahead of time:
``python -m imperfect_trainer.deck.storage.statements`` writes ``plain_sql.py`` again, and a
test keeps the two in step. Parameters are named (``:name`` for sqlite3, ``%(name)s`` for
psycopg): every statement takes a mapping, on either backend.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any
from typing import cast as cast_as

from sqlalchemy import (
    ColumnElement,
    Date,
    DateTime,
    Executable,
    Integer,
    Select,
    Text,
    and_,
    bindparam,
    cast,
    delete,
    false,
    func,
    insert,
    literal_column,
    not_,
    select,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.sql.elements import BindParameter, ClauseElement, ColumnClause
from sqlalchemy.sql.visitors import iterate

from imperfect_trainer.deck.storage.models import (
    Base,
    Card,
    CardState,
    Goal,
    JournalEntry,
    PracticeDay,
    PracticeSession,
    Review,
    Setting,
    parked,
)
from imperfect_trainer.deck.storage.removals import removal
from imperfect_trainer.deck.storage.stored_values import (
    LOG_COLUMNS,
    LOGGED_STATES,
    SCHEDULE_COLUMNS,
)

_TABLES = Base.metadata.tables
cards = _TABLES[Card.__tablename__]
states = _TABLES[CardState.__tablename__]
reviews = _TABLES[Review.__tablename__]
journal = _TABLES[JournalEntry.__tablename__]
sessions = _TABLES[PracticeSession.__tablename__]
days = _TABLES[PracticeDay.__tablename__]
settings = _TABLES[Setting.__tablename__]
goals = _TABLES[Goal.__tablename__]

_SCHEDULE = [states.c[name] for name in SCHEDULE_COLUMNS]
# A kind written into the statement (a bound value would be lost in the plain text).
_REFLECTION: ColumnClause[str] = literal_column("'reflection'", Text)
# Zero, written in; also each LIMIT's OFFSET, which SQLite's compiler adds as a bound value.
_NONE: ColumnClause[int] = literal_column("0", Integer)
_REFLECTION_COLUMNS = ("session_id", "practice_day", "created_at", "updated_at", "text")


def _new_schedule() -> dict[str, object]:
    return {name: bindparam(f"new_{name}") for name in SCHEDULE_COLUMNS}


def _unchanged_since_read() -> ColumnElement[bool]:
    """The card's schedule is still the one read (``was_...``): the answer's guard."""
    return and_(
        states.c.card_id == bindparam("card_id"),
        *(column.is_not_distinct_from(bindparam(f"was_{column.name}")) for column in _SCHEDULE),
    )


def _active() -> ColumnElement[bool]:
    return not_(parked(cards))


def _practice_cards() -> Select[tuple[object, ...]]:
    """A card as the practice shows it: its words, then its schedule (``PracticeCard``)."""
    return select(
        cards.c.id,
        cards.c.kind,
        cards.c.section,
        cards.c.front,
        cards.c.back,
        cards.c.tags,
        cards.c.personal_note,
        *_SCHEDULE,
    ).join_from(cards, states, states.c.card_id == cards.c.id)


def _active_count(condition: ColumnElement[bool] | None) -> Select[tuple[int]]:
    """Schedules matching ``condition`` whose cards are neither retired nor suspended: every
    matching schedule, less the few parked cards among them. IN, not a join, so SQLite walks
    the small partial index ix_cards_parked (its WHERE is the same ``parked``) instead of each
    due card's wide row."""
    every = select(func.count()).select_from(states)
    of_parked = every.where(states.c.card_id.in_(select(cards.c.id).where(parked(cards))))
    if condition is not None:
        every, of_parked = every.where(condition), of_parked.where(condition)
    return select(every.scalar_subquery() - of_parked.scalar_subquery())


def _both() -> dict[str, Executable]:
    """Statements compiled for SQLite and PostgreSQL alike."""
    today: BindParameter[str] = bindparam("today")
    log_values: dict[str, BindParameter[Any]] = {name: bindparam(name) for name in LOG_COLUMNS}
    new_and_active = and_(states.c.due_day.is_(None), _active())
    return {
        # ------------------------------------------------------------------ the answer
        "read_schedule": select(*_SCHEDULE).where(states.c.card_id == bindparam("card_id")),
        "write_schedule": update(states)
        .where(states.c.card_id == bindparam("card_id"))
        .values(_new_schedule()),
        "write_schedule_if_unchanged": update(states)
        .where(_unchanged_since_read())
        .values(_new_schedule()),
        "log_answer": insert(reviews).values(log_values).returning(reviews.c.id),
        "log_reflection": insert(journal)
        .values(
            kind=_REFLECTION,
            card_id=bindparam("card_id"),
            review_id=bindparam("review_id"),
            **{name: bindparam(name) for name in _REFLECTION_COLUMNS},
            shared=false(),
        )
        .inline(),
        "find_answer": select(reviews.c.id).where(
            reviews.c.card_id == bindparam("card_id"),
            reviews.c.reviewed_at == bindparam("reviewed_at"),
        ),
        "logged_answer": select(
            reviews.c.card_id,
            reviews.c.grade,
            reviews.c.practice_day,
            reviews.c.drill,
            *(reviews.c[name] for name in LOGGED_STATES),
        ).where(reviews.c.id == bindparam("review_id")),
        "forget_reflection": delete(journal).where(journal.c.review_id == bindparam("review_id")),
        "forget_answer": delete(reviews).where(reviews.c.id == bindparam("review_id")),
        "last_scheduling_day": select(func.max(reviews.c.practice_day)).where(
            reviews.c.card_id == bindparam("card_id"), not_(reviews.c.drill)
        ),
        # ------------------------------------------------------------ sessions and days
        "start_session": insert(sessions)
        .values(
            kind=bindparam("kind"),
            practice_day=bindparam("practice_day"),
            started_at=bindparam("started_at"),
            planned_seconds=bindparam("planned_seconds"),
        )
        .returning(sessions.c.id),
        "end_session": update(sessions)
        .where(sessions.c.id == bindparam("session_id"))
        .values(ended_at=bindparam("ended_at")),
        "practised_days": select(days.c.day).where(
            days.c.day.between(bindparam("first"), bindparam("last"))
        ),
        "last_practice_day": select(func.max(days.c.day)),
        "answer_totals": select(
            func.coalesce(func.sum(days.c.answers), _NONE),
            func.count(),
            func.coalesce(func.sum(days.c.duration_ms), _NONE),
        ),
        # ----------------------------------------------------------------- today's cards
        "practice_card": _practice_cards().where(cards.c.id == bindparam("card_id")),
        "due_cards": _practice_cards()
        .where(states.c.due_day <= today, _active())
        .order_by(states.c.due_day, states.c.easiness_hundredths, cards.c.position)
        .limit(bindparam("limit", type_=Integer))
        .offset(_NONE),
        "new_cards": _practice_cards()
        .where(new_and_active)
        .order_by(cards.c.position)
        .limit(bindparam("limit", type_=Integer))
        .offset(_NONE),
        "introduced_on": select(func.count())
        .select_from(states)
        .where(states.c.introduced_day == today),
        # The reflections among the due cards and among the new cards today brings in (through
        # the small partial index of reflection cards, ix_cards_reflections).
        "reflections_today": select(_reflections_today()),
        # Cards whose latest answer today was below the drill mark: they still need a repeat.
        "drills_pending": _drills_pending(),
        "count_active": _active_count(None),
        "count_due": _active_count(states.c.due_day <= today),
        "count_new": _active_count(states.c.due_day.is_(None)),
        "set_aside": update(states)
        .where(states.c.card_id == bindparam("card_id"))
        .values(set_aside_day=bindparam("day")),
        "set_aside_on": select(states.c.card_id).where(states.c.set_aside_day == today),
        # -------------------------------------------------------------- what the home asks
        "settings": select(settings.c.key, settings.c.value),
        # Delete and insert: the same statements on either backend (a programme's server keys
        # each setting by its owner too).
        "forget_setting": delete(settings).where(settings.c.key == bindparam("key")),
        "save_setting": insert(settings).values(key=bindparam("key"), value=bindparam("value")),
        "goals_in_order": select(
            goals.c.id,
            goals.c.position,
            goals.c.text,
            goals.c.striving,
            goals.c.discussed_in_supervision,
            goals.c.note,
            goals.c.created_at,
            goals.c.updated_at,
            goals.c.revisited_day,
            goals.c.shared,
        ).order_by(goals.c.position, goals.c.id),
        "last_reflection": select(journal.c.practice_day, journal.c.text)
        .where(journal.c.card_id == bindparam("card_id"), journal.c.kind == _REFLECTION)
        .order_by(journal.c.created_at.desc(), journal.c.id.desc())
        .limit(literal_column("1"))
        .offset(_NONE),
    }


def _reflections_today() -> ColumnElement[int]:
    due = (
        select(func.count())
        .select_from(cards.join(states, states.c.card_id == cards.c.id))
        .where(cards.c.kind == _REFLECTION, states.c.due_day <= bindparam("today"), _active())
    )
    coming_new = (
        select(cards.c.kind)
        .select_from(cards.join(states, states.c.card_id == cards.c.id))
        .where(states.c.due_day.is_(None), _active())
        .order_by(cards.c.position)
        .limit(bindparam("new_count", type_=Integer))
        .offset(_NONE)
        .subquery("coming")
    )
    new = select(func.count()).select_from(coming_new).where(coming_new.c.kind == _REFLECTION)
    return due.scalar_subquery() + new.scalar_subquery()


def _drills_pending() -> Select[tuple[str]]:
    latest = (
        select(reviews.c.card_id, func.max(reviews.c.id).label("last_id"))
        .where(reviews.c.practice_day == bindparam("today"))
        .group_by(reviews.c.card_id)
        .subquery("latest")
    )
    return (
        select(reviews.c.card_id)
        .join_from(reviews, latest, reviews.c.id == latest.c.last_id)
        .where(reviews.c.grade < bindparam("below", type_=Integer))
        .order_by(reviews.c.id)
    )


def _on_server() -> dict[str, Executable]:
    """On a server, an answer is one statement that commits by itself: the new schedule, the
    log row (numbered by the person's own trigger, migration 0008) and any reflection's entry,
    written only if the schedule is still the one read. A SELECT's values have no column to take
    their types from (an INSERT's VALUES do), so each is cast to its column's type."""
    changed = (
        update(states)
        .where(_unchanged_since_read())
        .values(_new_schedule())
        .returning(states.c.card_id)
        .cte("changed")
    )
    logged = (
        insert(reviews)
        .from_select(
            LOG_COLUMNS,
            select(
                changed.c.card_id,
                *(
                    cast(bindparam(name), reviews.c[name].type)
                    for name in LOG_COLUMNS
                    if name != "card_id"
                ),
            ),
        )
        .returning(reviews.c.id, reviews.c.card_id)
        .cte("logged")
    )
    entry = (
        insert(journal)
        .from_select(
            ("kind", "card_id", "review_id", *_REFLECTION_COLUMNS, "shared"),
            select(
                _REFLECTION,
                logged.c.card_id,
                logged.c.id,
                cast(bindparam("session_id"), Integer),
                cast(bindparam("practice_day"), Date),
                cast(bindparam("created_at"), DateTime),
                cast(bindparam("updated_at"), DateTime),
                cast(bindparam("text"), Text),
                false(),
            ),
        )
        .cte("entry")
    )
    return {
        "answer_on_server": select(logged.c.id),
        "answer_with_reflection_on_server": select(logged.c.id).add_cte(entry),
    }


def compiled_text(name: str, statement: Executable, dialect: object) -> str:
    """The statement's text, refused when SQLAlchemy bound a value of its own (a literal, a
    column's default): the plain text would lose it."""
    compiled = statement.compile(dialect=dialect)  # type: ignore[attr-defined]
    tree = cast_as(ClauseElement, statement)
    named = {found.key for found in iterate(tree) if isinstance(found, BindParameter)}
    bound = {key: value for key, value in compiled.params.items() if value is not None}
    added = set(compiled.params) - named
    if bound or added:
        raise ValueError(f"{name} binds {bound or added}: write these into the statement")
    # A delete on the server is a marking its trigger turns into the delete (removals).
    return removal(" ".join(str(compiled).split()), compiled.dialect.name)


def compiled() -> str:
    """``plain_sql.py`` as it should read."""
    local = sqlite.dialect(paramstyle="named")
    server = postgresql.psycopg.dialect(paramstyle="pyformat")  # type: ignore[no-untyped-call]
    both = _both()
    names = [*both, *_on_server()]
    lines = [
        "# ruff: noqa: E501",
        '"""Written by ``python -m imperfect_trainer.deck.storage.statements`` from',
        '``statements``: not to be edited by hand (a test compares them)."""',
        "",
        "from __future__ import annotations",
        "",
        "from dataclasses import dataclass",
        "",
        "",
        "@dataclass(frozen=True, slots=True)",
        "class PlainStatements:",
        '    """One dialect\'s text of every statement in ``statements``."""',
        "",
        *(f"    {name}: str" for name in names),
        "",
        "",
    ]
    for title, dialect, extra in (
        ("SQLITE", local, {}),
        ("POSTGRESQL", server, _on_server()),
    ):
        lines.append(f"{title} = PlainStatements(")
        for name in names:
            statement = both[name] if name in both else extra.get(name)
            text = "" if statement is None else compiled_text(name, statement, dialect)
            lines.append(f"    {name}={_quoted(text)},")
        lines += [")", ""]
    return "\n".join(lines).rstrip("\n") + "\n"


def _quoted(text: str) -> str:
    """``text`` as a literal the way ruff formats it: in double quotes, unless single ones
    need fewer escapes. (The statements hold no backslash.)"""
    if text.count('"') > text.count("'"):
        return "'" + text.replace("'", "\\'") + "'"
    return '"' + text.replace('"', '\\"') + '"'


PLAIN_SQL = Path(__file__).with_name("plain_sql.py")

if __name__ == "__main__":
    PLAIN_SQL.write_text(compiled(), encoding="utf-8")
