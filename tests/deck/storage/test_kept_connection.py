"""The connection kept for what the person waits on, on either backend: a transaction on it is
all or nothing, and what it writes is noted for the next backup and flush."""

from __future__ import annotations

import pytest

from imperfect_trainer.deck.store import Store

pytestmark = pytest.mark.both_backends


def _theme(store: Store) -> list[tuple[str]]:
    with store.file.quick_statements() as cursor:
        rows = cursor.execute("SELECT value FROM settings WHERE key = 'theme'").fetchall()
    return [tuple(row) for row in rows]


def _save_theme_then_fail(store: Store) -> None:
    with store.file.quick_transaction() as cursor:
        cursor.execute(store.file.plain_sql.save_setting, {"key": "theme", "value": '"dark"'})
        raise RuntimeError("broken off")


def test_a_quick_transaction_that_fails_leaves_nothing_written(store: Store) -> None:
    with pytest.raises(RuntimeError, match="broken off"):
        _save_theme_then_fail(store)
    assert _theme(store) == []


def test_a_setting_saved_on_it_is_a_change_waiting_for_the_disk(store: Store) -> None:
    store.flush_to_disk()
    store.file.writes.changed = False
    store.set_setting("theme", "dark")
    assert _theme(store) == [('"dark"',)]
    assert store.file.writes.changed
    assert store.file.writes.unflushed
