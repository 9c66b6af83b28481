"""Bills from pictures and PDFs (issue 23), through the real webhook, the real daemon and
the fake Evolution: a 💳 on a picture or a PDF makes the bill from the file's text; the
bytes come from the webhook (webhookBase64) or, once, from Evolution's media endpoint; a
file too large, or a machine without Tesseract, gets a reply saying so; retention drops
the bytes and keeps what the file was."""

from __future__ import annotations

import shutil
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import aiohttp
import pytest

from reactiond.app import Daemon
from reactiond.documents.program import tesseract_command, use_tesseract
from reactiond.ops.retention import DAY, Policy, prune
from reactiond.records.trace import read_trace, trace_json
from reactiond.store import media_repo, people_repo
from reactiond.store.media_repo import StoredMedia
from tests import store_reads
from tests.e2e.conversation.conftest import jobs, jobs_idle, owner_says, records, sent_id
from tests.e2e.media.conftest import (
    CFE_LINES,
    bill_pdf,
    bill_picture,
    needs_pdftotext,
    needs_tesseract,
)
from tests.e2e.records.conftest import reaction
from tests.e2e.replies.conftest import DaemonFactory, wait_until
from tests.e2e.replies.test_replies_end_to_end import post, sent_now
from tests.fake_evolution import FakeEvolution
from tests.fixtures import INSTANCE
from tests.media_payloads import document_message, image_message


@pytest.fixture(autouse=True)
def tesseract_restored() -> Iterator[None]:
    """A daemon names the Tesseract program (REACTIOND_OCR_TESSERACT_CMD) process-wide: put
    it back for the tests that run after these in the same process."""
    before = tesseract_command()
    yield
    use_tesseract(before)


async def react(daemon: Daemon, target: dict[str, Any], emoji: str, rid: str) -> None:
    await post(daemon, reaction(target, emoji, rid, sent_ms=int(time.time() * 1000)))


async def bills(daemon: Daemon) -> list[dict[str, Any]]:
    return await records(daemon, "bills")


async def media_of(daemon: Daemon, message_id: str) -> StoredMedia:
    found = await daemon.store.read(
        lambda tx: media_repo.media_of_message(tx, INSTANCE, message_id)
    )
    assert found is not None
    return found


@needs_tesseract
async def test_a_picture_sent_with_its_bytes_becomes_a_bill(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    picture = sent_now(image_message("IMG-B64", data=bill_picture(CFE_LINES)))
    await post(daemon, picture)
    await react(daemon, picture, "💳", "R-IMG-B64")
    [sent] = await fake.wait_for_sends(1)
    assert "890" in sent.body["text"], sent.body["text"]
    [bill] = await bills(daemon)
    assert (bill["vendor"], bill["amount"], bill["currency"], bill["due_local"]) == (
        "CFE",
        "890.00",
        "MXN",
        "2026-12-28",
    )
    media = await media_of(daemon, "IMG-B64")
    assert media.source == "webhook" and media.read_method == "ocr" and "CFE" in (media.text or "")
    assert fake.media_fetches == []  # the webhook brought the bytes


@needs_tesseract
async def test_a_picture_without_bytes_is_fetched_from_evolution_once(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    picture = sent_now(image_message("IMG-FETCH"))  # webhookBase64 off: metadata only
    fake.keep_media("IMG-FETCH", bill_picture(CFE_LINES), "image/png")
    await post(daemon, picture)
    await post(daemon, picture)  # Evolution redelivers the message
    first = reaction(picture, "💳", "R-FETCH-1", sent_ms=int(time.time() * 1000))
    await post(daemon, first)
    await fake.wait_for_sends(1)
    await post(daemon, first)  # and the reaction
    second = reaction(picture, "💳", "R-FETCH-2", sent_ms=int(time.time() * 1000) + 5)
    await post(daemon, second)  # the same 💳 again: nothing new, nothing fetched
    await wait_until(lambda: jobs_idle(daemon), what="reaction jobs done")
    assert len(fake.media_fetches) == 1
    assert fake.media_fetches[0].body == {
        "message": {
            "key": {
                "fromMe": False,
                "id": "IMG-FETCH",
                "remoteJid": picture["data"]["key"]["remoteJid"],
            }
        },
        "convertToMp4": False,
    }
    [bill] = await bills(daemon)
    assert (bill["amount"], bill["due_local"]) == ("890.00", "2026-12-28")
    media = await media_of(daemon, "IMG-FETCH")
    assert (media.source, media.mimetype, media.has_bytes) == ("evolution", "image/jpeg", True)


@needs_pdftotext
async def test_a_pdf_invoice_becomes_a_bill(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    pdf = bill_pdf(
        [
            "TELMEX",
            "Recibo telefonico",
            "Total a pagar: $459.00",
            "Fecha límite de pago: 20 de diciembre de 2026",
        ]
    )
    document = sent_now(document_message("DOC-PDF", data=pdf, file_name="telmex.pdf"))
    await post(daemon, document)
    await react(daemon, document, "💳", "R-DOC-PDF")
    [sent] = await fake.wait_for_sends(1)
    assert "459" in sent.body["text"], sent.body["text"]
    [bill] = await bills(daemon)
    assert (bill["vendor"], bill["amount"], bill["due_local"]) == ("TELMEX", "459.00", "2026-12-20")
    media = await media_of(daemon, "DOC-PDF")
    assert (media.kind, media.read_method, media.pages) == ("document", "pdf_text", 1)
    trace = trace_json(await daemon.store.read(lambda tx: read_trace(tx, "DOC-PDF")))
    shown = trace["message"]["media"]
    assert (shown["bytes"], shown["source"], shown["file_name"]) == (
        "kept",
        "webhook",
        "telmex.pdf",
    )
    assert "base64" not in str(trace)


@needs_pdftotext
async def test_an_amount_no_label_names_is_asked_back_and_a_reply_corrects_it(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    pdf = bill_pdf(["TELMEX", "Recibo telefonico", "$459.00", "Vence: 20 de diciembre de 2026"])
    document = sent_now(document_message("DOC-GUESS", data=pdf, file_name="telmex.pdf"))
    await post(daemon, document)
    await react(daemon, document, "💳", "R-DOC-GUESS")
    [sent] = await fake.wait_for_sends(1)
    assert "❓ ¿$459.00? Supuse el importe" in sent.body["text"], sent.body["text"]
    confirmation = await sent_id(daemon, "action:")
    await post(daemon, owner_says("FIX-AMOUNT", "son $495", quoting=confirmation))
    await fake.wait_for_sends(2)
    [bill] = await bills(daemon)
    assert (bill["vendor"], bill["amount"]) == ("TELMEX", "495.00")


async def test_a_file_over_the_limit_is_refused_with_a_reply_and_not_kept(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(media_max_bytes=4096)
    large = bytes(range(256)) * 40  # 10 KB
    picture = sent_now(image_message("IMG-LARGE", data=large))
    await post(daemon, picture)
    await react(daemon, picture, "💳", "R-LARGE")
    [sent] = await fake.wait_for_sends(1)
    assert "demasiado grande" in sent.body["text"], sent.body["text"]
    assert await bills(daemon) == [] and fake.media_fetches == []
    media = await media_of(daemon, "IMG-LARGE")
    assert (media.has_bytes, media.size, media.read_error) == (False, len(large), "too_large")
    [action] = await store_reads.actions_on(daemon.store, INSTANCE, "IMG-LARGE")
    assert (action["outcome"], action["detail"]) == ("parse_failed", "document_too_large")


async def test_a_file_fetched_over_the_limit_is_refused_too(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(media_max_bytes=4096)
    picture = sent_now(image_message("IMG-LARGE-2"))
    picture["data"]["message"]["imageMessage"].pop("fileLength")  # size unknown beforehand
    fake.keep_media("IMG-LARGE-2", bytes(range(256)) * 40, "image/png")
    await post(daemon, picture)
    await react(daemon, picture, "💳", "R-LARGE-2")
    [sent] = await fake.wait_for_sends(1)
    assert "demasiado grande" in sent.body["text"], sent.body["text"]
    media = await media_of(daemon, "IMG-LARGE-2")
    assert not media.has_bytes and media.read_error == "too_large"


async def test_without_tesseract_a_picture_gets_the_install_command_and_text_still_works(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(ocr_tesseract_cmd="/nonexistent/bin/tesseract")
    picture = sent_now(image_message("IMG-NO-OCR", data=b"\x89PNG\r\n\x1a\n" + b"\0" * 64))
    await post(daemon, picture)
    await react(daemon, picture, "💳", "R-NO-OCR")
    [sent] = await fake.wait_for_sends(1)
    assert "no está activado" in sent.body["text"]
    assert "sudo apt install tesseract-ocr tesseract-ocr-spa" in sent.body["text"]
    text = sent_now(image_message("TXT-1"))
    text["data"]["message"] = {"conversation": "Pagar luz CFE $890 vence el 28 de diciembre"}
    text["data"]["messageType"] = "conversation"
    await post(daemon, text)
    await react(daemon, text, "💳", "R-TXT-1")
    await fake.wait_for_sends(2)
    [bill] = await bills(daemon)
    assert (bill["vendor"], bill["amount"]) == ("CFE", "890.00")


@needs_tesseract
async def test_a_missing_due_date_is_asked_for_and_a_reply_fills_it(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    lines = [line for line in CFE_LINES if not line[0].startswith("Fecha")]
    picture = sent_now(image_message("IMG-NO-DUE", data=bill_picture(lines)))
    await post(daemon, picture)
    await react(daemon, picture, "💳", "R-NO-DUE")
    [sent] = await fake.wait_for_sends(1)
    assert "No encontré la fecha de vencimiento — responde con ella" in sent.body["text"]
    confirmation = await sent_id(daemon, "action:")
    await post(daemon, owner_says("FIX-DUE", "el 30 de diciembre", quoting=confirmation))
    await fake.wait_for_sends(2)
    [bill] = await bills(daemon)
    assert (bill["amount"], bill["due_local"]) == ("890.00", "2026-12-30")


async def test_retention_drops_the_bytes_and_keeps_what_the_file_was(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon()
    data = b"\x89PNG\r\n\x1a\n" + b"\1" * 512
    await post(daemon, sent_now(image_message("IMG-OLD", data=data, caption="recibo")))
    kept = await media_of(daemon, "IMG-OLD")
    assert kept.has_bytes
    done = await prune(daemon.store, Policy(media_days=7), time.time() + 8 * DAY)
    assert done.get("media.bytes") == 1
    pruned = await media_of(daemon, "IMG-OLD")
    assert pruned.pruned and (pruned.sha256, pruned.size, pruned.caption) == (
        kept.sha256,
        len(data),
        "recibo",
    )
    assert await daemon.store.read(lambda tx: media_repo.media_bytes(tx, pruned.id)) is None
    trace = trace_json(await daemon.store.read(lambda tx: read_trace(tx, "IMG-OLD")))
    assert trace["message"]["media"]["bytes"] == "pruned"


async def test_evolution_failing_to_give_the_file_is_retried_then_answered(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(job_max_attempts=2, job_backoff_base_seconds=0.05)
    picture = sent_now(image_message("IMG-503"))
    fake.keep_media("IMG-503", b"\x89PNG\r\n\x1a\n" + b"\0" * 64, "image/png")
    await post(daemon, picture)
    fake.failing(503, times=2)  # both attempts' fetches
    await react(daemon, picture, "💳", "R-503")
    [sent] = await fake.wait_for_sends(1)
    assert "No pude descargar el archivo" in sent.body["text"], sent.body["text"]
    assert len(fake.media_fetches) == 2
    [job] = await jobs(daemon, "reaction")
    assert (job.status, job.attempts) == ("done", 2)  # answered, not dead, not retried on


async def test_health_warns_when_pictures_cannot_be_read(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(ocr_tesseract_cmd="/nonexistent/bin/tesseract")
    async with (
        aiohttp.ClientSession() as http,
        http.get(f"http://127.0.0.1:{daemon.port}/api/health") as resp,
    ):
        body = await resp.json()
    assert "ocr" in body["warnings"] and "ocr" not in body["failing"]
    ocr = body["checks"]["ocr"]
    assert "REACTIOND_OCR_TESSERACT_CMD=/nonexistent/bin/tesseract is not found" in ocr["warning"]
    assert "unset it" in ocr["hint"]


async def test_without_tesseract_a_caption_that_names_a_bill_still_makes_it(
    make_daemon: DaemonFactory, fake: FakeEvolution
) -> None:
    daemon = await make_daemon(ocr_tesseract_cmd="/nonexistent/bin/tesseract")
    caption = "Recibo de luz CFE $890 vence el 28 de diciembre"
    picture = sent_now(image_message("IMG-CAPTION", data=b"\x89PNG\r\n\x1a\n", caption=caption))
    await post(daemon, picture)
    await react(daemon, picture, "💳", "R-CAPTION")
    [sent] = await fake.wait_for_sends(1)
    assert sent.body["text"].startswith("💳"), sent.body["text"]
    assert "no está activado" in sent.body["text"]
    [bill] = await bills(daemon)
    assert (bill["vendor"], bill["amount"], bill["due_local"]) == ("CFE", "890.00", "2026-12-28")


@needs_tesseract
async def test_a_picture_is_read_first_in_its_senders_language(
    make_daemon: DaemonFactory, fake: FakeEvolution, tmp_path: Path
) -> None:
    # a Tesseract that writes down the languages it reads with, then reads
    runs = tmp_path / "runs"
    wrapper = tmp_path / "tesseract"
    wrapper.write_text(
        "#!/bin/sh\n"
        'lang=-; prev=""\n'
        'for a in "$@"; do [ "$prev" = "-l" ] && lang=$a; prev=$a; done\n'
        f'[ "$#" -gt 1 ] && echo "$lang" >> {runs}\n'
        f'exec {shutil.which("tesseract")} "$@"\n'
    )
    wrapper.chmod(0o755)
    daemon = await make_daemon(ocr_tesseract_cmd=str(wrapper))
    picture = sent_now(image_message("IMG-EN", data=bill_picture(CFE_LINES)))
    await post(daemon, picture)
    sender = picture["data"]["key"]["remoteJid"].split("@")[0]
    await daemon.store.write(lambda tx: people_repo.set_reply_language(tx, sender, "en"))
    await react(daemon, picture, "💳", "R-IMG-EN")
    await fake.wait_for_sends(1)
    [bill] = await bills(daemon)
    assert (bill["vendor"], bill["amount"]) == ("CFE", "890.00")
    assert runs.read_text().split()[0] == "eng"
