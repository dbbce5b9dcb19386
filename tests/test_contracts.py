"""The rooms of the core keep their places: the rules are pure, storage knows no feature, the
features and interchange rooms do not lean on each other, and nothing imports in a circle.

An import graph read from the source (module-level imports only: those inside functions are
deliberate, to keep start-up fast, and those under ``TYPE_CHECKING`` are for types alone).
"""

from __future__ import annotations

import ast
from pathlib import Path

from tests.support.paths import PACKAGE

ROOT = "imperfect_trainer"
# Pure rules: no database, no clock, no Qt; they may use only each other.
PURE = {
    "imperfect_trainer.deck.srs.sm2",
    "imperfect_trainer.deck.srs.scheduling",
    "imperfect_trainer.deck.srs.answer_rules",
    "imperfect_trainer.deck.settings_registry",
    "imperfect_trainer.deck.content.cards",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imports_at_load(path: Path) -> set[str]:
    """What a module imports when it is loaded (not in functions, not for types only)."""
    found: set[str] = set()
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            continue
        for inner in ast.walk(node) if not isinstance(node, ast.FunctionDef | ast.ClassDef) else []:
            if isinstance(inner, ast.Import):
                found.update(alias.name for alias in inner.names)
            elif isinstance(inner, ast.ImportFrom) and inner.module:
                # "from package import module" imports the module; "from module import name"
                # the module (the graph keeps whichever of the two is a module of ours).
                found.update(f"{inner.module}.{alias.name}" for alias in inner.names)
                if not all(f"{inner.module}.{alias.name}" in MODULES for alias in inner.names):
                    found.add(inner.module)
    return found


MODULES = {_module_name(p): p for p in PACKAGE.rglob("*.py")}


def _graph() -> dict[str, set[str]]:
    return {
        name: {target for target in _imports_at_load(path) if target in MODULES and target != name}
        for name, path in MODULES.items()
    }


GRAPH = _graph()


def _in(room: str, module: str) -> bool:
    return module == room or module.startswith(room + ".")


def test_the_pure_rules_import_nothing_but_each_other() -> None:
    offenders = {
        name: sorted(t for t in GRAPH[name] if _in(ROOT, t) and t not in PURE) for name in PURE
    }
    assert {name: found for name, found in offenders.items() if found} == {}
    for name in PURE:
        path = PACKAGE.parent / (name.replace(".", "/") + ".py")
        outside = {t.split(".")[0] for t in _imports_at_load(path)}
        assert not outside & {"sqlalchemy", "sqlite3", "PySide6", "time"}, name


def test_storage_knows_no_feature_interchange_or_window() -> None:
    higher = ("imperfect_trainer.deck.features", "imperfect_trainer.deck.interchange",
              "imperfect_trainer.ui", "imperfect_trainer.deck.store")  # fmt: skip
    offenders = {
        name: sorted(t for t in targets if any(_in(room, t) for room in higher))
        for name, targets in GRAPH.items()
        if _in("imperfect_trainer.deck.storage", name)
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_features_and_interchange_rooms_do_not_lean_on_each_other() -> None:
    rooms = ("imperfect_trainer.deck.features", "imperfect_trainer.deck.interchange")
    offenders = {
        name: sorted(t for t in targets if _in(other, t))
        for name, targets in GRAPH.items()
        for room in rooms
        for other in rooms
        if other != room and _in(room, name)
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_no_module_under_deck_imports_the_window_or_the_command_line() -> None:
    outside = ("imperfect_trainer.ui", "imperfect_trainer.cli", "imperfect_trainer.bench")
    offenders = {
        name: sorted(t for t in targets if any(_in(room, t) for room in outside))
        for name, targets in GRAPH.items()
        if _in("imperfect_trainer.deck", name)
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_nothing_imports_in_a_circle() -> None:
    cycles: list[list[str]] = []
    state: dict[str, int] = {}  # 1: on the current path, 2: done
    path: list[str] = []

    def visit(module: str) -> None:
        state[module] = 1
        path.append(module)
        for target in sorted(GRAPH[module]):
            if state.get(target) == 1:
                cycles.append([*path[path.index(target) :], target])
            elif target not in state:
                visit(target)
        path.pop()
        state[module] = 2

    for module in sorted(GRAPH):
        if module not in state:
            visit(module)
    assert cycles == []


def test_the_graph_sees_the_rooms() -> None:
    rooms = {".".join(name.split(".")[:3]) for name in GRAPH if name.count(".") >= 2}
    assert {
        "imperfect_trainer.deck.srs",
        "imperfect_trainer.deck.storage",
        "imperfect_trainer.deck.features",
        "imperfect_trainer.deck.interchange",
        "imperfect_trainer.deck.content",
    } <= rooms
    assert len(GRAPH["imperfect_trainer.deck.store"]) >= 5
