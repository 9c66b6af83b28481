"""create_note: the message itself, titled and tagged."""

from __future__ import annotations

import json

from reactiond.actions.base import EntityRow
from reactiond.nlp.result import NoteData
from reactiond.rules.model import RuleConfig


def note_rows(data: NoteData, config: RuleConfig, *, text: str, language: str) -> list[EntityRow]:
    return [
        EntityRow(
            "notes",
            {
                "title": data.title,
                "body": text,
                "tags": json.dumps(
                    list(dict.fromkeys((*config.tags, *data.tags))), ensure_ascii=False
                ),
                "language": language,
            },
        )
    ]
