"""The records endpoints through the real server: list with filters, sort and cursor
pages, one by id, PATCH, and the errors for bad input."""

from __future__ import annotations

from apisupport import NOW, Api

from tests import store_reads


async def test_list_tasks_returns_seeded_task_with_source_and_aware_due(api: Api) -> None:
    tid = await api.seed.task("Pagar renta", due="2026-01-16T15:00", tags=["casa"])
    status, body = await api.get("/api/tasks")
    assert status == 200
    assert body["next_cursor"] is None
    [task] = body["items"]
    assert task["id"] == tid
    assert task["title"] == "Pagar renta"
    assert task["due"] == "2026-01-16T15:00:00-06:00"
    assert task["tags"] == ["casa"]
    assert task["source"]["reactor"]["jid"] == "5215512345678@s.whatsapp.net"
    assert task["source"]["emoji"] == "✅"


async def test_status_filter_keeps_only_matching_tasks(api: Api) -> None:
    await api.seed.task("open one")
    done = await api.seed.task("done one", status="done")
    status, body = await api.get("/api/tasks", params={"status": "done"})
    assert status == 200
    assert [t["id"] for t in body["items"]] == [done]


async def test_due_range_includes_whole_end_day(api: Api) -> None:
    await api.seed.task("before", due="2026-01-14")
    inside = await api.seed.task("inside", due="2026-01-15T23:30")
    await api.seed.task("after", due="2026-01-16")
    await api.seed.task("no date")
    _, body = await api.get("/api/tasks", params={"due_from": "2026-01-15", "due_to": "2026-01-15"})
    assert [t["id"] for t in body["items"]] == [inside]


async def test_reactor_filter_accepts_a_phone_number(api: Api) -> None:
    await api.seed.task("mine", reactor="5215500000001@s.whatsapp.net")
    theirs = await api.seed.task("theirs", reactor="5215500000002@s.whatsapp.net")
    _, body = await api.get("/api/tasks", params={"reactor": "+52 1 55 0000 0002"})
    assert [t["id"] for t in body["items"]] == [theirs]


async def test_a_reactor_filter_that_is_no_jid_or_number_is_400(api: Api) -> None:
    status, body = await api.get("/api/tasks", params={"reactor": "Lucía"})
    assert status == 400
    assert "reactor='Lucía'" in body["error"]
    assert "@s.whatsapp.net" in body["hint"]


async def test_chat_filter_and_text_search_combine(api: Api) -> None:
    group = "120363000000000000@g.us"
    await api.seed.note("Lista", body="comprar leche", chat=group)
    wanted = await api.seed.note("Lista", body="comprar pan 100%", chat=group)
    await api.seed.note("Lista", body="comprar pan 100%")
    _, body = await api.get("/api/notes", params={"chat": group, "q": "pan 100%"})
    assert [n["id"] for n in body["items"]] == [wanted]


async def test_cursor_pages_cover_every_task_once_in_due_order(api: Api) -> None:
    ids = []
    for day in (5, 3, 9, 1, 7):
        ids.append(await api.seed.task(f"t{day}", due=f"2026-02-0{day}"))
    undated = await api.seed.task("undated")
    seen: list[str | None] = []
    seen_ids: list[int] = []
    cursor = None
    pages = 0
    while True:
        params = {"limit": "2", **({"cursor": cursor} if cursor else {})}
        status, body = await api.get("/api/tasks", params=params)
        assert status == 200
        pages += 1
        seen += [t["due"] for t in body["items"]]
        seen_ids += [t["id"] for t in body["items"]]
        cursor = body["next_cursor"]
        if cursor is None:
            break
    assert pages == 3
    assert seen == [f"2026-02-0{d}" for d in (1, 3, 5, 7, 9)] + [None]
    assert sorted(seen_ids) == sorted([*ids, undated])


async def test_descending_sort_by_created(api: Api) -> None:
    first = await api.seed.bill("A")
    second = await api.seed.bill("B")
    _, body = await api.get("/api/bills", params={"sort": "-created"})
    assert [b["id"] for b in body["items"]] == [second, first]


async def test_calendar_event_by_id_shows_start_in_its_zone(api: Api) -> None:
    eid = await api.seed.event(start="2026-01-12T15:00", recurrence="FREQ=WEEKLY;BYDAY=MO")
    status, event = await api.get(f"/api/calendar-events/{eid}")
    assert status == 200
    assert event["start"] == "2026-01-12T15:00:00-06:00"
    assert event["recurrence"] == "FREQ=WEEKLY;BYDAY=MO"
    assert event["all_day"] is False


async def test_unknown_id_is_404_with_hint(api: Api) -> None:
    status, body = await api.get("/api/bills/999")
    assert status == 404
    assert body["error"] == "no bill 999"
    assert "GET /api/bills" in body["hint"]


async def test_non_numeric_id_is_404(api: Api) -> None:
    status, body = await api.get("/api/tasks/abc")
    assert status == 404
    assert set(body) == {"error", "hint"}


async def test_unknown_status_filter_is_400_naming_the_statuses(api: Api) -> None:
    status, body = await api.get("/api/bills", params={"status": "overdue"})
    assert status == 400
    assert "overdue" in body["error"]
    assert "pending, paid, cancelled" in body["hint"]


async def test_misspelt_filter_is_400(api: Api) -> None:
    status, body = await api.get("/api/tasks", params={"stauts": "open"})
    assert status == 400
    assert "stauts" in body["error"]


async def test_bad_date_filter_is_400(api: Api) -> None:
    status, body = await api.get("/api/tasks", params={"due_from": "mañana"})
    assert status == 400
    assert "due_from" in body["error"]


async def test_forged_cursor_is_400(api: Api) -> None:
    status, body = await api.get("/api/tasks", params={"cursor": "not-a-cursor"})
    assert status == 400
    assert "cursor" in body["error"]


async def test_cursor_from_another_sort_is_400(api: Api) -> None:
    for _ in range(3):
        await api.seed.task()
    _, page = await api.get("/api/tasks", params={"limit": "1", "sort": "id"})
    status, body = await api.get(
        "/api/tasks", params={"limit": "1", "sort": "-id", "cursor": page["next_cursor"]}
    )
    assert status == 400
    assert "sort=id" in body["error"]


async def test_limit_out_of_range_is_400(api: Api) -> None:
    status, _ = await api.get("/api/tasks", params={"limit": "0"})
    assert status == 400


async def test_patch_done_sets_status_and_done_at(api: Api) -> None:
    tid = await api.seed.task()
    status, task = await api.patch(f"/api/tasks/{tid}", {"status": "done"})
    assert status == 200
    assert task["status"] == "done"
    assert task["done_at"] is not None
    _, again = await api.get(f"/api/tasks/{tid}")
    assert again["status"] == "done"


async def test_patch_bill_paid_sets_paid_at(api: Api) -> None:
    bid = await api.seed.bill()
    status, bill = await api.patch(f"/api/bills/{bid}", {"status": "paid"})
    assert status == 200
    assert bill["status"] == "paid"
    assert bill["paid_at"] == "2026-01-09T23:06:40+00:00"


async def test_patch_event_cancelled(api: Api) -> None:
    eid = await api.seed.event()
    status, event = await api.patch(f"/api/calendar-events/{eid}", {"status": "cancelled"})
    assert status == 200
    assert event["status"] == "cancelled"


async def test_patch_new_due_date_with_offset_is_kept_in_task_zone(api: Api) -> None:
    tid = await api.seed.task(due="2026-01-16")
    status, task = await api.patch(f"/api/tasks/{tid}", {"due": "2026-01-20T18:00:00Z"})
    assert status == 200
    assert task["due"] == "2026-01-20T12:00:00-06:00"


async def test_patch_records_an_event_log_row(api: Api) -> None:
    tid = await api.seed.task()
    seeded = await store_reads.logged(api.daemon.store)  # the seed's record.created
    await api.patch(f"/api/tasks/{tid}", {"title": "Nuevo título"})
    logged = (await store_reads.logged(api.daemon.store))[len(seeded) :]
    assert [(e.type, e.created_at) for e in logged] == [("record.updated", NOW)]
    assert logged[0].data["id"] == tid


async def test_patch_unknown_status_is_400_and_changes_nothing(api: Api) -> None:
    tid = await api.seed.task()
    status, body = await api.patch(f"/api/tasks/{tid}", {"status": "paid"})
    assert status == 400
    assert body["error"].startswith("status")
    assert "open, done, cancelled" in body["hint"]
    _, task = await api.get(f"/api/tasks/{tid}")
    assert task["status"] == "open"


async def test_patch_unknown_field_is_400(api: Api) -> None:
    tid = await api.seed.task()
    status, body = await api.patch(f"/api/tasks/{tid}", {"colour": "red"})
    assert status == 400
    assert "colour" in body["error"]


async def test_patch_bill_due_with_time_is_400(api: Api) -> None:
    bid = await api.seed.bill()
    status, body = await api.patch(f"/api/bills/{bid}", {"due": "2026-02-01T10:00"})
    assert status == 400
    assert body["hint"] == "write due as 2026-02-01"


async def test_patch_bill_due_that_is_no_date_says_so_not_that_it_has_a_time(api: Api) -> None:
    """A space in "next tuesday-ish" read as a date and a time: it was refused as "must be
    a date without a time", with the person's own text cut to 10 characters as advice."""
    bid = await api.seed.bill()
    status, body = await api.patch(f"/api/bills/{bid}", {"due": "next tuesday-ish"})
    assert status == 400
    assert body["error"] == "due 'next tuesday-ish' is not a date"
    assert body["hint"] == "write due as 2026-01-15"


async def test_patch_negative_amount_is_400(api: Api) -> None:
    bid = await api.seed.bill()
    status, body = await api.patch(f"/api/bills/{bid}", {"amount": "-5"})
    assert status == 400
    assert "amount" in body["error"]


async def test_patch_empty_object_is_400(api: Api) -> None:
    tid = await api.seed.task()
    status, body = await api.patch(f"/api/tasks/{tid}", {})
    assert status == 400
    assert body["error"] == "nothing to change"


async def test_patch_body_not_json_is_400(api: Api) -> None:
    tid = await api.seed.task()
    async with api.http.patch(f"{api.url}/api/tasks/{tid}", data=b"status=done") as r:
        assert r.status == 400
        assert (await r.json())["error"] == "the body is not JSON"


async def test_patch_unknown_id_is_404(api: Api) -> None:
    status, _ = await api.patch("/api/notes/77", {"title": "x"})
    assert status == 404


async def test_patch_bill_currency_that_is_no_iso_code_is_400(api: Api) -> None:
    bid = await api.seed.bill()
    status, body = await api.patch(f"/api/bills/{bid}", {"currency": "XYZ"})
    assert status == 400
    assert body["error"].startswith("currency: XYZ is not an ISO 4217 currency")
    _, bill = await api.get(f"/api/bills/{bid}")
    assert bill["currency"] == "MXN"


async def test_patch_bill_currency_is_stored_upper_case(api: Api) -> None:
    bid = await api.seed.bill()
    status, bill = await api.patch(f"/api/bills/{bid}", {"currency": "usd"})
    assert status == 200
    assert bill["currency"] == "USD"
