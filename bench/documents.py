"""Bills from pictures and PDFs (issue 23): seconds per picture and per PDF page, peak
memory per picture, and the share read right, on this machine.

Each kind runs in a fresh child process (so its peak RSS is its own): the labelled bills of
tests/unit/documents/corpus.py at each degradation strength, a 12-megapixel phone photo of a
bill, text PDFs and scanned PDFs; one document at a time, as the daemon reads them.
Memory: the Python process's peak RSS above its RSS before the first document (Pillow's
buffers), and the largest Tesseract run's peak RSS (measured with /usr/bin/time); "extra per
picture" is their sum (they are alive together). Prints one table and the load average
before and after.

    python bench/documents.py [--images 12] [--pdfs 12]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.common import machine  # noqa: E402

KINDS = ("clean", "light", "moderate", "strong", "photo-12mp", "pdf-text", "pdf-scanned")


def _rss_kb() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _cpu() -> float:
    """CPU seconds of this process and its finished children (Tesseract, poppler): what a
    document costs whatever else the machine is doing."""
    own, kids = os.times()[:2], os.times()[2:4]
    return sum(own) + sum(kids)


def _documents(kind: str, n: int) -> list[tuple[object, bytes, str]]:
    from PIL import Image

    from tests.unit.documents.corpus import degrade, make_case, render_image, render_pdf

    out: list[tuple[object, bytes, str]] = []
    for i in range(n):
        case = make_case(5000 + i)
        if kind == "pdf-text":
            out.append((case, render_pdf(case), "application/pdf"))
        elif kind == "pdf-scanned":
            out.append((case, render_pdf(case, scanned=True), "application/pdf"))
        elif kind == "photo-12mp":
            # the page filling a 4000x3000 photo, as a phone takes it
            page = render_image(case, scale=3).convert("RGB")
            photo = Image.new("RGB", (4000, 3000), (120, 110, 100))
            page.thumbnail((3800, 2900))
            photo.paste(page, ((4000 - page.width) // 2, (3000 - page.height) // 2))
            out.append((case, degrade(photo, "light", random.Random(i)), "image/jpeg"))
        else:
            data = degrade(render_image(case), kind, random.Random(i))  # type: ignore[arg-type]
            out.append((case, data, "image/jpeg"))
    return out


def _measured_tesseract(log: Path) -> None:
    """Run tesseract under /usr/bin/time, which appends each run's peak RSS (KB) to `log`:
    a child's `ru_maxrss` would count the forking Python process's pages, not Tesseract's."""
    from reactiond.documents import use_tesseract

    wrapper = log.with_suffix(".sh")
    wrapper.write_text(f'#!/bin/sh\nexec /usr/bin/time -a -o {log} -f %M tesseract "$@"\n')
    wrapper.chmod(0o755)
    use_tesseract(str(wrapper))  # as REACTIOND_OCR_TESSERACT_CMD does


def child(kind: str, n: int) -> None:
    """Read n documents of one kind; print a JSON line of figures."""
    import tempfile

    from reactiond.documents import read_document_text
    from tests.unit.documents.scoring import miss

    log = Path(tempfile.mkdtemp(prefix="bench-documents-")) / "tesseract.rss"
    _measured_tesseract(log)
    docs = _documents(kind, n)
    read_document_text(docs[0][1], docs[0][2], timeout_s=120)  # warm: imports, page cache
    Path("/proc/self/clear_refs").write_text("5")  # VmHWM := VmRSS: generating is not reading
    base = _rss_kb()
    cpu0 = _cpu()
    peak_extra = 0
    seconds: list[float] = []
    pages = 0
    right = 0
    for case, data, mimetype in docs:
        t = time.perf_counter()
        doc = read_document_text(data, mimetype, timeout_s=120)
        seconds.append(time.perf_counter() - t)
        pages += doc.pages
        peak_extra = max(peak_extra, _rss_kb() - base)
        right += miss(case, doc.text) is None  # type: ignore[arg-type]
    cpu = (_cpu() - cpu0) / n
    hwm = next(
        int(line.split()[1])
        for line in Path("/proc/self/status").read_text().splitlines()
        if line.startswith("VmHWM:")
    )
    runs = [int(x) for x in log.read_text().split() if x.isdigit()] if log.exists() else []
    children = max(runs, default=0)  # KB
    print(
        json.dumps(
            {
                "kind": kind,
                "n": n,
                "per_doc": sum(seconds) / n,
                "per_page": sum(seconds) / pages,
                "worst": max(seconds),
                "cpu": cpu,
                "python_extra_mb": max(hwm - base, peak_extra) / 1024,
                "tesseract_mb": children / 1024,
                "right": right / n,
            }
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--images", type=int, default=12)
    parser.add_argument("--pdfs", type=int, default=12)
    parser.add_argument("--child", nargs=2, metavar=("KIND", "N"))
    args = parser.parse_args()
    if args.child:
        child(args.child[0], int(args.child[1]))
        return
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    load_before = os.getloadavg()
    rows = []
    for kind in KINDS:
        n = args.pdfs if kind.startswith("pdf") else args.images
        if kind == "photo-12mp":
            n = max(2, n // 3)
        out = subprocess.run(
            [sys.executable, __file__, "--child", kind, str(n)],
            capture_output=True, text=True, check=True, env=env, cwd=REPO,
        )  # fmt: skip
        rows.append(json.loads(out.stdout.strip().splitlines()[-1]))
    load_after = os.getloadavg()
    print(f"machine: {machine()}")
    print(f"date: {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}")
    print(f"load average before: {load_before[0]:.2f} {load_before[1]:.2f} {load_before[2]:.2f}"
          f", after: {load_after[0]:.2f} {load_after[1]:.2f} {load_after[2]:.2f}")  # fmt: skip
    print()
    print("| kind | n | s/doc | s/page | worst s | CPU s/doc | Python extra MB | "
          "Tesseract peak MB | extra per doc MB | read right |")  # fmt: skip
    print("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in rows:
        print(
            f"| {r['kind']} | {r['n']} | {r['per_doc']:.2f} | {r['per_page']:.2f} | "
            f"{r['worst']:.2f} | {r['cpu']:.2f} | {r['python_extra_mb']:.0f} | "
            f"{r['tesseract_mb']:.0f} | "
            f"{r['python_extra_mb'] + r['tesseract_mb']:.0f} | {r['right']:.0%} |"
        )


if __name__ == "__main__":
    main()
