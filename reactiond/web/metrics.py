"""`GET /metrics` for Prometheus, on the daemon's own registry (never the process-global
one: two daemons in one process, as in tests, must not share counters).

Two sources: what happens in this process (webhook requests, job runs and their
latency) is counted as it happens, through the observer hooks of the webhook and the
worker; what the database holds (jobs by status, queue depth, NLP results, replies sent
and failed) is read at scrape time, so it survives restarts and costs nothing between
scrapes.
"""

from __future__ import annotations

from collections.abc import Iterator

from prometheus_client import CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from reactiond.domain import Job
from reactiond.store.snapshot import StoreSnapshot

LATENCY_BUCKETS = (0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600)
CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8"


class StoreCollector(Collector):
    """Exposes the latest `StoreSnapshot`; the /metrics handler refreshes it per scrape."""

    def __init__(self) -> None:
        self.snapshot: StoreSnapshot | None = None

    def collect(self) -> Iterator[Metric]:
        snap = self.snapshot
        if snap is None:
            return
        jobs = GaugeMetricFamily(
            "reactiond_jobs", "Jobs in the queue by status.", labels=["status"]
        )
        for status, n in sorted(snap.jobs_by_status.items()):
            jobs.add_metric([status], n)
        yield jobs
        yield GaugeMetricFamily(
            "reactiond_queue_depth", "Queued jobs runnable now.", value=snap.queue_depth
        )
        yield GaugeMetricFamily(
            "reactiond_queue_deferred", "Queued jobs waiting for a later time.", value=snap.deferred
        )
        yield GaugeMetricFamily(
            "reactiond_queue_oldest_age_seconds",
            "How long the oldest runnable job has waited (0 when none).",
            value=snap.oldest_queued_age_s or 0.0,
        )
        nlp = CounterMetricFamily(
            "reactiond_nlp_results",
            "Parser results by parser, language and outcome (success or failure).",
            labels=["parser", "language", "outcome"],
        )
        for (parser, language, outcome), n in sorted(snap.nlp_results.items()):
            nlp.add_metric([parser, language, outcome], n)
        yield nlp
        yield CounterMetricFamily(
            "reactiond_replies_sent",
            "Replies Evolution accepted.",
            value=snap.outbox_by_status.get("sent", 0),
        )
        yield CounterMetricFamily(
            "reactiond_replies_failed",
            "Replies given up on (dead in the outbox).",
            value=snap.outbox_by_status.get("dead", 0),
        )
        yield GaugeMetricFamily(
            "reactiond_outbox_backlog",
            "Replies waiting to be sent.",
            value=snap.outbox_by_status.get("pending", 0) + snap.outbox_by_status.get("sending", 0),
        )
        yield GaugeMetricFamily(
            "reactiond_last_webhook_timestamp_seconds",
            "When the last webhook was received (unix time; 0 when never).",
            value=float(snap.last_webhook_at or 0.0),
        )


class Metrics:
    """One daemon's metrics; also the observer the webhook and the worker report to."""

    def __init__(self) -> None:
        self.registry = CollectorRegistry()
        self.webhook_requests = Counter(
            "reactiond_webhook_requests",
            "Webhook requests by Evolution event and HTTP status.",
            ["event", "status"],
            registry=self.registry,
        )
        self.job_runs = Counter(
            "reactiond_job_runs",
            "Job runs by kind and outcome (done, retry, waiting, dead, lease_lost, unrecorded).",
            ["kind", "outcome"],
            registry=self.registry,
        )
        self.job_latency = Histogram(
            "reactiond_job_latency_seconds",
            "From a job's creation to its completion (done jobs): how long a reaction "
            "took to become a record.",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.job_run_seconds = Histogram(
            "reactiond_job_run_seconds",
            "How long one run of a job's handler took, whatever its outcome.",
            ["kind"],
            buckets=LATENCY_BUCKETS,
            registry=self.registry,
        )
        self.store = StoreCollector()
        self.registry.register(self.store)

    # -- observer hooks (webhook.WebhookObserver, worker.JobObserver) ---------------------
    def webhook_request(self, event: str, status: int) -> None:
        self.webhook_requests.labels(event=event, status=str(status)).inc()

    def job_finished(self, job: Job, outcome: str, run_seconds: float, now: float) -> None:
        self.job_runs.labels(kind=job.kind, outcome=outcome).inc()
        self.job_run_seconds.labels(kind=job.kind).observe(max(0.0, run_seconds))
        if outcome == "done":
            self.job_latency.labels(kind=job.kind).observe(max(0.0, now - job.created_at))

    def render(self, snapshot: StoreSnapshot) -> bytes:
        self.store.snapshot = snapshot
        return generate_latest(self.registry)
