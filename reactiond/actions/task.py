"""create_task: a task from the task parser, the rule's priority and tags as defaults."""

from __future__ import annotations

import json

from reactiond.actions.base import EntityRow, instant, local_text
from reactiond.nlp.result import TaskData
from reactiond.rules.model import RuleConfig


def task_rows(data: TaskData, config: RuleConfig, *, tz: str, language: str) -> list[EntityRow]:
    return [
        EntityRow(
            "tasks",
            {
                "title": data.title,
                "due_local": local_text(data.due),
                "due_at": instant(data.due, tz),
                "tz": tz,
                # The message's own words win; a rule's priority only fills a gap, except
                # that a rule marked high (🔴 urgent) is never downgraded by the text.
                "priority": _priority(data.priority, config.priority),
                "tags": json.dumps(list(dict.fromkeys((*config.tags, *data.tags)))),
                "assignee": data.assignee or config.assignee,
                "language": language,
            },
        )
    ]


def _priority(parsed: str | None, default: str | None) -> str | None:
    if default == "high":
        return "high"
    return parsed or default
