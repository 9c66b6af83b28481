"""What can go wrong when asking for or changing records. Each carries the sentence that
says what is wrong (`error`) and the one that says what to do (`hint`): the API answers
them as JSON, the CLI prints them on one line."""

from __future__ import annotations


class RecordsError(Exception):
    def __init__(self, error: str, hint: str) -> None:
        super().__init__(f"{error}; {hint}")
        self.error = error
        self.hint = hint


class InvalidFilter(RecordsError):
    """A filter, sort, limit or cursor that cannot be used (HTTP 400)."""


class InvalidChange(RecordsError):
    """A change to a record that is not allowed or not well formed (HTTP 400)."""


class RecordNotFound(RecordsError):
    """No record of that kind with that id (HTTP 404)."""
