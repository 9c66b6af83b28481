"""The talking-back part: the outbox sender over the Evolution client, and the reminder
jobs. (The live stream is the API part's; pruning the event log is retention's.)"""

from __future__ import annotations

from typing import TYPE_CHECKING

import structlog

from reactiond.engine.connection_gate import ConnectionGate
from reactiond.engine.outbox import OutboxSender, OutboxSettings
from reactiond.engine.reminders import KIND as REMINDER
from reactiond.engine.reminders import ReminderConfig, ReminderHandler
from reactiond.evolution.client import EvolutionClient, EvolutionError, Timeouts, WebhookConfig
from reactiond.part import Part, Service
from reactiond.settings import Settings
from reactiond.store.interface import Store
from reactiond.webhook_credentials import webhook_credentials

if TYPE_CHECKING:
    from collections.abc import Callable

log = structlog.get_logger("reactiond.talkback")


def evolution_client(settings: Settings) -> EvolutionClient | None:
    """The client for the configured Evolution server, or None when none is configured
    (replies then wait in the outbox, visible, until one is)."""
    if not settings.evolution_url:
        return None
    key = settings.evolution_api_key.get_secret_value() if settings.evolution_api_key else ""
    total = settings.evolution_timeout_seconds
    timeouts = Timeouts(
        connect=min(3.0, total), total=total, send=settings.evolution_send_timeout_seconds
    )
    return EvolutionClient(settings.evolution_url, key, timeouts=timeouts)


class _CloseClient:
    def __init__(self, client: EvolutionClient) -> None:
        self.client = client

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        await self.client.close()


def reminder_config(settings: Settings) -> ReminderConfig:
    return ReminderConfig(
        bill_days_before=settings.reminder_bill_days_before,
        morning_hour=settings.reminder_morning_hour,
        lead_minutes=settings.reminder_lead_minutes,
    )


class _SaysNoEvolution:
    """Says once, when the daemon starts, that replies will wait."""

    async def start(self) -> None:
        log.warning(
            "evolution_not_configured",
            hint="set REACTIOND_EVOLUTION_URL and REACTIOND_EVOLUTION_API_KEY to send replies",
        )

    async def stop(self) -> None:
        return None


def talkback_part(
    store: Store,
    settings: Settings,
    clock: Callable[[], float],
    evolution: EvolutionClient | None,
) -> Part:
    """Reminders, and replies sent through `evolution` (None: they wait in the outbox)."""
    s = settings
    services: tuple[Service, ...]
    if evolution is None:
        services = (_SaysNoEvolution(),)
    else:
        sender = OutboxSender(
            store,
            evolution,
            OutboxSettings(
                concurrency=s.outbox_concurrency,
                backoff_max=s.outbox_backoff_max_seconds,
                give_up_after=s.outbox_give_up_hours * 3600,
                stop_grace=s.evolution_timeout_seconds + 5.0,
                maybe_sent_wait=2 * s.evolution_send_timeout_seconds,
            ),
            clock=clock,
            gate=ConnectionGate(evolution),
        )
        services = (_CloseClient(evolution), sender)  # the client closes after the sender
    return Part(
        name="talkback",
        handlers={REMINDER: ReminderHandler(store, reminder_config(s), clock=clock)},
        services=services,
    )


class EvolutionNotConfigured(Exception):
    """No Evolution server is configured: set REACTIOND_EVOLUTION_URL and _API_KEY."""


def webhook_url(public_url: str, instance: str) -> str:
    return f"{public_url.rstrip('/')}/webhook/{instance}"


async def connect_instance(
    settings: Settings, instance: str, public_url: str | None = None
) -> WebhookConfig | None:
    """Point `instance`'s webhook at this daemon with the events it needs and the shared
    secret (configured, else the generated one), then read back what Evolution kept."""
    client = evolution_client(settings)
    if client is None:
        raise EvolutionNotConfigured(
            "no Evolution server configured: set REACTIOND_EVOLUTION_URL and "
            "REACTIOND_EVOLUTION_API_KEY"
        )
    credentials = webhook_credentials(settings)
    base = public_url or f"http://{settings.host}:{settings.port}"
    async with client:
        await client.set_webhook(
            instance,
            webhook_url(base, instance),
            secret=credentials.secret,
            jwt_key=credentials.jwt_key,
        )
        return await client.find_webhook(instance)


async def evolution_version(settings: Settings) -> str | None:
    """The configured Evolution server's version (`GET /`), None when it does not say."""
    client = evolution_client(settings)
    if client is None:
        return None
    async with client:
        try:
            return await client.server_version()
        except EvolutionError:
            return None
