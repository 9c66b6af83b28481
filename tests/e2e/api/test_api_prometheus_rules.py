"""packaging/prometheus/alerts.yml: promtool accepts it, its unit tests pass, and every
reactiond metric it uses is one the real /metrics exposes."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest
from apisupport import REPO, Api

RULES = REPO / "packaging" / "prometheus"
promtool = shutil.which("promtool")
needs_promtool = pytest.mark.skipif(
    promtool is None,
    reason="promtool is not installed (apt-get install prometheus; scripts/test does it as "
    "root unless REACTIOND_TEST_NO_APT=1)",
)


@needs_promtool
def test_promtool_accepts_the_alert_rules() -> None:
    done = subprocess.run(
        [str(promtool), "check", "rules", "alerts.yml"],
        cwd=RULES,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "SUCCESS: 6 rules found" in done.stdout


@needs_promtool
def test_alert_rules_fire_on_their_unit_test_series() -> None:
    done = subprocess.run(
        [str(promtool), "test", "rules", "alerts.test.yml"],
        cwd=RULES,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stdout + done.stderr


async def test_alerts_use_only_metrics_that_reactiond_exposes(api: Api) -> None:
    used = set(re.findall(r"\breactiond_[a-z_]+", (RULES / "alerts.yml").read_text()))
    assert used  # the rules do refer to reactiond's metrics
    async with api.http.get(api.url + "/metrics") as r:
        text = await r.text()
    exposed = set(re.findall(r"^# TYPE (\S+) ", text, re.M))
    assert used - exposed == set()
