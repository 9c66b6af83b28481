"""The daily digest once a day (issue 20 §5), on PostgreSQL: the store suite's tests
(tests/store/test_digest_once.py: two workers that both read before either writes, a
redelivered run) again, with this folder's `store` fixture, a `PgStore` on a fresh
database. Two daemons sharing one database: tests/pg/e2e/test_digest_two_workers.py."""

from tests.store.test_digest_once import *  # noqa: F403
