"""A target's password: read from its file or its environment variable when used, held
in memory only for the request, never stored in the database, never logged (each value
read is registered with the log redactor), never returned by the API."""

from __future__ import annotations

import os
from collections.abc import Mapping
from pathlib import Path

from reactiond.logs import add_secrets


class CredentialsMissing(Exception):
    """The password cannot be read; the message says from where and what to do."""

    def __init__(self, reason: str, *, source: str) -> None:
        super().__init__(reason)
        self.reason = reason
        self.source = source


def read_password(
    password_file: str | None,
    password_env: str | None,
    environ: Mapping[str, str] | None = None,
) -> str:
    env = os.environ if environ is None else environ
    if password_file is not None:
        path = Path(password_file)
        try:
            value = path.read_text(encoding="utf-8").strip("\r\n")
        except OSError as exc:
            raise CredentialsMissing(
                f"cannot read the password file {path}: {exc.strerror}", source=str(path)
            ) from exc
        if not value:
            raise CredentialsMissing(f"the password file {path} is empty", source=str(path))
    elif password_env is not None:
        value = env.get(password_env, "")
        if not value:
            raise CredentialsMissing(
                f"the environment variable {password_env} is not set (or empty)",
                source=f"${password_env}",
            )
    else:
        raise CredentialsMissing("no password file or variable given", source="")
    add_secrets([value])
    return value
