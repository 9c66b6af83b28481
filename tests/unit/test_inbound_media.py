"""Pictures and documents in the webhook (issue 23): their metadata read from every shape,
their bytes (webhookBase64) taken apart from the payload kept for replay, and bounded."""

from __future__ import annotations

import base64
import hashlib
import json

from hypothesis import given
from hypothesis import strategies as st

from reactiond.domain import Media, Message
from reactiond.evolution.inbound import Translation, translate
from tests.fixtures import INSTANCE
from tests.media_payloads import document_message, image_message

PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256))


def message_of(payload: dict[str, object], max_media_bytes: int | None = None) -> Message:
    result = translate(payload, instance_from_url=INSTANCE, max_media_bytes=max_media_bytes)
    assert isinstance(result, Translation)
    [message] = result.events
    assert isinstance(message, Message)
    return message


def media_of(payload: dict[str, object], max_media_bytes: int | None = None) -> Media:
    media = message_of(payload, max_media_bytes).media
    assert media is not None
    return media


def test_the_shared_image_fixture_gives_its_metadata_and_no_bytes() -> None:
    media = media_of(image_message("IMG-1", caption="Recibo de luz"))
    assert (media.kind, media.mimetype, media.size, media.caption) == (
        "image",
        "image/jpeg",
        184233,
        "Recibo de luz",
    )
    assert media.data is None and media.sha256 is None
    assert json.loads(media.key) == {
        "fromMe": False,
        "id": "IMG-1",
        "remoteJid": "5215587654321@s.whatsapp.net",
    }


def test_a_document_gives_its_name_and_pages() -> None:
    media = media_of(document_message("DOC-1", pages=4, file_name="factura.pdf"))
    assert (media.kind, media.mimetype, media.pages, media.file_name) == (
        "document",
        "application/pdf",
        4,
        "factura.pdf",
    )


def test_the_bytes_are_kept_apart_from_the_raw_payload() -> None:
    payload = image_message("IMG-2", data=PNG)
    message = message_of(payload)
    assert message.media is not None and message.media.data == PNG
    assert message.media.sha256 == hashlib.sha256(PNG).hexdigest()
    assert message.raw is not None and "base64" not in message.raw
    assert base64.b64encode(PNG).decode()[:40] not in message.raw
    assert "IMG-2" in message.raw  # the rest of the payload is kept for replay


def test_bytes_over_the_limit_are_dropped_and_their_size_kept() -> None:
    media = media_of(image_message("IMG-3", data=PNG), max_media_bytes=100)
    assert media.data is None and media.size == len(PNG)


def test_bytes_that_do_not_decode_are_dropped() -> None:
    payload = image_message("IMG-4", data=PNG)
    payload["data"]["message"]["base64"] = "not base64 at all!"
    media = media_of(payload)
    assert media.data is None


def test_the_bytes_never_show_in_a_repr() -> None:
    assert "\\x89PNG" not in repr(message_of(image_message("IMG-5", data=PNG)))


@given(encoded=st.text(max_size=200))
def test_any_base64_value_translates_and_stays_out_of_raw(encoded: str) -> None:
    payload = image_message("IMG-H", data=PNG)
    payload["data"]["message"]["base64"] = encoded
    message = message_of(payload, max_media_bytes=64)
    assert message.raw is not None and '"base64"' not in message.raw
    assert message.media is not None
    assert message.media.data is None or len(message.media.data) <= 64
