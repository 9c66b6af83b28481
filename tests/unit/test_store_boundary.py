"""The store is closed: SQL text and database drivers appear only under reactiond/store/.

An AST walk, so that comments and docstrings that mention SQL words do not count, and
f-strings (their literal parts) and implicitly joined literals do. Modules that still run
SQL of their own are listed by name as the known debt of issue 14: the list may only
shrink.
"""

# Raw SQL here: this check's own examples of SQL text.
from __future__ import annotations

import ast
import functools
import re
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import pytest

from reactiond.store.queries import QueryFileError, parse

PACKAGE = Path(__file__).resolve().parents[2] / "reactiond"
SQL = re.compile(
    r"^\s*(SELECT\s|INSERT\s+INTO|INSERT\s+OR|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WITH\s+\w+\s+AS"
    r"|PRAGMA\s|CREATE\s+(TABLE|INDEX|TRIGGER|VIEW)|ALTER\s+TABLE|DROP\s+(TABLE|INDEX)"
    r"|BEGIN|COMMIT|ROLLBACK)",
)
DRIVERS = {"apsw", "psycopg", "psycopg_pool", "sqlite3"}

# Every check here walks the same files: they run on one xdist worker (`--dist loadgroup`)
# and each file is parsed and walked once (_findings), not once per check.
pytestmark = pytest.mark.xdist_group("store-boundary")

# Issue 14's known debt: each goes when its SQL moves under store/ as named queries.
STILL_SPEAKING_SQL: set[str] = set()


def _outside_store() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] != "store")


def _docstring_ids(tree: ast.AST) -> set[int]:
    ids = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant):
                ids.add(id(body[0].value))
    return ids


PRIVATE_TO_THE_STORE = {"execute", "execute_one", "executemany"}


@dataclass(frozen=True)
class Findings:
    """What one file holds that only the store may: SQL text, driver imports, and calls
    of a transaction's SQL-text methods (`line N: .execute(…)`)."""

    sql: list[str]
    drivers: list[str]
    store_calls: list[str]


@functools.cache
def _findings(path: Path) -> Findings:
    """One parse and one walk per file for every check. Only the findings are kept: the
    trees of every module and test are ~470,000 nodes, which, kept for the worker's
    life, made each later full garbage collection of that worker walk them all (and
    made the parse itself three times slower, 0.9 -> 2.4 CPU-s)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docstrings = _docstring_ids(tree)
    found = Findings([], [], [])
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant):
            if isinstance(node.value, str) and id(node) not in docstrings and SQL.match(node.value):
                found.sql.append(node.value.strip().splitlines()[0][:60])
        elif isinstance(node, ast.Import):
            found.drivers.extend(a.name for a in node.names if a.name.split(".")[0] in DRIVERS)
        elif isinstance(node, ast.ImportFrom):
            if node.module and node.module.split(".")[0] in DRIVERS:
                found.drivers.append(node.module)
        elif (
            isinstance(node, ast.Call)
            and isinstance(node.func, ast.Attribute)
            and node.func.attr in PRIVATE_TO_THE_STORE
        ):
            found.store_calls.append(f"line {node.lineno}: .{node.func.attr}(…)")
    return found


def sql_in(path: Path) -> list[str]:
    return list(_findings(path).sql)


def drivers_in(path: Path) -> list[str]:
    return list(_findings(path).drivers)


def store_calls_in(path: Path) -> list[str]:
    """Calls of a transaction's (or connection's) SQL-text methods: the store's own."""
    return list(_findings(path).store_calls)


def test_no_sql_outside_the_store_but_the_listed_debt() -> None:
    speaking = {str(p.relative_to(PACKAGE)): sql_in(p) for p in _outside_store() if sql_in(p)}
    new = {k: v for k, v in speaking.items() if k not in STILL_SPEAKING_SQL}
    assert not new, f"SQL outside reactiond/store/ (make it a named query): {new}"


def test_the_debt_list_names_only_modules_that_still_speak_sql() -> None:
    speaking = {str(p.relative_to(PACKAGE)) for p in _outside_store() if sql_in(p)}
    assert speaking >= STILL_SPEAKING_SQL, (
        f"no SQL left in {sorted(STILL_SPEAKING_SQL - speaking)}: remove them from the list"
    )


def test_no_database_driver_is_imported_outside_the_store() -> None:
    found = {str(p.relative_to(PACKAGE)): drivers_in(p) for p in _outside_store() if drivers_in(p)}
    assert not found, f"database drivers imported outside reactiond/store/: {found}"


def test_nothing_outside_the_store_runs_sql_text_through_a_transaction() -> None:
    found = {
        str(p.relative_to(PACKAGE)): store_calls_in(p)
        for p in _outside_store()
        if store_calls_in(p) and str(p.relative_to(PACKAGE)) not in STILL_SPEAKING_SQL
    }
    assert not found, (
        f"Transaction.execute is private to reactiond/store/ (call a repository): {found}"
    )


TESTS = PACKAGE.parent / "tests"

# The test files that may still speak SQL or hold a database driver, each with why: they
# are about the database itself. Every other test reads and writes through the store's
# interface (the repositories, tests/store_reads.py, tests/store_writes.py).
RAW_SQL_IN_TESTS: dict[str, str] = {
    "postgres.py": "starts the run's PostgreSQL, hands out databases and empties them",
    "store_writes.py": "the person and reaction a seeded record comes from: their only"
    " store write, ingest, also queues the reaction's job",
    "unit/test_store_boundary.py": "this check's own examples of SQL text",
    "store/test_flat_cost_plans.py": "query plans (EXPLAIN) over bulk-loaded rows",
    "store/test_answers_later.py": "SQLite's transaction itself, on a scratch table",
    "store/test_page_plans.py": "the statements and query plans of the pages' reads",
    "store/test_claim_plan.py": "the queue claim's query plan",
    "store/test_retention_indexes.py": "retention's query plans",
    "pg/test_pg_flat_cost_plans.py": "PostgreSQL query plans (EXPLAIN) over bulk-loaded rows",
    "store/test_writer.py": "the SQLite writer itself: group commits and errors on scratch tables",
    "store/test_migrations.py": "migrations and schema versions, old schemas simulated",
    "store/test_ops_doctor_database.py": "the doctor's database checks: corruption, versions",
    "store/test_ops_backup_restore.py": "backup files opened as plain SQLite databases",
    "store/test_ops_retention.py": "what retention deletes and blanks (raw payloads, attempts,"
    " logs) and the file's page count, under a load simulated row by row to stay fast",
    "store/test_ingest.py": "a statement the database refuses, inside a group commit",
    "store/test_people_merge.py": "PRAGMA foreign_key_check after merges, and a table the"
    " merge cannot fold",
    "pg/test_pg_store.py": "PgStore's transactions, errors and schema guard on scratch tables",
    "pg/test_pg_counters_no_hot_row.py": "two open transactions of the database, one waiting"
    " (or not) on the other's row lock: the store's transactions never stay open",
    "pg/test_pg_backup.py": "a backup compared table by table with its database",
    "pg/test_store_copy.py": "a store copy compared table by table with its source",
    "pg/test_two_processes.py": "two processes' leases and attempts (the attempt's worker, no"
    " store read returns it), read from outside both processes",
    "e2e/test_crash.py": "the file as SIGKILL left it, read-only before any store opens it",
    "e2e/records/test_crash.py": "the file as SIGKILL left it, read-only before any store opens it",
    "e2e/ops/test_lifecycle.py": "the file as SIGTERM left it, read-only from outside",
    "e2e/ops/test_backup_live.py": "a live backup file opened read-only as plain SQLite",
    "e2e/test_webhook.py": "a full disk injected with PRAGMA max_page_count",
    "e2e/api/test_api_export_memory.py": "50,000 records bulk-copied in one statement",
    "e2e/records/test_fetch_unseen_message.py": "the per-event counters, which no surface shows",
}


def raw_sql_in_test(path: Path) -> list[str]:
    return sql_in(path) + drivers_in(path) + store_calls_in(path)


@functools.cache  # the two tests below share one walk of the test tree
def _tests_speaking_sql() -> dict[str, list[str]]:
    found = {str(p.relative_to(TESTS)): raw_sql_in_test(p) for p in sorted(TESTS.rglob("*.py"))}
    return {k: v for k, v in found.items() if v}


def test_tests_go_through_the_store_but_the_listed_files() -> None:
    new = {k: v for k, v in _tests_speaking_sql().items() if k not in RAW_SQL_IN_TESTS}
    assert not new, (
        "raw SQL in tests: read through a repository or tests/store_reads.py, seed through"
        " tests/store_writes.py or a repository; a test about the database itself goes in"
        f" RAW_SQL_IN_TESTS with why: {new}"
    )


def test_each_listed_test_file_says_why_its_sql_stays_raw() -> None:
    silent = [k for k in RAW_SQL_IN_TESTS if "Raw SQL" not in (TESTS / k).read_text("utf-8")]
    assert not silent, f"say why in a '# Raw SQL …' comment where the SQL is: {silent}"


def test_the_raw_sql_list_names_only_test_files_that_still_speak_sql() -> None:
    stale = set(RAW_SQL_IN_TESTS) - set(_tests_speaking_sql())
    assert not stale, f"no SQL left in {sorted(stale)}: remove them from RAW_SQL_IN_TESTS"


def test_the_check_sees_sql_in_plain_joined_and_formatted_strings(tmp_path: Path) -> None:
    module = tmp_path / "m.py"
    module.write_text(
        '"""SELECT in a docstring is prose."""\n'
        'A = "SELECT id FROM jobs"\n'
        'B = ("DELETE FROM outbox" " WHERE id = 1")\n'
        'C = f"UPDATE jobs SET status = {1}"\n'
        'D = "Select a rule"\n',
        encoding="utf-8",
    )
    assert len(sql_in(module)) == 3


def test_named_queries_parse_with_their_comments_and_dialects() -> None:
    queries = parse(
        "-- a --\n-- why\nSELECT 1;\n\n-- b@postgres --\nSELECT 2\n-- b --\nSELECT 3;\n", "t.sql"
    )
    assert queries == {"a": "SELECT 1", "b@postgres": "SELECT 2", "b": "SELECT 3"}


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("-- a --\nSELECT 1;\n-- a --\nSELECT 2;", "twice"),
        ("-- a --\n-- only a comment\n", "no SQL"),
    ],
)
def test_a_malformed_query_file_is_refused_at_load(text: str, problem: str) -> None:
    with pytest.raises(QueryFileError, match=problem):
        parse(text, "t.sql")


def test_a_second_dialect_gets_its_variant_or_the_shared_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from reactiond.store import queries

    shared = queries.query("feeds", "list_feeds")
    assert queries.for_dialect(shared, "postgres") == shared
    assert queries.for_dialect("SELECT 1", "postgres") == "SELECT 1"  # not a named query
    fake = {"x": "SELECT :a", "x@postgres": "SELECT %(a)s"}
    monkeypatch.setattr(queries, "_names_by_text", lambda: {"SELECT :a": ("f", "x")})
    monkeypatch.setattr(queries, "load", lambda file: fake)
    assert queries.for_dialect("SELECT :a", "postgres") == "SELECT %(a)s"
    assert queries.for_dialect("SELECT :a", "sqlite") == "SELECT :a"


# Inside the store, the repositories run named queries (queries/*.sql). What stays SQL text
# in a module is listed here, each with why: the store's own machinery (transaction
# control, a driver's connection before any schema or Transaction exists, another
# database's catalog), or a statement whose text depends on its call (a table or the
# columns from the schema, optional filters, an IN list as long as its values).
STORE_MACHINERY: dict[str, str] = {
    "store/sqlite/connection.py": "the connection's PRAGMAs and schema version, on apsw",
    "store/sqlite/writer.py": "the group commit's BEGIN IMMEDIATE, COMMIT and savepoints",
    "store/sqlite/backup.py": "a backup file checked and switched out of WAL on its own"
    " connection; a table count per table of the schema",
    "store/postgres/store.py": "a transaction's BEGIN (its isolation) and ROLLBACK",
    "store/postgres/transaction.py": "BEGIN and COMMIT sent within the batches of statements",
    "store/postgres/sql.py": "the dialect's rewriting of SQLite forms (json_each) it matches",
    "store/postgres/migrations.py": "the schema version and its advisory lock, on a psycopg"
    " connection of its own before any Transaction (%s placeholders)",
    "store/postgres/backup.py": "a logical backup's own psycopg connection and a SQLite file",
    "store/postgres/presence.py": "the running processes: task leases and pg_stat_activity,"
    " on a psycopg connection of its own",
    "store/postgres/copy.py": "another database's catalog (sqlite_master, pragma_table_info),"
    " each table copied by its name, and sequences set after",
}
COMPOSED_STATEMENTS: dict[tuple[str, str], str] = {
    ("store/outbox.py", "SELECT * FROM outbox"): "the outbox listing: the filters given and"
    " an IN list as long as the statuses asked",
    ("store/records_query.py", "SELECT"): "a page of records: columns, sort, filters,"
    " cursor and join per request (a fixed statement would not seek into the sort indexes)",
    ("store/records_query.py", "SELECT DISTINCT r.tz AS tz FROM"): "the zones of the records"
    " a request selects: its filters and date column",
    ("store/records_repo.py", "INSERT INTO"): "a record's insert: the row's own columns",
    (
        "store/sqlite/ingest.py",
        "SELECT i.person_id, p.name, p.display_jid LIKE '%@s.whatsapp",
    ): "people known by any of a message's JIDs: an IN list as long as the JIDs",
}


def _store_modules() -> list[Path]:
    return sorted(p for p in PACKAGE.rglob("*.py") if p.relative_to(PACKAGE).parts[0] == "store")


def test_the_store_runs_named_queries_but_its_machinery_and_the_listed_compositions() -> None:
    unnamed = {
        name: rest
        for p in _store_modules()
        if (name := str(p.relative_to(PACKAGE))) not in STORE_MACHINERY
        and (rest := [s for s in sql_in(p) if (name, s) not in COMPOSED_STATEMENTS])
    }
    assert not unnamed, (
        "SQL text in a store module: make it a named query in reactiond/store/queries/*.sql,"
        f" or list its composition in COMPOSED_STATEMENTS with why: {unnamed}"
    )


def test_the_store_lists_name_only_what_is_still_there() -> None:
    found = {str(p.relative_to(PACKAGE)): sql_in(p) for p in _store_modules()}
    stale = [m for m in STORE_MACHINERY if not found.get(m)]
    stale += [f"{m}: {s}" for m, s in COMPOSED_STATEMENTS if s not in found.get(m, [])]
    assert not stale, f"no such SQL text any more, remove it from the lists: {stale}"


def test_queries_of_the_same_text_resolve_alike_in_every_dialect() -> None:
    """`for_dialect` finds a statement's variant by its SQLite text: two names with one text
    would give whichever it met first its variant."""
    from reactiond.store import queries

    by_text: dict[str, set[str]] = {}
    for entry in resources.files(queries).iterdir():
        if entry.name.endswith(".sql"):
            file = entry.name.removesuffix(".sql")
            for name in {n.split("@", 1)[0] for n in queries.load(file)}:
                try:
                    text = queries.query(file, name)
                    variant = queries.query(file, name, "postgres")
                except KeyError:
                    continue  # one dialect's own statement: no text to share
                by_text.setdefault(text, set()).add(variant)
    assert not [t for t, variants in by_text.items() if len(variants) > 1]
