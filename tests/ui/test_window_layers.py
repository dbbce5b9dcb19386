"""The window stays in layers: its modules form no import cycle, and the core never reaches up
into the window. Every import counts, also those inside functions or for type checking only:
a cycle hidden in a function is still a cycle, papered over."""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from tests.support.paths import PACKAGE

UI = PACKAGE / "ui"


def _module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _imported(path: Path) -> Iterator[str]:
    """Every module ``path`` imports, with ``from package import module`` read as the module."""
    package = _module_name(path).split(".")
    if path.name != "__init__.py":
        package.pop()
    return _imports_in(path.read_text(encoding="utf-8"), package)


def _imports_in(source: str, package: list[str]) -> Iterator[str]:
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            # A relative import (level 1: this package, 2: its parent, …) made absolute.
            anchor = package[: len(package) - node.level + 1] if node.level else []
            base = ".".join([*anchor, *([node.module] if node.module else [])])
            yield base
            yield from (f"{base}.{alias.name}" for alias in node.names)


def _graph(folder: Path) -> dict[str, set[str]]:
    modules = {_module_name(path): path for path in folder.rglob("*.py")}
    return {
        name: {target for target in _imported(path) if target in modules and target != name}
        for name, path in modules.items()
    }


def _cycle(graph: dict[str, set[str]]) -> list[str] | None:
    """One import cycle in ``graph`` (its modules in order, the first repeated), or None."""
    done: set[str] = set()

    def walk(name: str, path: list[str]) -> list[str] | None:
        if name in path:
            return [*path[path.index(name) :], name]
        if name in done:
            return None
        for target in sorted(graph[name]):
            found = walk(target, [*path, name])
            if found:
                return found
        done.add(name)
        return None

    for start in sorted(graph):
        found = walk(start, [])
        if found:
            return found
    return None


def test_the_window_modules_import_each_other_without_a_cycle() -> None:
    cycle = _cycle(_graph(UI))
    assert cycle is None, "import cycle in the window: " + " → ".join(cycle or [])


def test_the_core_never_imports_the_window() -> None:
    offenders = {
        _module_name(path): sorted(
            name for name in _imported(path) if name.startswith("imperfect_trainer.ui")
        )
        for path in (PACKAGE / "deck").rglob("*.py")
    }
    assert {name: found for name, found in offenders.items() if found} == {}


def test_the_cycle_finder_finds_a_cycle_and_passes_a_tree() -> None:
    assert _cycle({"a": {"b"}, "b": {"c"}, "c": {"a"}}) == ["a", "b", "c", "a"]
    assert _cycle({"a": {"b", "c"}, "b": {"c"}, "c": set()}) is None


def test_relative_imports_are_read_as_the_modules_they_name() -> None:
    source = "from . import widgets\nfrom .clock import local_now\nfrom ...deck import store\n"
    names = set(_imports_in(source, ["imperfect_trainer", "ui", "common"]))
    assert {
        "imperfect_trainer.ui.common.widgets",
        "imperfect_trainer.ui.common.clock",
        "imperfect_trainer.deck.store",
    } <= names


def test_the_scan_sees_the_window_modules_and_their_imports() -> None:
    graph = _graph(UI)
    assert "imperfect_trainer.ui.window.main_window" in graph
    assert (
        "imperfect_trainer.ui.common.widgets" in graph["imperfect_trainer.ui.practice.home_screen"]
    )
