"""Hold an instance's sends while its WhatsApp connection is not open.

When Evolution says a send failed because WhatsApp's socket is closed (it reconnects
every now and then), sending the next replies into the same closed socket only turns
them into more failures. After such an answer the instance is "suspect": before each
send the gate asks Evolution's `connectionState` (one cheap GET instead of a POST that
fails) and lets the send through only once the state is `open` again. The outbox's own
backoff spaces the questions.
"""

from __future__ import annotations

from typing import Protocol

import structlog

from reactiond.evolution.client import ConnectionState, EvolutionError, WhatsAppDisconnected

log = structlog.get_logger("reactiond.outbox")


class KnowsConnectionState(Protocol):
    async def connection_state(self, instance: str) -> ConnectionState: ...


class ConnectionGate:
    def __init__(self, client: KnowsConnectionState) -> None:
        self.client = client
        self._suspect: dict[str, str] = {}  # instance → last state seen (or why unknown)

    def saw(self, instance: str, error: Exception | None) -> None:
        """Called with each send's outcome: a closed socket makes the instance suspect."""
        if isinstance(error, WhatsAppDisconnected):
            if instance not in self._suspect:
                log.warning("whatsapp_disconnected", instance=instance)
            self._suspect[instance] = "disconnected"

    async def hold(self, instance: str) -> str | None:
        """None when sends may go; else why they wait (the state Evolution reported)."""
        if instance not in self._suspect:
            return None
        try:
            state = await self.client.connection_state(instance)
        except EvolutionError as exc:
            # Evolution cannot say: the send itself will tell (and be retried).
            log.info("connection_state_unknown", instance=instance, why=exc.message)
            return None
        if state.is_open:
            del self._suspect[instance]
            log.info("whatsapp_reconnected", instance=instance)
            return None
        self._suspect[instance] = state.state
        return f"held: WhatsApp is {state.state!r} on {instance!r}, waiting for 'open'"
