"""Command groups loaded when they are called, not when `reactiond` starts.

The root knows each command's name, its help and the module that holds it
(`Lazy`); a module is imported only when its command runs (or shows its own help), so
`reactiond --help` pays for Typer and the catalog, `reactiond tasks list` for the records
and the store, and neither for the daemon's server or the parsers (bench/startup.py).
The root's help lists every command from that help alone."""

from __future__ import annotations

import importlib
from collections.abc import Iterator, Mapping, MutableMapping
from dataclasses import dataclass
from typing import Any

import typer
from typer import core
from typer._click import Command, Context, HelpFormatter


@dataclass(frozen=True, slots=True)
class Lazy:
    """A command or a group of commands: `module:attribute` (a `typer.Typer` for a group,
    a function for one command) and its help, from the catalog."""

    target: str
    help: str

    def load(self, name: str) -> Command:
        module, _, attribute = self.target.partition(":")
        found = getattr(importlib.import_module(module), attribute)
        if isinstance(found, typer.Typer):
            command: Command = typer.main.get_group(found)  # no completion options on groups
        else:
            single = typer.Typer(add_completion=False)
            single.command(name, help=self.help)(found)
            command = typer.main.get_command(single)
        command.name = name
        return command

    def stub(self, name: str) -> Command:
        """What the root's help shows: the name and the help, nothing imported."""
        return core.TyperCommand(name, help=self.help)


class LazyCommands(MutableMapping[str, Command]):
    """The root's commands: loaded on first use, or stubs while the root prints its help."""

    def __init__(self, table: Mapping[str, Lazy], loaded: Mapping[str, Command]) -> None:
        self.table = dict(table)
        self.loaded = dict(loaded)
        self.stubs = False

    def __getitem__(self, name: str) -> Command:
        if name in self.loaded:
            return self.loaded[name]
        lazy = self.table[name]  # KeyError: no such command
        if self.stubs:
            return lazy.stub(name)
        command = self.loaded[name] = lazy.load(name)
        return command

    def __setitem__(self, name: str, command: Command) -> None:
        self.loaded[name] = command

    def __delitem__(self, name: str) -> None:
        self.loaded.pop(name, None)
        self.table.pop(name, None)

    def __iter__(self) -> Iterator[str]:
        yield from self.table  # in the table's order, which the help keeps
        yield from (name for name in self.loaded if name not in self.table)

    def __len__(self) -> int:
        return len(set(self.table) | set(self.loaded))


class LazyGroup(core.TyperGroup):
    """The root group: `table` (set by a subclass) says which module holds each command."""

    table: Mapping[str, Lazy] = {}

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = LazyCommands(self.table, self.commands)

    def format_help(self, ctx: Context, formatter: HelpFormatter) -> None:
        commands = self.commands
        assert isinstance(commands, LazyCommands)
        commands.stubs = True
        try:
            super().format_help(ctx, formatter)
        finally:
            commands.stubs = False


def lazy_group(table: Mapping[str, Lazy]) -> type[LazyGroup]:
    """A root group class whose commands are `table`'s."""
    return type("ReactiondGroup", (LazyGroup,), {"table": dict(table)})
