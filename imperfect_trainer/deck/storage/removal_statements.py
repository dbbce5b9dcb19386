"""A Core or ORM ``delete()`` compiled as its dialect removes rows (``removals.removal``)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import Delete
from sqlalchemy.ext.compiler import compiles
from sqlalchemy.sql.base import Executable
from sqlalchemy.sql.compiler import SQLCompiler
from sqlalchemy.sql.elements import ClauseElement

from imperfect_trainer.deck.storage.removals import removal


class Removal(Executable, ClauseElement):
    """``statement``'s rows removed: a delete on SQLite, marked for the trigger on a server."""

    inherit_cache = False

    def __init__(self, statement: Delete) -> None:
        self.statement = statement


@compiles(Removal)
def _compile(element: Removal, compiler: SQLCompiler, **kw: Any) -> str:
    return removal(compiler.process(element.statement, **kw), compiler.dialect.name)
