"""The SQLite store's behaviour suites, run again on PostgreSQL: same tests, same names,
with this folder's `store` fixture (a `PgStore` on a fresh database)."""

from tests.store.test_ingest import *  # noqa: F403
from tests.store.test_queue import *  # noqa: F403
