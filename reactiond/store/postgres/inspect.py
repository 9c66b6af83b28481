"""What `reactiond doctor` asks of a PostgreSQL database, without starting a store:
does it answer, at which schema version, and where is it (never its password)."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlsplit

import psycopg
from psycopg.conninfo import conninfo_to_dict

from reactiond.store.postgres.migrations import latest_version, schema_version
from reactiond.store.postgres.presence import daemon_sessions
from reactiond.store.postgres.said import first_line, refused


class PostgresUnreachable(Exception):
    def __init__(self, reason: str, refused: tuple[str, str] | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        # (what happened, what to do) when the server answered but refused the login or
        # has no such database: then the server runs, and the fix is in the URL
        self.refused = refused


@dataclass(frozen=True)
class PostgresFound:
    where: str  # host:port/database, for people to read
    server: str  # the server's version, e.g. "15.18"
    version: int  # reactiond's schema version in it (0: never started on it)
    latest: int  # this reactiond's
    processes: list[str]  # the `reactiond run` processes on it: "--role web host:pid"


def where(url: str) -> str:
    """host:port/database as libpq reads `url`: a host or port given in its query
    (`?host=/run/postgresql&port=5433`, a Unix socket) as well as before its path."""
    try:
        params = conninfo_to_dict(url)
    except psycopg.Error:  # not a URL libpq reads: what its parts say
        parts = urlsplit(url)
        params = {"host": parts.hostname, "port": parts.port, "dbname": parts.path[1:]}
    host = params.get("host") or "localhost"
    port = f":{params['port']}" if params.get("port") else ""
    return f"{host}{port}/{params.get('dbname') or ''}"


def inspect_postgres(url: str, *, timeout: float = 5.0) -> PostgresFound:
    try:
        with psycopg.connect(url, connect_timeout=max(1, int(timeout))) as conn:
            server = conn.execute("SHOW server_version").fetchone()
            return PostgresFound(
                where=where(url),
                server=str(server[0]).split()[0] if server else "?",
                version=schema_version(conn),
                latest=latest_version(),
                processes=sorted(daemon_sessions(conn)),
            )
    except psycopg.Error as exc:
        said = refused(exc, url, "REACTIOND_DATABASE_URL")
        raise PostgresUnreachable(first_line(exc), said) from exc
