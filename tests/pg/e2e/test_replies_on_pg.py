"""tests/e2e/replies on PostgreSQL (see conftest.py)."""

from tests.e2e.replies.test_cancelled_reply import *  # noqa: F403
from tests.e2e.replies.test_confirmation_current import *  # noqa: F403
from tests.e2e.replies.test_lid_replies import *  # noqa: F403
from tests.e2e.replies.test_outbox_delivery import *  # noqa: F403
from tests.e2e.replies.test_outbox_send_failures import *  # noqa: F403

# Its fixture's teardown looks into SQLite's writer to tell a crashed daemon from a stopped
# one; the behaviour (a send cut by a crash is sent again at start) is the crash suite's.
del test_a_send_interrupted_by_a_crash_is_sent_again_on_start  # noqa: F821
