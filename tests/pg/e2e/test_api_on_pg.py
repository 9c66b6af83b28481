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

# These run the CLI in a subprocess with every REACTIOND_* variable removed (so, on the
# SQLite in their data dir): not a question for the PostgreSQL run.
del test_cli_export_csv_reads_back  # noqa: F821
del test_cli_export_ics_to_file_reads_back  # noqa: F821
del test_cli_export_csv_bad_status_is_one_line_error  # noqa: F821
