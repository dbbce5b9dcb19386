"""The statements the person waits on: their plain text is what SQLAlchemy compiles from the
Core statements, for each dialect, and nothing SQLAlchemy would bind by itself is lost."""

from __future__ import annotations

import pytest
from sqlalchemy import Executable, bindparam, insert, select
from sqlalchemy.dialects import sqlite

from imperfect_trainer.deck.storage import statements
from imperfect_trainer.deck.storage.models import Card, JournalEntry


def test_the_plain_statements_are_the_core_statements_compiled() -> None:
    # If this fails: python -m imperfect_trainer.deck.storage.statements
    assert statements.PLAIN_SQL.read_text(encoding="utf-8") == statements.compiled()


@pytest.mark.parametrize(
    ("statement", "lost"),
    [
        (select(Card.id).limit(1), "param_1"),
        # A column's default (journal_entries.shared) that the statement does not name.
        (insert(JournalEntry).values(text=bindparam("text")), "shared"),
    ],
)
def test_a_statement_whose_values_would_be_lost_in_its_text_is_refused(
    statement: Executable, lost: str
) -> None:
    with pytest.raises(ValueError, match=lost):
        statements.compiled_text("sample", statement, sqlite.dialect(paramstyle="named"))
