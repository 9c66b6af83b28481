"""Picture and document messages (issue 23), derived from the shared image fixture the way
Evolution 2.3.6 sends them: `imageMessage` / `documentMessage` with their metadata, and
with `webhookBase64` on, the whole file in `data.message.base64`."""

from __future__ import annotations

import base64
import copy
from typing import Any

from tests.fixtures import fixture


def image_message(
    message_id: str,
    *,
    data: bytes | None = None,
    caption: str | None = None,
    mimetype: str = "image/jpeg",
) -> dict[str, Any]:
    payload = copy.deepcopy(fixture("messages.upsert.image-caption"))
    payload["data"]["key"]["id"] = message_id
    image = payload["data"]["message"]["imageMessage"]
    image["mimetype"] = mimetype
    if caption is None:
        image.pop("caption", None)
    else:
        image["caption"] = caption
    if data is not None:
        image["fileLength"] = {"low": len(data), "high": 0, "unsigned": True}
        payload["data"]["message"]["base64"] = base64.b64encode(data).decode()
    return payload


def document_message(
    message_id: str,
    *,
    data: bytes | None = None,
    caption: str | None = None,
    mimetype: str = "application/pdf",
    file_name: str = "factura.pdf",
    pages: int | None = 1,
) -> dict[str, Any]:
    """`documentMessage` (Evolution lifts `documentWithCaptionMessage` to it, ≥2.1)."""
    payload = image_message(message_id, data=data, caption=caption, mimetype=mimetype)
    message = payload["data"]["message"]
    body = message.pop("imageMessage")
    for gone in ("height", "width", "jpegThumbnail"):
        body.pop(gone, None)
    body["fileName"] = file_name
    body["title"] = file_name
    if pages is not None:
        body["pageCount"] = pages
    message["documentMessage"] = body
    payload["data"]["messageType"] = "documentMessage"
    return payload
