"""Wires the talking-back parts into the daemon: the Evolution client, the outbox
sender, the reminder jobs, the live stream and the event-log pruning."""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from reactiond.engine.outbox import OutboxSender, OutboxSettings
from reactiond.evolution.client import EvolutionClient, Timeouts
from reactiond.settings import Settings

if TYPE_CHECKING:
    from reactiond.app import Daemon

log = structlog.get_logger("reactiond.talkback")


def evolution_client(settings: Settings) -> EvolutionClient | None:
    """The client for the configured Evolution server, or None when none is configured
    (replies then wait in the outbox, visible, until one is)."""
    if not settings.evolution_url:
        return None
    key = settings.evolution_api_key.get_secret_value() if settings.evolution_api_key else ""
    total = settings.evolution_timeout_seconds
    return EvolutionClient(
        settings.evolution_url, key, timeouts=Timeouts(connect=min(3.0, total), total=total)
    )


class _CloseClient:
    def __init__(self, client: EvolutionClient) -> None:
        self.client = client

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self.client.close()


def wire(daemon: Daemon) -> None:
    s = daemon.settings
    client = evolution_client(s)
    daemon.evolution = client
    if client is None:
        log.warning(
            "evolution_not_configured",
            hint="set REACTIOND_EVOLUTION_URL and REACTIOND_EVOLUTION_API_KEY to send replies",
        )
    else:
        daemon.services.append(_CloseClient(client))  # stopped after the sender
        daemon.services.append(
            OutboxSender(
                daemon.store,
                client,
                OutboxSettings(
                    concurrency=s.outbox_concurrency,
                    backoff_max=s.outbox_backoff_max_seconds,
                    give_up_after=s.outbox_give_up_hours * 3600,
                ),
                clock=daemon.clock,
            )
        )
