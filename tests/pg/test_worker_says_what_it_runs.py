"""A worker process's start line names what it runs, and no port it does not serve."""

from __future__ import annotations

from pathlib import Path

from structlog.testing import capture_logs

from reactiond.app import Daemon
from reactiond.part import Role
from reactiond.settings import load_settings


async def test_a_worker_says_it_is_working_with_its_parts_and_no_port(
    tmp_path: Path, pg_url: str
) -> None:
    settings = load_settings(None, data_dir=tmp_path, database_url=pg_url, port=0)
    daemon = Daemon(settings, role=Role.WORKER)
    with capture_logs() as logs:
        await daemon.start()
        await daemon.stop()
    [started] = [e for e in logs if e["event"] in ("listening", "working")]
    assert started["event"] == "working" and "port" not in started
    assert "reactions" in started["parts"] and "webhook" not in started["parts"]
    assert "reaction" in started["handlers"]
