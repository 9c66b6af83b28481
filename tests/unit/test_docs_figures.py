"""Docs that cannot go stale quietly (issue 16 item 18): figures the benches produce live in
one place, docs/benchmarks.md (each with its command, commit and machine); the README
points there and may only quote a figure that is there. The install notes match the unit."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
BENCHMARKS = (REPO / "docs/benchmarks.md").read_text(encoding="utf-8")

# A measured quantity: size, time per operation, a rate.
FIGURE = re.compile(
    r"\b\d[\d,.]*\s?(?:MB|GB|ms|µs|(?:requests|reactions|webhooks|cases)/s|/s)(?!\w)"
)


def figures(text: str) -> list[str]:
    return [m[0] for m in FIGURE.finditer(text)]


def test_the_figure_finder_sees_what_a_bench_prints() -> None:
    assert figures("about 59 MB idle, 4,363 requests/s, p99 38.7 ms") == [
        "59 MB",
        "4,363 requests/s",
        "38.7 ms",
    ]


def test_every_figure_the_readme_quotes_is_in_docs_benchmarks() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    assert [f for f in figures(readme) if f not in BENCHMARKS] == []


def test_the_readme_points_at_docs_benchmarks_for_memory() -> None:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    memory = readme[readme.index("Memory:") :][:400]
    assert "docs/benchmarks.md" in memory


@pytest.mark.parametrize("doc", ["README.md", "docs/rules-and-records.md"])
def test_no_doc_claims_an_unmeasured_demo_time(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8").lower()
    assert "about one second" not in text
    assert "## Demo" in BENCHMARKS and "reactiond demo" in BENCHMARKS


def test_the_unit_documents_files_that_exist_in_the_installed_layout() -> None:
    unit = (REPO / "systemd/reactiond.service").read_text(encoding="utf-8")
    line = next(x for x in unit.splitlines() if x.startswith("Documentation="))
    urls = line.removeprefix("Documentation=").split()
    assert urls
    notes = (REPO / "packaging/systemd.md").read_text(encoding="utf-8")
    assert "code in\n`/opt/reactiond/src`" in notes
    for url in urls:
        assert url.startswith("file:///opt/reactiond/src/"), url
        assert (REPO / url.removeprefix("file:///opt/reactiond/src/")).is_file(), url


def test_the_install_notes_get_the_code_from_a_real_place() -> None:
    notes = (REPO / "packaging/systemd.md").read_text(encoding="utf-8")
    assert ".invalid" not in notes
    assert "git archive HEAD | sudo tar -x -C /opt/reactiond/src" in notes
