"""`GET /api/outbox` and `/api/outbox/{id}`: the replies with their whole text, filters
and cursor pages like the other lists (issue 16 item 1)."""

from __future__ import annotations

from apisupport import NOW, Api

from reactiond.store import outbox
from reactiond.store.interface import Transaction
from tests.store_writes import reply_dead, reply_sent


async def _seed(api: Api) -> None:
    def write(tx: Transaction) -> None:
        for n in range(5):
            outbox.queue_text(
                tx,
                dedupe_key=f"action:{n}:created",
                instance="main",
                destination="5215512345678" if n % 2 else "120363000000000000@g.us",
                text=f"✅ Tarea creada: número {n}\nVence: mañana",
                language="es",
                now=NOW,
                send_at=NOW + 86400,  # not yet: the sender leaves them alone
            )
        outbox.queue_reaction(
            tx,
            dedupe_key="react:1",
            instance="main",
            message_key={"id": "M1", "remoteJid": "5215512345678@s.whatsapp.net", "fromMe": False},
            emoji="👀",
            now=NOW,
        )
        reply_dead(tx, 2, "x", NOW)

    await api.daemon.store.write(write)


async def test_list_shows_each_reply_with_its_whole_text_newest_first(api: Api) -> None:
    await _seed(api)
    status, page = await api.get("/api/outbox")
    assert status == 200
    assert [r["id"] for r in page["items"]] == [6, 5, 4, 3, 2, 1]
    assert page["items"][-1]["text"] == "✅ Tarea creada: número 0\nVence: mañana"
    assert page["items"][0]["kind"] == "reaction" and page["items"][0]["text"] == "👀"
    assert page["next_cursor"] is None


async def test_filters_combine(api: Api) -> None:
    await _seed(api)
    _, dead = await api.get("/api/outbox", params={"status": "dead"})
    assert [r["id"] for r in dead["items"]] == [2]
    _, chat = await api.get(
        "/api/outbox", params={"destination": "5215512345678", "status": "pending,dead"}
    )
    assert [r["id"] for r in chat["items"]] == [4, 2]
    _, texts = await api.get("/api/outbox", params={"kind": "text", "instance": "main"})
    assert len(texts["items"]) == 5


async def test_cursor_pages_cover_every_reply_once(api: Api) -> None:
    await _seed(api)
    seen: list[int] = []
    params = {"limit": "4"}
    while True:
        status, page = await api.get("/api/outbox", params=params)
        assert status == 200
        seen += [r["id"] for r in page["items"]]
        if page["next_cursor"] is None:
            break
        params = {"limit": "4", "cursor": page["next_cursor"]}
    assert seen == [6, 5, 4, 3, 2, 1]


async def test_one_reply_by_id(api: Api) -> None:
    await _seed(api)
    status, reply = await api.get("/api/outbox/2")
    assert status == 200
    assert reply["status"] == "dead" and reply["last_error"] == "x"
    assert reply["text"].startswith("✅ Tarea creada: número 1\n")


async def test_unknown_reply_is_404_with_hint(api: Api) -> None:
    status, body = await api.get("/api/outbox/99")
    assert status == 404
    assert body == {"error": "no reply 99", "hint": "list replies with GET /api/outbox"}


async def test_bad_filters_are_400_naming_them(api: Api) -> None:
    status, body = await api.get("/api/outbox", params={"status": "gone"})
    assert (status, body["error"]) == (400, "unknown status 'gone' for the outbox")
    status, body = await api.get("/api/outbox", params={"colour": "red"})
    assert (status, body["error"]) == (400, "unknown filter 'colour' for the outbox")
    status, _ = await api.get("/api/outbox", params={"limit": "0"})
    assert status == 400
    status, _ = await api.get("/api/outbox", params={"cursor": "nonsense"})
    assert status == 400
    # A cursor of a records listing (sort=due) is not one of the outbox's:
    status, body = await api.get(
        "/api/outbox", params={"cursor": "eyJzIjoiZHVlIiwidiI6MSwiaSI6MX0"}
    )
    assert status == 400 and "outbox" in body["error"]


async def test_retry_sends_a_dead_reply_again_keeping_its_attempts(api: Api) -> None:
    await _seed(api)
    await api.daemon.store.write(lambda tx: reply_dead(tx, 2, "x", NOW, attempts=4))
    status, reply = await api.post("/api/outbox/2/retry")
    assert status == 200
    assert (reply["id"], reply["status"], reply["attempts"]) == (2, "pending", 4)


async def test_retry_refuses_a_sent_reply_and_an_unknown_one(api: Api) -> None:
    await _seed(api)
    await api.daemon.store.write(lambda tx: reply_sent(tx, 3, NOW))
    status, body = await api.post("/api/outbox/3/retry")
    assert (status, body["error"]) == (409, "reply 3 is sent, not dead")
    assert "dead reply" in body["hint"]
    status, body = await api.post("/api/outbox/99/retry")
    assert status == 404
    assert body == {"error": "no reply 99", "hint": "list replies with GET /api/outbox"}
