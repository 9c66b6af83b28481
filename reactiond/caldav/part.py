"""Plugs calendar push into the daemon: the `caldav_push` job handler (its HTTP session
closed with the daemon) and the `/api/calendars` routes. `Daemon.__post_init__` calls
`wire(self)`; it becomes a Part when the composition root builds parts (issue 14)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from reactiond.caldav.api import calendar_routes
from reactiond.caldav.push import PushHandler
from reactiond.engine.reminders import ReminderConfig
from reactiond.store.caldav_repo import PUSH_JOB

if TYPE_CHECKING:
    from reactiond.app import Daemon


def wire(daemon: Daemon) -> None:
    handler = PushHandler(daemon.store, daemon.clock, ReminderConfig.from_settings(daemon.settings))
    daemon.handlers.register(PUSH_JOB, handler)
    daemon.services.append(handler)
    daemon.routes.extend(
        calendar_routes(daemon.store, daemon.clock, daemon.wakeup, lambda: daemon.settings)
    )
