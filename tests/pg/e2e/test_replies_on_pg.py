"""tests/e2e/replies on PostgreSQL (see conftest.py)."""

from tests.e2e.replies.test_cancelled_reply import *  # noqa: F403
from tests.e2e.replies.test_confirmation_current import *  # noqa: F403
from tests.e2e.replies.test_lid_replies import *  # noqa: F403
from tests.e2e.replies.test_outbox_delivery import *  # noqa: F403
from tests.e2e.replies.test_outbox_send_failures import *  # noqa: F403
from tests.e2e.replies.test_stream import *  # noqa: F403
