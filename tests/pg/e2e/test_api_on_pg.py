"""tests/e2e/api on PostgreSQL (see conftest.py)."""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "e2e" / "api"))

from tests.e2e.api.conftest import api  # noqa: F401
from tests.e2e.api.test_api_analytics import *  # noqa: F403
from tests.e2e.api.test_api_exports import *  # noqa: F403
from tests.e2e.api.test_api_feeds import *  # noqa: F403
from tests.e2e.api.test_api_outbox import *  # noqa: F403
from tests.e2e.api.test_api_queue import *  # noqa: F403
from tests.e2e.api.test_api_records import *  # noqa: F403
