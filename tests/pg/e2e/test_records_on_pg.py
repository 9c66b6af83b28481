"""tests/e2e/records on PostgreSQL (see conftest.py)."""

from tests.e2e.records.test_reactions import *  # noqa: F403
from tests.e2e.records.test_records import *  # noqa: F403
