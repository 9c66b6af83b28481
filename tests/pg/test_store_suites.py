"""The SQLite store's own behaviour suites, run again on PostgreSQL: same tests, same
names, with this folder's `store` fixture (a `PgStore` on a fresh database). The store
contract (tests/store/contract) runs on both stores by itself (its FACTORIES)."""

from tests.store.test_ingest import *  # noqa: F403
from tests.store.test_ops_retention import *  # noqa: F403
from tests.store.test_people_merge import *  # noqa: F403
from tests.store.test_rule_priority import *  # noqa: F403
from tests.store.test_status_and_edits import *  # noqa: F403
from tests.store.test_worker import *  # noqa: F403
