"""The outbox sender: delivers queued replies through Evolution, in order per chat.

A service of the daemon, apart from the webhook and the worker: a slow or absent
Evolution never holds up either. It wakes when a transaction that queued a reply commits
(`store.subscribe("outbox", …)`); a timer serves only retries.

For each (instance, destination) queue, only the oldest unsent row is in flight (the
sender keeps that in memory; no commit needed): send → record `sent` with Evolution's
message id (one commit). The next row of the chat goes as soon as Evolution accepted
the previous one. Evolution down or a 5xx → the row goes back to `pending` with a
backoff, for as long as `give_up_after`; a send that timed out is "maybe sent" and
Evolution is asked whether it has it before any resend; a 4xx that will never succeed → `dead`
with the reason and a `reply.dead` event. See docs/outbox.md for what a crash between
the send and its commit can cause.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import functools
import random
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import structlog

from reactiond.engine.connection_gate import ConnectionGate
from reactiond.engine.retry import backoff_delay
from reactiond.evolution.client import (
    EvolutionError,
    EvolutionMaybeSent,
    EvolutionRejected,
    EvolutionUnauthorized,
    EvolutionUnavailable,
    InstanceNotFound,
    LicenseRequired,
    NotOnWhatsApp,
    SentMessage,
    UnknownRoute,
    WhatsAppDisconnected,
)
from reactiond.store import outbox
from reactiond.store.interface import Store, StoreUnavailable, Transaction
from reactiond.store.outbox import OutboxRow

log = structlog.get_logger("reactiond.outbox")

MAX_IDLE_SLEEP = 30.0
ChatKey = tuple[str, str]


class Sends(Protocol):
    """What the sender needs from the Evolution client."""

    async def send_raw(self, instance: str, kind: str, body: dict[str, Any]) -> SentMessage: ...

    async def find_sent(
        self, instance: str, kind: str, body: dict[str, Any], since: float
    ) -> str | None: ...


# `last_error` of a row whose send timed out (or was cut by a stop): it may have gone out.
# Before it is sent again, Evolution is asked whether it has it (docs/outbox.md).
MAYBE_SENT = "maybe sent"
_MAYBE_SENT_AT = re.compile(r"^maybe sent at (\d+(?:\.\d+)?)")


@dataclass(frozen=True)
class OutboxSettings:
    concurrency: int = 16  # chats in flight at once (one row each)
    backoff_base: float = 2.0
    backoff_max: float = 600.0  # retry at least every 10 minutes while Evolution is down
    give_up_after: float = 48 * 3600.0  # then the reply is dead: too late to be useful
    stop_grace: float = 15.0  # longer than the client's timeout: a clean stop never resends
    # After a send timed out, wait this long before asking Evolution whether it went out:
    # time for a slow Evolution to finish the send and save the message (talkback sets
    # twice the send timeout).
    maybe_sent_wait: float = 120.0


@dataclass(frozen=True)
class Outcome:
    """What to record for one attempt; decided by `judge`, a pure function."""

    status: str  # sent | retry | dead
    message_id: str | None = None
    error: str | None = None
    retry_at: float | None = None


def judge(
    row: OutboxRow,
    error: Exception | None,
    sent: SentMessage | None,
    now: float,
    settings: OutboxSettings,
    rand: random.Random,
) -> Outcome:
    if error is None:
        return Outcome("sent", message_id=sent.message_id if sent else None)
    reason = _reason(error)
    waits_for_phone = isinstance(error, NotOnWhatsApp) and row.destination.endswith("@lid")
    if waits_for_phone:
        # Evolution before 2.3.6 cannot send to a LID (it says `exists: false`): wait for
        # the person's phone JID, which the next message carrying both identities gives
        # (the store then moves the reply to it), until `give_up_after`.
        reason = f"{reason} (this Evolution cannot send to a LID: waiting for the phone number)"
    elif isinstance(error, EvolutionRejected | LicenseRequired):
        # Not on WhatsApp, invalid, or a server that refuses all work until an operator
        # acts: retrying for 48 h helps nobody; `reactiond outbox retry` after the fix.
        return Outcome("dead", error=reason)
    # Unavailable (WhatsApp reconnecting, rate limit, timeout, 5xx), and also a refused
    # key, an unknown instance or route: an operator can fix those, and the reply should
    # then still go out. Everything else unexpected too.
    if now - row.created_at >= settings.give_up_after:
        hours = settings.give_up_after / 3600
        return Outcome("dead", error=f"gave up after {hours:g} h: {reason}")
    delay = backoff_delay(
        row.attempts, base=settings.backoff_base, cap=settings.backoff_max, rand=rand
    )
    return Outcome("retry", error=reason, retry_at=now + delay)


def maybe_sent_since(last_error: str | None) -> float | None:
    """When the send that may have gone out started (Unix seconds), from `last_error`."""
    match = _MAYBE_SENT_AT.match(last_error or "")
    return float(match.group(1)) if match else None


def _reason(error: Exception) -> str:
    if isinstance(error, EvolutionError):
        status = f"{error.status} " if error.status is not None else ""
        kind = {
            EvolutionRejected: "rejected",
            NotOnWhatsApp: "rejected",
            EvolutionUnauthorized: "unauthorized",
            InstanceNotFound: "instance not found",
            UnknownRoute: "unknown route",
            LicenseRequired: "licence required",
            EvolutionUnavailable: "unavailable",
            WhatsAppDisconnected: "disconnected",
        }.get(type(error), "error")
        return f"{status}{kind}: {error.message}"[:500]
    return f"{type(error).__name__}: {error}"[:500]


class OutboxSender:
    # Replies leave once and in order per chat: among processes sharing a database, one
    # at a time sends them (engine/held.py).
    ONE_PROCESS = "outbox"

    def __init__(
        self,
        store: Store,
        client: Sends,
        settings: OutboxSettings | None = None,
        *,
        clock: Callable[[], float] = time.time,
        rand: random.Random | None = None,
        gate: ConnectionGate | None = None,
    ) -> None:
        self.store = store
        self.client = client
        self.gate = gate  # holds an instance's sends while WhatsApp reconnects
        self.settings = settings or OutboxSettings()
        self.clock = clock
        self.rand = rand or random.Random()
        self._wake = asyncio.Event()
        self.idle = False  # waiting on its timer or a wake-up (what a test waits for)
        self._stopping = False
        self._loop_task: asyncio.Task[None] | None = None
        self._inflight: dict[ChatKey, asyncio.Task[None]] = {}
        self.sent = 0
        self.dead = 0
        self.retries = 0
        # Set when several processes share the database (engine/held.py): each send is
        # fenced by this process's hold on the outbox's task lease.
        self.lease_holder: str | None = None
        store.subscribe(outbox.TOPIC, self.wake)

    def wake(self) -> None:
        self._wake.set()

    async def start(self) -> None:
        self._stopping = False
        resumed = await self.store.write(lambda tx: outbox.resume_interrupted(tx, self.clock()))
        if resumed:
            log.warning("outbox_resumed_interrupted_sends", rows=resumed)
        self._loop_task = asyncio.create_task(self._run(), name="reactiond-outbox")

    async def stop(self, grace: float | None = None) -> None:
        """Stop taking rows; let sends in flight finish (the client's timeout is shorter
        than the grace) and record their outcome, so that a clean stop never resends."""
        grace = self.settings.stop_grace if grace is None else grace
        self._stopping = True
        self.wake()
        if self._loop_task is not None:
            await self._loop_task
            self._loop_task = None
        tasks = list(self._inflight.values())
        if tasks:
            _, pending = await asyncio.wait(tasks, timeout=grace)
            for task in pending:
                task.cancel()
            await asyncio.gather(*pending, return_exceptions=True)

    async def _run(self) -> None:
        while not self._stopping:
            self._wake.clear()
            free = self.settings.concurrency - len(self._inflight)
            if free <= 0:
                await self._sleep(MAX_IDLE_SLEEP)  # a finishing chat wakes us
                continue
            try:
                heads, due = await self.store.read(
                    functools.partial(self._look, busy=set(self._inflight), limit=free)
                )
            except StoreUnavailable as exc:
                log.error("outbox_read_failed", why=exc.reason)
                await self._sleep(5.0)
                continue
            for row in heads:
                key = (row.instance, row.destination)
                self._inflight[key] = asyncio.create_task(self._drain(key, row))
            if len(heads) == free:
                continue  # other chats may be waiting too
            timeout = MAX_IDLE_SLEEP if due is None else due - self.clock()
            await self._sleep(min(MAX_IDLE_SLEEP, timeout))

    def _look(
        self, tx: Transaction, *, busy: set[ChatKey], limit: int
    ) -> tuple[list[OutboxRow], float | None]:
        """The due heads to send now and, when they are not all taken, when the next
        waiting head becomes due (the timer): one transaction of one batch."""
        return outbox.due_heads_and_next_due(tx, self.clock(), busy=busy, limit=limit)

    async def _sleep(self, seconds: float) -> None:
        if seconds <= 0 or self._stopping:
            return
        self.idle = True
        try:
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wake.wait(), seconds)
        finally:
            self.idle = False

    async def _drain(self, key: ChatKey, head: OutboxRow) -> None:
        """Send one chat's due rows in order, one at a time. A row's outcome, the read of
        the chat's next row and that row's claim are one transaction; a retry (the rest
        of the chat waits behind it) is recorded alone. The chat is released only once
        every outcome is on disk, so nothing reads a sent row as still pending."""
        recording: list[asyncio.Task[None]] = []
        row: OutboxRow | None = await self._claim(head)
        try:
            while row is not None:
                attempt = dataclasses.replace(row, attempts=row.attempts + 1)
                outcome = await self._attempt(attempt)
                if outcome.status == "retry" or self._stopping:
                    recording.append(asyncio.create_task(self._record(attempt, outcome)))
                    break
                row = await self._record_then_claim_next(attempt, outcome, recording)
        finally:
            await asyncio.gather(*recording, return_exceptions=True)
            self._inflight.pop(key, None)
            self.wake()

    def _claim_note(self, row: OutboxRow, now: float) -> tuple[str, float]:
        """What a claim writes in `last_error` (keeping the time of an earlier send that
        may be out), and when the row is looked at again if nothing is recorded."""
        since = maybe_sent_since(row.last_error)
        note = row.last_error if since is not None else f"{MAYBE_SENT} at {now:.3f}: in flight"
        assert note is not None
        return note, now + self.settings.maybe_sent_wait

    async def _claim(self, row: OutboxRow) -> OutboxRow | None:
        """Commit, before anything leaves, that `row` may be out from now on (store/outbox:
        `claim_for_sending`). None when it cannot be claimed: the row changed since it was
        read (the main loop reads it again) or, with several processes, the outbox's lease
        moved on."""
        now = self.clock()
        note, recheck = self._claim_note(row, now)
        holder = self.lease_holder
        try:
            claimed = await self.store.write(
                lambda tx: outbox.claim_for_sending(tx, row, note, recheck, now, holder)
            )
        except StoreUnavailable as exc:
            log.error("outbox_claim_failed", outbox_id=row.id, why=exc.reason)
            return None
        if not claimed:
            log.info("outbox_row_not_claimed", outbox_id=row.id, holder=holder)
            return None
        return row

    async def _record_then_claim_next(
        self, row: OutboxRow, outcome: Outcome, recording: list[asyncio.Task[None]]
    ) -> OutboxRow | None:
        """Record a sent or dead `row` and claim the next due row of its chat, in one
        transaction; that row, or None when there is none to send now (none due, changed
        meanwhile, or the outbox's lease moved on). When the store refuses, the outcome
        is recorded alone, retried until it is on disk, and the chat ends here: the main
        loop finds its next row once the store answers."""
        now = self.clock()
        holder = self.lease_holder

        def record_then_claim(tx: Transaction) -> tuple[OutboxRow | None, bool]:
            if outcome.status == "sent":
                following = outbox.mark_sent_then_next_in_chat(tx, row, outcome.message_id, now)
            else:
                error = outcome.error or ""
                following = outbox.mark_dead_then_next_in_chat(tx, row, error, now)
            if following is None:
                return None, True
            note, recheck = self._claim_note(following, now)
            claimed = outbox.claim_for_sending(tx, following, note, recheck, now, holder)
            return following, claimed

        try:
            following, claimed = await self.store.write(record_then_claim)
        except StoreUnavailable as exc:
            log.error("outbox_outcome_not_recorded", outbox_id=row.id, why=exc.reason)
            recording.append(asyncio.create_task(self._record(row, outcome)))
            return None
        if following is not None and not claimed:
            log.info("outbox_row_not_claimed", outbox_id=following.id, holder=holder)
            return None
        return following

    async def _attempt(self, row: OutboxRow) -> Outcome:
        bound = log.bind(
            outbox_id=row.id, instance=row.instance, kind=row.kind, attempt=row.attempts
        )
        started = time.perf_counter()
        since = maybe_sent_since(row.last_error)
        if since is not None:
            found = await self._look_up(row, since, bound)
            if found is not None:
                return found
        sent_from = self.clock()
        error: Exception | None = None
        sent: SentMessage | None = None
        held = await self.gate.hold(row.instance) if self.gate is not None else None
        try:
            if held is not None:
                raise WhatsAppDisconnected(held)
            sent = await self.client.send_raw(row.instance, row.kind, row.body)
        except asyncio.CancelledError:
            if self._stopping:
                # A stop's grace ran out with the send in flight: it may go out all the
                # same. Say so on disk, so that the next start asks Evolution first.
                cut = self._maybe_sent(row, sent_from, "stopped while the send was in flight")
                with contextlib.suppress(Exception):
                    await asyncio.shield(self._record(row, cut))
            raise
        except Exception as exc:
            error = exc
            if not isinstance(exc, EvolutionError):
                bound.exception("outbox_send_crashed")
        if self.gate is not None and held is None:
            self.gate.saw(row.instance, error)
        outcome = judge(row, error, sent, self.clock(), self.settings, self.rand)
        if isinstance(error, EvolutionMaybeSent) and outcome.status == "retry":
            outcome = self._maybe_sent(row, sent_from, outcome.error or error.message)
        ms = round((time.perf_counter() - started) * 1000, 2)
        if outcome.status == "sent":
            self.sent += 1
            bound.info("reply_sent", message_id=outcome.message_id, ms=ms)
        elif outcome.status == "retry":
            self.retries += 1
            bound.warning("reply_retry", error=outcome.error, retry_at=outcome.retry_at)
        else:
            self.dead += 1
            bound.error("reply_dead", error=outcome.error)
        return outcome

    def _maybe_sent(self, row: OutboxRow, since: float, reason: str) -> Outcome:
        """Retry, but only after asking Evolution, and not before it has had time to
        finish the send it may still be working on."""
        delay = backoff_delay(
            row.attempts,
            base=self.settings.backoff_base,
            cap=self.settings.backoff_max,
            rand=self.rand,
        )
        wait = max(delay, self.settings.maybe_sent_wait)
        return Outcome(
            "retry",
            error=f"{MAYBE_SENT} at {since:.3f}: {reason}"[:500],
            retry_at=self.clock() + wait,
        )

    async def _look_up(self, row: OutboxRow, since: float, bound: Any) -> Outcome | None:
        """For a row that may have gone out: `sent` when Evolution has it; a retry (still
        "maybe sent", nothing sent) when Evolution cannot be asked; None to send it."""
        try:
            message_id = await self.client.find_sent(row.instance, row.kind, row.body, since)
        except asyncio.CancelledError:
            raise
        except Exception as exc:
            reason = exc.message if isinstance(exc, EvolutionError) else type(exc).__name__
            bound.warning("reply_lookup_failed", error=reason)
            if self.clock() - row.created_at >= self.settings.give_up_after:
                self.dead += 1
                return Outcome("dead", error=f"maybe sent, and Evolution never said: {reason}")
            self.retries += 1
            return self._maybe_sent(row, since, f"could not ask Evolution: {reason}")
        if message_id is None:
            bound.info("reply_not_found_sending_again")
            return None
        self.sent += 1
        bound.info("reply_found_sent", message_id=message_id)
        return Outcome("sent", message_id=message_id)

    async def _record(self, row: OutboxRow, outcome: Outcome) -> None:
        """Write the outcome; keep trying while the store refuses, so that a reply that
        went out is not sent again because its `sent` mark was lost."""
        delay = 0.5
        while True:
            try:
                await self.store.write(lambda tx: self._apply(tx, row, outcome))
                return
            except StoreUnavailable as exc:
                log.error("outbox_outcome_not_recorded", outbox_id=row.id, why=exc.reason)
                if self._stopping:
                    return  # the row stays pending; the next start resends it (docs/outbox.md)
                await asyncio.sleep(delay)
                delay = min(delay * 2, 10.0)

    def _apply(self, tx: Transaction, row: OutboxRow, outcome: Outcome) -> None:
        now = self.clock()
        if outcome.status == "sent":
            outbox.mark_sent(tx, row, outcome.message_id, now)
        elif outcome.status == "retry":
            assert outcome.retry_at is not None
            outbox.mark_retry(tx, row, outcome.error or "", outcome.retry_at, now)
        else:
            outbox.mark_dead(tx, row, outcome.error or "", now)
