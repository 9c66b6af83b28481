"""The calendar push as a part of the daemon: the `caldav_push` job handler (its HTTP
session closed with the worker's services) and the `/api/calendars` routes."""

from __future__ import annotations

from collections.abc import Callable

from reactiond.caldav.api import calendar_routes
from reactiond.caldav.push import PushHandler
from reactiond.engine.reminders import ReminderConfig
from reactiond.part import Part
from reactiond.settings import Settings
from reactiond.store.caldav_repo import PUSH_JOB
from reactiond.store.interface import Store


def calendars_part(
    store: Store,
    settings: Callable[[], Settings],
    clock: Callable[[], float],
    wakeup: Callable[[], None],
) -> Part:
    handler = PushHandler(store, clock, ReminderConfig.from_settings(settings()))
    return Part(
        name="calendars",
        routes=tuple(calendar_routes(store, clock, wakeup, settings)),
        handlers={PUSH_JOB: handler},
        services=(handler,),
    )
