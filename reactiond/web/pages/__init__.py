"""The pages people use, served by the daemon at `/`: Today, Records, Trace, Rules, the
queue and the outbox, analytics, people and the page's settings.

Server-rendered HTML (Jinja2), usable without JavaScript; the vendored htmx (static/,
with its licence) makes links and forms swap the page in place and the Today page live.
Every handler calls the same functions the JSON API calls, so the page, the API and the
CLI always agree. Who may see it: `session.py`."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache

import jinja2
from aiohttp import web

from reactiond.engine.event_bus import EventBus
from reactiond.part import Part
from reactiond.web.api_common import ApiContext
from reactiond.web.pages.analytics import analytics_routes
from reactiond.web.pages.door import door_routes
from reactiond.web.pages.frame import Pages, guarded, lost_browsers
from reactiond.web.pages.people import people_routes
from reactiond.web.pages.queue import queue_routes
from reactiond.web.pages.records import records_routes
from reactiond.web.pages.rules import rules_routes
from reactiond.web.pages.session import Sessions
from reactiond.web.pages.today import today_routes
from reactiond.web.pages.trace import trace_routes
from reactiond.web.stream import EventStream, StreamSettings


@cache
def template_env() -> jinja2.Environment:
    """The pages' templates: one environment per process, so that a template is compiled
    once (~10 ms each, on its first render) however many daemons the process builds (the
    tests build one per test). Nothing changes it after it is made."""
    return jinja2.Environment(
        loader=jinja2.PackageLoader("reactiond.web.pages", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


def page_routes(pages: Pages, stream: EventStream) -> list[web.RouteDef]:
    """Every route of the pages."""
    guard = guarded(pages)
    return [
        *door_routes(pages, guard, stream),
        *today_routes(pages, guard),
        *records_routes(pages, guard),
        *trace_routes(pages, guard),
        *rules_routes(pages, guard),
        *queue_routes(pages, guard),
        *analytics_routes(pages, guard),
        *people_routes(pages, guard),
    ]


def pages_part(ctx: ApiContext, token: Callable[[], str | None], events: EventBus) -> Part:
    """The pages as a part of the daemon. They keep their own view of the event stream
    (`GET /live`): the page session, not the API token, lets a browser read it. The bus
    they share with the API's stream ends both at shutdown."""
    stream = EventStream(
        ctx.store, events, StreamSettings(heartbeat=ctx.settings.stream_heartbeat_seconds)
    )
    # `token` is the API token now (None: open, as the API)
    pages = Pages(ctx, Sessions(token, ctx.clock), template_env())
    return Part(
        name="pages",
        routes=tuple(page_routes(pages, stream)),
        middlewares=(lost_browsers(pages),),
        on_shutdown=(events.close,),  # open /live streams end, or shutdown waits for them
    )
