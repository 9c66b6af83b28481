"""`reactiond doctor` against a fake Evolution on loopback, healthy and misconfigured."""

from __future__ import annotations

import asyncio
import os
import re
import subprocess
import sys
import time
from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from reactiond.evolution.client import EvolutionClient
from reactiond.ops.doctor import Check, Status, check_daemon, diagnose
from reactiond.ops.lock import DataDirLock
from reactiond.settings import Settings
from tests.e2e.ops.support import INSTANCE, REPO, SECRET, free_port, open_store
from tests.fake_evolution import FakeEvolution

API_KEY = "doctor-test-key"


@pytest.fixture
async def evolution() -> AsyncIterator[FakeEvolution]:
    fake = FakeEvolution(instance=INSTANCE, api_key=API_KEY)
    await fake.start()
    yield fake
    await fake.stop()


@pytest.fixture
async def settings(tmp_path: Path, evolution: FakeEvolution) -> Settings:
    s = Settings(
        data_dir=tmp_path / "data",
        port=free_port(),
        webhook_secret=SecretStr(SECRET),
        evolution_url=evolution.url,
        evolution_api_key=SecretStr(API_KEY),
        allowed_instances=[INSTANCE],
        default_tz="America/Mexico_City",
    )
    store = await open_store(s.data_dir)
    await store.close()
    return s


async def point_webhook(
    fake: FakeEvolution, url: str, secret: str | None = SECRET, events: tuple[str, ...] = ()
) -> None:
    async with EvolutionClient(fake.url, API_KEY) as client:
        if events:
            await client.set_webhook(INSTANCE, url, secret=secret, events=events)
        else:
            await client.set_webhook(INSTANCE, url, secret=secret)


def ours(s: Settings) -> str:
    return f"http://127.0.0.1:{s.port}/webhook/{INSTANCE}"


def by_name(checks: list[Check]) -> dict[str, Check]:
    return {c.name: c for c in checks}


async def test_a_healthy_installation_passes_every_check(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await point_webhook(evolution, ours(settings))
    with DataDirLock(settings.data_dir):  # as a running daemon would
        checks = await diagnose(settings)
    # OCR (issue 23) is installed by scripts/system-tools; a machine without it warns.
    assert [c for c in checks if c.status is not Status.OK and c.name != "pictures"] == []
    assert set(by_name(checks)) == {
        "pictures",
        "data dir",
        "file modes",
        "environment",
        "database",
        "migrations",
        "daemon",
        "time zone",
        "evolution version",
        f"evolution {INSTANCE}",
        f"webhook {INSTANCE}",
        "clock",
    }
    assert "Evolution's clock" in by_name(checks)["clock"].detail


async def test_without_tesseract_doctor_warns_with_what_to_install(
    settings: Settings, evolution: FakeEvolution, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PATH", str(settings.data_dir))  # no tesseract there
    check = by_name(await diagnose(settings, evolution=False))["pictures"]
    assert check.status is Status.WARN and "tesseract-ocr" in check.detail
    assert "sudo apt install tesseract-ocr tesseract-ocr-spa" in check.detail


async def test_a_tesseract_command_that_is_not_there_says_to_fix_the_setting(
    settings: Settings, evolution: FakeEvolution
) -> None:
    missing = settings.model_copy(update={"ocr_tesseract_cmd": "/nonexistent/tesseract"})
    check = by_name(await diagnose(missing, evolution=False))["pictures"]
    assert check.status is Status.WARN
    assert "REACTIOND_OCR_TESSERACT_CMD=/nonexistent/tesseract is not found" in check.detail
    assert "apt" not in check.detail


async def test_a_tesseract_command_that_cannot_be_run_says_chmod(
    settings: Settings, evolution: FakeEvolution, tmp_path: Path
) -> None:
    program = tmp_path / "tesseract"
    program.write_text("#!/bin/sh\n")
    program.chmod(0o644)
    broken = settings.model_copy(update={"ocr_tesseract_cmd": str(program)})
    check = by_name(await diagnose(broken, evolution=False))["pictures"]
    assert check.status is Status.WARN
    assert f"chmod +x {program}" in check.detail


async def test_a_wrong_api_key_fails_saying_which_setting(
    settings: Settings, evolution: FakeEvolution
) -> None:
    bad = settings.model_copy(update={"evolution_api_key": SecretStr("nope")})
    check = by_name(await diagnose(bad))[f"evolution {INSTANCE}"]
    assert check.status is Status.FAIL
    assert "REACTIOND_EVOLUTION_API_KEY" in check.detail


async def test_evolution_not_configured_is_a_warning_as_in_the_health_report(
    settings: Settings,
) -> None:
    unset = settings.model_copy(update={"evolution_url": None, "evolution_api_key": None})
    check = by_name(await diagnose(unset))["evolution"]
    assert check.status is Status.WARN
    assert "REACTIOND_EVOLUTION_URL" in check.detail


async def test_an_unknown_instance_fails_naming_it(settings: Settings) -> None:
    check = by_name(await diagnose(settings, instances=["ghost"]))["evolution ghost"]
    assert check.status is Status.FAIL and "'ghost'" in check.detail


async def test_evolution_down_fails_with_the_url(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await evolution.down()
    check = by_name(await diagnose(settings))[f"evolution {INSTANCE}"]
    assert check.status is Status.FAIL
    assert "cannot reach Evolution" in check.detail and evolution.url in check.detail


async def test_a_disconnected_whatsapp_is_a_warning(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await point_webhook(evolution, ours(settings))
    evolution.state = "close"
    check = by_name(await diagnose(settings))[f"evolution {INSTANCE}"]
    assert check.status is Status.WARN and "QR code" in check.detail


async def test_no_webhook_fails(settings: Settings) -> None:
    check = by_name(await diagnose(settings))[f"webhook {INSTANCE}"]
    assert check.status is Status.FAIL and "no webhook" in check.detail


async def test_a_webhook_without_our_secret_fails(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await point_webhook(evolution, ours(settings), secret="someone-elses")
    check = by_name(await diagnose(settings))[f"webhook {INSTANCE}"]
    assert check.status is Status.FAIL and "401" in check.detail


async def test_a_webhook_pointing_elsewhere_fails(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await point_webhook(evolution, "http://127.0.0.1:9/hooks/evolution")
    check = by_name(await diagnose(settings))[f"webhook {INSTANCE}"]
    assert check.status is Status.FAIL and f"/webhook/{INSTANCE}" in check.detail


async def test_a_webhook_missing_messages_upsert_fails(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await point_webhook(evolution, ours(settings), events=("MESSAGES_UPDATE",))
    check = by_name(await diagnose(settings))[f"webhook {INSTANCE}"]
    assert check.status is Status.FAIL and "MESSAGES_UPSERT" in check.detail


async def test_the_cli_exits_zero_when_healthy_and_one_when_not(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await point_webhook(evolution, ours(settings))
    env = {
        **os.environ,
        "REACTIOND_DATA_DIR": str(settings.data_dir),
        "REACTIOND_PORT": str(settings.port),
        "REACTIOND_WEBHOOK_SECRET": SECRET,
        "REACTIOND_EVOLUTION_URL": evolution.url,
        "REACTIOND_EVOLUTION_API_KEY": API_KEY,
        "REACTIOND_ALLOWED_INSTANCES": f'["{INSTANCE}"]',
        "REACTIOND_DEFAULT_TZ": "America/Mexico_City",
    }

    def doctor(extra: dict[str, str]) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "reactiond", "doctor"],
            env={**env, **extra},
            cwd=REPO,
            capture_output=True,
            text=True,
            timeout=60,
        )

    healthy = await asyncio.to_thread(doctor, {})
    assert healthy.returncode == 0, healthy.stdout + healthy.stderr
    assert healthy.stdout.count("\nok ") + healthy.stdout.startswith("ok ") >= 6
    broken = await asyncio.to_thread(
        doctor, {"REACTIOND_WEBHOOK_SECRET": "rotated-secret-0123456789"}
    )
    assert broken.returncode == 1
    assert f"FAIL  webhook {INSTANCE}" in broken.stdout


# -- issue 16 item 8 -------------------------------------------------------------------


async def heard_from(s: Settings, instance: str, outcome: str = "stored") -> None:
    store = await open_store(s.data_dir)
    try:
        await store.count_event(instance, "messages.upsert", outcome, time.time())
    finally:
        await store.close()


async def test_without_instance_it_checks_the_instances_the_daemon_has_heard_from(
    settings: Settings, evolution: FakeEvolution
) -> None:
    await point_webhook(evolution, ours(settings))
    unset = settings.model_copy(update={"allowed_instances": []})
    await heard_from(unset, INSTANCE)
    await heard_from(unset, "stranger", outcome="rejected")  # refused: not ours
    names = set(by_name(await diagnose(unset)))
    assert {f"evolution {INSTANCE}", f"webhook {INSTANCE}"} <= names
    assert "evolution stranger" not in names and "evolution" not in names


async def test_without_instance_nor_webhooks_it_says_how_to_name_one(
    settings: Settings,
) -> None:
    unset = settings.model_copy(update={"allowed_instances": []})
    check = by_name(await diagnose(unset))["evolution"]
    assert check.status is Status.FAIL
    assert "--instance" in check.detail and "no webhook has reached" in check.detail


def test_the_daemon_hint_says_both_the_systemd_and_the_venv_way(tmp_path: Path) -> None:
    detail = check_daemon(tmp_path).detail
    assert "sudo systemctl start reactiond" in detail
    assert "reactiond run" in detail


async def test_no_log_line_is_printed_above_the_table(
    settings: Settings, evolution: FakeEvolution
) -> None:
    env = {
        **os.environ,
        "REACTIOND_DATA_DIR": str(settings.data_dir),
        "REACTIOND_EVOLUTION_URL": evolution.url,
        "REACTIOND_EVOLUTION_API_KEY": "wrong-key",  # the client logs Evolution's refusal
        "REACTIOND_DEFAULT_TZ": "America/Mexico_City",
    }
    done = await asyncio.to_thread(
        subprocess.run,
        [sys.executable, "-m", "reactiond", "doctor", "--instance", INSTANCE],
        env=env,
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 1
    lines = done.stdout.splitlines()
    assert all(re.match(r"(ok|warn|FAIL) ", line) for line in lines), done.stdout
    assert "evolution_refused" not in done.stdout + done.stderr


async def test_the_evolution_version_is_reported(
    settings: Settings, evolution: FakeEvolution
) -> None:
    evolution.version = "2.3.7"
    check = by_name(await diagnose(settings))["evolution version"]
    assert check.status is Status.OK and "2.3.7" in check.detail


async def test_a_version_that_cannot_send_to_lids_is_a_warning(
    settings: Settings, evolution: FakeEvolution
) -> None:
    evolution.version = "2.3.4"
    check = by_name(await diagnose(settings))["evolution version"]
    assert check.status is Status.WARN
    assert "2.3.4" in check.detail and "2.3.6" in check.detail


async def test_an_unknown_route_fails_pointing_at_the_url_not_the_instance(
    settings: Settings, evolution: FakeEvolution
) -> None:
    prefixed = settings.model_copy(update={"evolution_url": evolution.url + "/evolution"})
    check = by_name(await diagnose(prefixed))[f"evolution {INSTANCE}"]
    assert check.status is Status.FAIL
    assert "REACTIOND_EVOLUTION_URL" in check.detail and "prefix" in check.detail


async def test_a_missing_licence_fails_with_its_own_hint(
    settings: Settings, evolution: FakeEvolution
) -> None:
    evolution.license_required()
    check = by_name(await diagnose(settings))[f"evolution {INSTANCE}"]
    assert check.status is Status.FAIL and "LICENSE_REQUIRED" in check.detail
