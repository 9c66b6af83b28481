"""What several benchmarks share: the machine line, a free loopback port, and a
message + 💳 reaction pair from the demo conversation."""

from __future__ import annotations

import copy
import os
import platform
import socket
from pathlib import Path
from typing import Any

from reactiond.demo import conversation


def machine() -> str:
    cpu = "unknown CPU"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{os.cpu_count()} cores, {cpu}, Python {platform.python_version()}, "
        f"{platform.system()} {platform.machine()}"
    )


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def bill_reaction_pair(
    i: int, *, prefix: str, amount: int
) -> tuple[dict[str, Any], dict[str, Any]]:
    """Message i ("Pagar luz CFE $<amount> vence 15 enero") and a 💳 reaction to it, with
    ids of their own, from the shipped demo conversation."""
    steps = [s["payload"] for s in conversation()]
    msg = copy.deepcopy(next(p for p in steps if p["data"]["key"]["id"] == "DEMO-ES-1"))
    react = copy.deepcopy(
        next(
            p for p in steps if p["data"]["message"].get("reactionMessage", {}).get("text") == "💳"
        )
    )
    msg["data"]["key"]["id"] = f"{prefix}-{i}"
    msg["data"]["message"]["conversation"] = f"Pagar luz CFE ${amount} vence 15 enero"
    react["data"]["key"]["id"] = f"{prefix}-R-{i}"
    react["data"]["message"]["reactionMessage"]["key"]["id"] = f"{prefix}-{i}"
    return msg, react
