"""`reactiond demo` as a newcomer runs it: a real subprocess, no Evolution, no fixtures."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from reactiond.demo import conversation
from tests.fixtures import REPO


def _demo(home: Path, **env: str) -> str:
    """What `reactiond demo` prints, run as a newcomer would, in a clean environment."""
    done = subprocess.run(
        [sys.executable, "-m", "reactiond", "demo"],
        cwd=REPO,
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(home), **env},
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_demo_prints_records_and_replies_in_four_languages(tmp_path: Path) -> None:
    out = _demo(tmp_path)
    assert "bill  [pending]   CFE 890.00 MXN due 2025-01-15" in out
    assert "task  [cancelled] Llevar el coche al taller" in out
    assert "event [scheduled] Reunião at 2025-01-15T15:00:00-03:00" in out
    assert "Cuenta registrada" in out and "Task added" in out and "Evento agendado" in out
    # One reaction was taken back: one confirmation withdrawn; its held "cancelled" notice
    # is not a confirmation (it said "2 confirmation(s)": issue 16).
    assert "(1 confirmation withdrawn before sending" in out
    assert "→ 5511912345678" in out  # Carla's reaction is answered privately
    # issue 21: a French exchange, in its writers' zones and currencies, answered in French
    assert "bill  [pending]   Senelec 18500.00 XOF due 2025-02-05" in out
    assert "event [scheduled] Réunion d'équipe at 2025-01-15T10:00:00+01:00" in out
    assert "Facture enregistrée : Senelec — 18 500 F CFA" in out
    assert "Événement planifié : Réunion d'équipe" in out


def test_demo_payloads_are_shipped_inside_the_package() -> None:
    steps = conversation()
    assert len(steps) >= 10
    assert all(json.dumps(s["payload"]).startswith('{"event": "messages.upsert"') for s in steps)


def test_demo_speaks_the_clis_language(tmp_path: Path) -> None:
    """The frame and the narration in REACTIOND_LANGUAGE; the messages as written."""
    out = _demo(tmp_path, REACTIOND_LANGUAGE="pt")
    assert "A conversa (enviada em 14 jan 2025" in out
    assert "  Ana reage 💳 à conta da Lucía" in out
    assert "  Lucía Hernández: Pagar luz CFE $890 vence 15 enero" in out  # as written
    assert "conta  [pending]   CFE 890.00 MXN vence 2025-01-15" in out
    assert "(1 confirmação retirada antes do envio" in out
    assert "Records created" not in out and "Ana reacts" not in out
