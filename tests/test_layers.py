"""The layers stay apart: the window never touches SQL, the core never touches Qt."""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import PACKAGE


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_no_module_under_ui_imports_sqlalchemy_or_sqlite() -> None:
    offenders = {
        path.name: sorted(n for n in _imports(path) if n.split(".")[0] in {"sqlalchemy", "sqlite3"})
        for path in (PACKAGE / "ui").rglob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_no_module_under_deck_imports_qt() -> None:
    offenders = {
        path.name: sorted(n for n in _imports(path) if n.split(".")[0] in {"PySide6", "shiboken6"})
        for path in (PACKAGE / "deck").rglob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_scan_sees_the_ui_modules() -> None:
    assert len(list((PACKAGE / "ui").rglob("*.py"))) >= 5
