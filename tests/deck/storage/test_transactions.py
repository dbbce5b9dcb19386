"""A collection's transactions: a user action is all or nothing, and whatever it writes counts
for the next backup and the next flush to disk."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text
from sqlalchemy.exc import IntegrityError

from imperfect_trainer.deck.storage.models import Setting
from imperfect_trainer.deck.store import Store
from tests.support.moments import MORNING

pytestmark = pytest.mark.both_backends


def _save_theme_twice(store: Store) -> None:
    with store.transactions.unit_of_work() as session:
        session.add(Setting(key="theme", value='"dark"'))
        session.flush()
        session.add(Setting(key="theme", value='"light"'))


def test_a_unit_of_work_broken_off_by_the_schema_writes_nothing(store: Store) -> None:
    with pytest.raises(IntegrityError):
        _save_theme_twice(store)
    with store.transactions.unit_of_work() as session:
        assert session.scalar(select(Setting.value).where(Setting.key == "theme")) is None


def test_plain_statements_count_as_a_change_to_back_up_and_flush(store: Store) -> None:
    store.safety.backup(MORNING)
    store.flush_to_disk()
    with store.transactions.statements() as connection:
        connection.execute(text("INSERT INTO settings (key, value) VALUES ('theme', '\"dark\"')"))
    assert store.file.writes.unflushed
    assert store.safety.backup_if_due(MORNING + dt.timedelta(hours=1)) is not None
