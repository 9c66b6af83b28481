"""The end-to-end suites again, with every daemon they start on PostgreSQL: the daemon
reads REACTIOND_DATABASE_URL like any setting, so the same tests drive the same code
through the other store. The fixtures of the suites' own conftest files are imported here
so that pytest finds them for the test modules imported below this folder."""

from __future__ import annotations

import pytest

from tests.e2e.records.conftest import chat, daemon  # noqa: F401
from tests.e2e.replies.conftest import client, fake, make_daemon  # noqa: F401


@pytest.fixture(autouse=True)
def _on_postgres(pg_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REACTIOND_DATABASE_URL", pg_url)
    # A daemon that crashed holds its periodic tasks (the outbox sender) until their lease
    # runs out: the restarted one waited 15 s for it. One daemon runs at a time here.
    monkeypatch.setenv("REACTIOND_TASK_LEASE_SECONDS", "3")
