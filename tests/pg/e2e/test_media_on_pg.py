"""tests/e2e/media on PostgreSQL (see conftest.py): a picture's bytes in BYTEA, fetched
once, read, pruned, through the same daemon."""

from tests.e2e.media.test_bills_from_pictures import *  # noqa: F403
