"""Two hooks on the import system that keep the CLI's start-up small (bench/startup.py):
words set on a module the moment something imports it (so the CLI need not import it
first), and a module imported as if an optional dependency were absent."""

from __future__ import annotations

import sys
from collections.abc import Callable, Sequence
from importlib.abc import Loader, MetaPathFinder
from importlib.machinery import ModuleSpec
from importlib.util import find_spec
from types import ModuleType


def after_import(name: str, then: Callable[[ModuleType], None]) -> None:
    """`then(module)` once the module `name` is imported: now if it already is, else right
    after whatever imports it first has executed it."""
    if name in sys.modules:
        then(sys.modules[name])
    else:
        sys.meta_path.insert(0, _Hook(name, then=then))


def without(name: str, absent: str) -> None:
    """When `name` is first imported, it sees no `absent` (`import absent` raises
    ImportError) unless something imported `absent` before; everything else still can."""
    if name not in sys.modules:
        sys.meta_path.insert(0, _Hook(name, absent=absent))


class _Hook(MetaPathFinder):
    def __init__(
        self, name: str, *, then: Callable[[ModuleType], None] | None = None, absent: str = ""
    ) -> None:
        self.name = name
        self.then = then
        self.absent = absent

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> ModuleSpec | None:
        if fullname != self.name:
            return None
        sys.meta_path.remove(self)  # the real finders find it; this hook acts once
        spec = find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _Loader(spec.loader, self.then, self.absent)
        return spec


class _Loader(Loader):
    def __init__(
        self, loader: Loader, then: Callable[[ModuleType], None] | None, absent: str
    ) -> None:
        self.loader = loader
        self.then = then
        self.absent = absent

    def create_module(self, spec: ModuleSpec) -> ModuleType | None:
        return self.loader.create_module(spec)

    def exec_module(self, module: ModuleType) -> None:
        hide = bool(self.absent) and self.absent not in sys.modules
        if hide:
            sys.modules[self.absent] = None  # type: ignore[assignment]
        try:
            self.loader.exec_module(module)
        finally:
            if hide:
                del sys.modules[self.absent]
        if self.then is not None:
            self.then(module)
