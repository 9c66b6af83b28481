"""A real PostgreSQL for the tests, started from the machine's binaries.

No mocks and no SQLite pretending: `PgCluster` runs `initdb` and `pg_ctl` in a temporary
directory, listening on a Unix socket in that directory and on a free loopback port, and
each test gets its own database, copied (`CREATE DATABASE … TEMPLATE`) from one that the
migrations already ran on, which takes milliseconds instead of a migration run per test.

PostgreSQL refuses to run as root, and CI runs as root: there the server runs as the
`postgres` system user (Debian's package creates it), through `runuser`, in a directory
that user owns. Anyone else runs it as themselves.

Each pytest process (each xdist worker) starts its own cluster on its own port and stops it
at the end of the session: nothing is shared between workers, so nothing needs a lock.
Without PostgreSQL binaries the tests that need one skip, naming what is missing; under
CI=true they fail instead, so a CI machine cannot go green by skipping them
(scripts/system-tools installs Debian's `postgresql` there).
"""

# Raw SQL here: starts the run's PostgreSQL, hands out databases and empties them.
from __future__ import annotations

import contextlib
import glob
import itertools
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

SUPERUSER = "reactiond"  # the cluster's superuser, with trust auth on socket and loopback


def find_bindir() -> Path | None:
    """Where initdb, pg_ctl and postgres are: $REACTIOND_TEST_PG_BIN, Debian's
    /usr/lib/postgresql/<newest>/bin, or the PATH."""
    given = os.environ.get("REACTIOND_TEST_PG_BIN")
    candidates = [given] if given else []
    debian = sorted(
        glob.glob("/usr/lib/postgresql/*/bin"),
        key=lambda p: int(p.split("/")[-2]) if p.split("/")[-2].isdigit() else 0,
    )
    candidates += list(reversed(debian))
    on_path = shutil.which("initdb")
    if on_path:
        candidates.append(str(Path(on_path).parent))
    for c in candidates:
        d = Path(c)
        if all((d / tool).is_file() for tool in ("initdb", "pg_ctl", "postgres")):
            return d
    return None


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class PgCluster:
    bindir: Path
    root: Path  # owned by the server's user: data/, the socket, the log
    port: int
    run_as: str | None  # the system user the server runs as, when we are root
    _names: Iterator[int] = field(default_factory=lambda: itertools.count(1))
    _started_once: bool = False

    @property
    def data(self) -> Path:
        return self.root / "data"

    @property
    def log(self) -> Path:
        return self.root / "server.log"

    def url(self, database: str = "postgres") -> str:
        return f"postgresql://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _cmd(self, *args: str) -> list[str]:
        prefix = ["runuser", "-u", self.run_as, "--"] if self.run_as else []
        return [*prefix, *args]

    def _run(self, *args: str, timeout: float = 120) -> None:
        done = subprocess.run(
            self._cmd(*args), capture_output=True, text=True, timeout=timeout, check=False
        )
        if done.returncode != 0:
            tail = self.log.read_text(errors="replace")[-2000:] if self.log.exists() else ""
            raise RuntimeError(
                f"{' '.join(args[:2])} failed ({done.returncode}):\n{done.stdout}\n"
                f"{done.stderr}\n{tail}"
            )

    @classmethod
    def create(cls, bindir: Path) -> PgCluster:
        run_as = None
        if os.geteuid() == 0:
            run_as = "postgres"
            try:
                pwd.getpwnam(run_as)
            except KeyError as exc:
                raise RuntimeError(
                    "running as root and there is no `postgres` system user to run "
                    "PostgreSQL as (install Debian's postgresql package)"
                ) from exc
        root = Path(tempfile.mkdtemp(prefix="reactiond-pg-"))
        if run_as:
            entry = pwd.getpwnam(run_as)
            os.chown(root, entry.pw_uid, entry.pw_gid)
        cluster = cls(bindir=bindir, root=root, port=_free_port(), run_as=run_as)
        cluster._run(
            str(bindir / "initdb"),
            "-D",
            str(cluster.data),
            "-U",
            SUPERUSER,
            "--auth=trust",
            "--encoding=UTF8",
            "--locale=C.UTF-8",
            "--no-sync",
        )
        return cluster

    def start(self, *, durable: bool = False) -> None:
        """Start the server. Its port is picked before the server binds it, so another
        test's server (a daemon of another xdist worker on port 0) may take it meanwhile:
        a first start then tries another port; a restart keeps its own (the stores under
        test know it)."""
        for _ in range(5):
            try:
                self._start(durable=durable)
            except RuntimeError as exc:
                if self._started_once or "could not bind" not in str(exc):
                    raise
                self.port = _free_port()
            else:
                self._started_once = True
                return
        raise RuntimeError("PostgreSQL found its port taken five times")

    def _start(self, *, durable: bool) -> None:
        # The settings trade durability for speed (fsync off), as a test cluster may:
        # what the tests check is what reactiond commits, not whether the disk keeps it.
        # `durable` (bench/postgres.py): PostgreSQL's defaults, every commit on disk.
        safety = "on" if durable else "off"
        options = " ".join(
            [
                f"-p {self.port}",
                f"-k {self.root}",
                "-c listen_addresses=127.0.0.1",
                f"-c fsync={safety}",
                f"-c full_page_writes={safety}",
                f"-c shared_buffers={'128MB' if durable else '16MB'}",
                "-c max_connections=100",
                "-c log_min_messages=warning",
            ]
        )
        self._run(
            str(self.bindir / "pg_ctl"),
            "-D",
            str(self.data),
            "-l",
            str(self.log),
            "-w",
            "-t",
            "60",
            "-o",
            options,
            "start",
        )

    def stop(self, mode: str = "fast") -> None:
        self._run(str(self.bindir / "pg_ctl"), "-D", str(self.data), "-m", mode, "-w", "stop")

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop("immediate")
        shutil.rmtree(self.root, ignore_errors=True)

    def new_database_name(self, prefix: str = "t") -> str:
        return f"{prefix}_{os.getpid()}_{next(self._names)}"


def start_cluster() -> PgCluster:
    """A started cluster, or a skip (a failure under CI=true) naming what is missing."""
    bindir = find_bindir()
    if bindir is None:
        reason = (
            "PostgreSQL binaries (initdb, pg_ctl, postgres) not found: install Debian's "
            "`postgresql` (scripts/system-tools does, as root) or set REACTIOND_TEST_PG_BIN"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    cluster = PgCluster.create(bindir)
    try:
        cluster.start()
    except BaseException:
        cluster.destroy()
        raise
    return cluster


# -- pytest fixtures (registered by tests/conftest.py) ---------------------------------
TEMPLATE = "reactiond_template"


@dataclass
class Databases:
    """Migrated databases for the tests of one pytest process. A test takes one and gives
    it back emptied (every table's rows deleted, identities restarted): under load,
    `CREATE DATABASE … TEMPLATE` costs a second, emptying a used database tens of ms.
    Each test still starts on a database no other test is using, with the schema the
    migrations made and no rows but those the migrations seed (the counters')."""

    cluster: PgCluster
    free: list[str] = field(default_factory=list)
    seeded: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)

    def create_template(self) -> None:
        import psycopg

        from reactiond.store.postgres.migrations import migrate

        with psycopg.connect(self.cluster.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {TEMPLATE}")
        with psycopg.connect(self.cluster.url(TEMPLATE), autocommit=True) as conn:
            migrate(conn)
            # Rows a migration seeds (the counters' zero rows, migration 012): `give_back`
            # puts them back after emptying, so each test starts as a new database does.
            for table in _tables(conn):
                rows = conn.execute(f'SELECT * FROM "{table}"').fetchall()
                if rows:
                    self.seeded[table] = rows

    def take(self) -> str:
        if self.free:
            return self.free.pop()
        import psycopg

        name = self.cluster.new_database_name()
        with psycopg.connect(self.cluster.url(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name} TEMPLATE {TEMPLATE}")
        return name

    def give_back(self, name: str) -> None:
        import psycopg

        from reactiond.store.postgres.migrations import latest_version

        with psycopg.connect(self.cluster.url(name), autocommit=True) as conn:
            # A process the test started and killed may still hold a session for a moment.
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = current_database() AND pid <> pg_backend_pid()"
            )
            row = conn.execute("SELECT version FROM reactiond_schema").fetchone()
            if row is None or int(row[0]) != latest_version():
                conn.close()  # the test changed the schema itself: not reusable
                with psycopg.connect(self.cluster.url(), autocommit=True) as admin:
                    admin.execute(f"DROP DATABASE {name} WITH (FORCE)")
                return
            with conn.transaction():
                conn.execute("SET LOCAL session_replication_role = replica")  # no FK checks
                for table in _tables(conn):
                    conn.execute(f'DELETE FROM "{table}"')
                for table, rows in self.seeded.items():
                    marks = ", ".join(["%s"] * len(rows[0]))
                    with conn.cursor() as cur:
                        cur.executemany(f'INSERT INTO "{table}" VALUES ({marks})', rows)
                for (seq,) in conn.execute(
                    "SELECT schemaname || '.' || sequencename FROM pg_sequences"
                    " WHERE schemaname = current_schema()"
                ).fetchall():
                    conn.execute("SELECT setval(%s, 1, false)", (seq,))
        self.free.append(name)


def _tables(conn: Any) -> list[str]:
    return [
        str(r[0])
        for r in conn.execute(
            "SELECT tablename FROM pg_tables WHERE schemaname = current_schema()"
            " AND tablename <> 'reactiond_schema' ORDER BY tablename"
        ).fetchall()
    ]


@pytest.fixture(scope="session")
def pg_databases() -> Iterator[Databases]:
    """This pytest process's PostgreSQL, with a migrated template database."""
    cluster = start_cluster()
    try:
        databases = Databases(cluster)
        databases.create_template()
        yield databases
    finally:
        cluster.destroy()


@pytest.fixture
def pg_cluster(pg_databases: Databases) -> PgCluster:
    return pg_databases.cluster


@pytest.fixture
def pg_url(pg_databases: Databases) -> Iterator[str]:
    """The URL of a migrated database with no rows, this test's alone."""
    name = pg_databases.take()
    yield pg_databases.cluster.url(name)
    pg_databases.give_back(name)


@pytest.fixture
def pg_empty_url(pg_cluster: PgCluster) -> Iterator[str]:
    """The URL of an empty database (no migrations run), for the migration tests."""
    import psycopg

    name = pg_cluster.new_database_name("e")
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    yield pg_cluster.url(name)
    with psycopg.connect(pg_cluster.url(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)")
