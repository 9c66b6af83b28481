"""The contract suite keeps its own promise: it speaks only through the protocol and the
repositories, and every repository of the interface has tests here."""

from __future__ import annotations

import ast
from pathlib import Path

from reactiond.store.interface import STORE_API
from tests.unit.test_store_boundary import store_calls_in

HERE = Path(__file__).parent
TESTS = sorted(p for p in HERE.glob("*.py") if p.name != "conftest.py")


def _imported_names(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module.rsplit(".", 1)[-1])
            names.update(a.name for a in node.names)
    return names


def test_no_contract_test_runs_sql_or_touches_an_implementation() -> None:
    for path in TESTS:
        assert not store_calls_in(path), path.name
        assert not any("sqlite" in n or "postgres" in n for n in _imported_names(path)), path.name


def test_every_repository_of_the_interface_is_exercised_here() -> None:
    used = set().union(*(_imported_names(p) for p in TESTS))
    assert not set(STORE_API) - used, f"no contract tests for {sorted(set(STORE_API) - used)}"


def test_every_repository_module_of_the_store_is_listed_in_the_interface() -> None:
    """A new repository under reactiond/store/ joins `STORE_API` (and gets contract tests
    here): the interface stays closed and listed."""
    store = Path(__file__).resolve().parents[3] / "reactiond" / "store"
    own = {"__init__", "interface", "store_methods"}  # store_methods: the stores' base
    modules = {p.stem for p in store.glob("*.py")} - own
    assert not modules - set(STORE_API), f"list {sorted(modules - set(STORE_API))} in STORE_API"
