"""Regenerate reactiond/demo/conversation.json from the Evolution fixture shapes.

Run from the repository root: `python scripts/demo_payloads.py [path/to/shared]`. The demo
ships the result inside the package, so `reactiond demo` needs neither Evolution nor the
fixtures.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
SHARED = Path(sys.argv[1]) if len(sys.argv) > 1 else ROOT.parent / "shared"
FIXTURES = SHARED / "fixtures" / "evolution"
OUT = ROOT / "reactiond" / "demo" / "conversation.json"

ES = "messages.upsert.text-conversation.es.json"  # Lucía, 1:1, Mexico City
EN = "messages.upsert.text-extended-normalized.en.json"  # Mike, 1:1, San Francisco
PT = "messages.upsert.group-text.pt.json"  # Rafael, group, São Paulo
ANA = "messages.upsert.reaction-add.json"  # the owner, from her phone
CARLA = "messages.upsert.reaction-group-other-participant.json"

# (who wrote, message id, text, offset in seconds from the fixture's send time)
MESSAGES = [
    (ES, "DEMO-ES-1", "Pagar luz CFE $890 vence 15 enero", 0),
    (ES, "DEMO-ES-2", "Mañana a las 10 llevar el coche al taller", 30),
    (EN, "DEMO-EN-1", "Review presentation by Friday", 0),
    (EN, "DEMO-EN-2", "Dentist appointment tomorrow at 3pm", 20),
    (EN, "DEMO-EN-3", "Remember the wifi password is on the fridge", 40),
    (PT, "DEMO-PT-1", "Reunião amanhã às 15h no Zoom", 0),
    (PT, "DEMO-PT-2", "Pagar o aluguel R$ 2.500 e a internet R$ 120 até dia 5", 25),
]
# (reactor fixture, message id, emoji, note shown by the demo)
REACTIONS = [
    (ANA, "DEMO-ES-1", "💳", "Ana reacts 💳 to Lucía's bill"),
    (ANA, "DEMO-ES-2", "✅", "Ana reacts ✅ to Lucía's errand"),
    (ANA, "DEMO-EN-1", "🔴", "Ana marks Mike's request urgent 🔴"),
    (ANA, "DEMO-EN-2", "📅", "Ana puts Mike's appointment in the calendar 📅"),
    (ANA, "DEMO-EN-3", "📝", "Ana keeps Mike's tip as a note 📝"),
    (ANA, "DEMO-PT-1", "📅", "Ana adds Rafael's meeting 📅 (group)"),
    (CARLA, "DEMO-PT-2", "💳", "Carla (not the owner) reacts 💳 in the group"),
    (CARLA, "DEMO-PT-1", "🔥", "Carla reacts 🔥: no rule, nothing happens"),
    (ANA, "DEMO-ES-2", "", "Ana takes her ✅ back: the task is cancelled"),
]


def load(name: str) -> dict[str, Any]:
    data: dict[str, Any] = json.loads((FIXTURES / name).read_text(encoding="utf-8"))
    return data


def message(base: str, message_id: str, text: str, offset: int) -> dict[str, Any]:
    p = load(base)
    p["data"]["key"]["id"] = message_id
    p["data"]["message"] = {"conversation": text}
    p["data"]["messageTimestamp"] += offset
    p["data"].pop("contextInfo", None)
    return p


def reaction(base: str, target: dict[str, Any], emoji: str, n: int) -> dict[str, Any]:
    p = load(base)
    tkey = target["data"]["key"]
    data = p["data"]
    data["key"]["id"] = f"DEMO-R-{n}"
    data["key"]["remoteJid"] = tkey["remoteJid"]
    if tkey["remoteJid"].endswith("@g.us") and data["key"].get("fromMe"):
        data["key"]["participant"] = p["sender"]
    rkey: dict[str, Any] = {"remoteJid": tkey["remoteJid"], "fromMe": False, "id": tkey["id"]}
    if "participant" in tkey:
        rkey["participant"] = tkey["participant"]
    sent = target["data"]["messageTimestamp"] + 300 + n
    data["message"] = {
        "reactionMessage": {"key": rkey, "text": emoji, "senderTimestampMs": sent * 1000}
    }
    data["messageTimestamp"] = sent
    return p


def main() -> None:
    steps: list[dict[str, Any]] = []
    by_id = {}
    for base, mid, text, offset in MESSAGES:
        payload = message(base, mid, text, offset)
        by_id[mid] = payload
        steps.append({"say": f"{payload['data']['pushName']}: {text}", "payload": payload})
    for n, (base, mid, emoji, note) in enumerate(REACTIONS):
        steps.append({"say": note, "payload": reaction(base, by_id[mid], emoji, n)})
    OUT.write_text(json.dumps({"steps": steps}, ensure_ascii=False, indent=1) + "\n", "utf-8")
    print(f"wrote {len(steps)} steps to {OUT}")


if __name__ == "__main__":
    main()
