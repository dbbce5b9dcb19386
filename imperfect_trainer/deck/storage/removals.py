"""Deleting a person's rows, written once for both backends.

On SQLite a delete is a delete. On a programme's server people hold no table-level DELETE (with
it, PostgreSQL would let one trainee lock a whole table against everyone: migration 0009), so a
row is removed by marking it, and the table's trigger deletes the marked row within the same
statement. Every delete of the core goes through ``removal``: plain statements directly, Core and
ORM ``delete()`` statements through ``removal_statements.Removal``. No SQLAlchemy here: the
answers' fast path imports this.
"""

from __future__ import annotations

import re

# The column a server's trigger watches (migration 0009); the models do not know it.
MARK = "removed"
_DELETE = re.compile(r"\s*DELETE\s+FROM\s+(\S+)(.*)", re.DOTALL | re.IGNORECASE)


def removal(statement: str, dialect: str) -> str:
    """``statement`` as ``dialect`` runs it: a ``DELETE FROM table [WHERE ...]`` removes those
    rows; any other statement is left as it is."""
    match = _DELETE.fullmatch(statement)
    if dialect != "postgresql" or match is None:
        return statement
    table, rest = match.groups()
    return f"UPDATE {table} SET {MARK} = true{rest}"
