"""`make bench`: how the build holds at scale, measured against stock Pelican in the same run.

For each size (rows of ../shared/data's twin towns): import them, then time our clean build
(every plugin, Pagefind excluded), the Pagefind step, a rebuild after editing one pair, and
stock Pelican (no plugins, default Markdown, the pairs as articles, its "simple" theme) on the
same pairs; peak memory of each (the process and its children), the output's size and largest
page. Prints a table with ratios to the stock build and writes it as JSON.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from partnerdir.frontmatter import read  # noqa: E402
from partnerdir.importer import import_pairs  # noqa: E402

STOCK_SETTINGS = """
SITENAME = "Stock reference"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "simple"
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
"""


def run(command, **options) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of a command and its children."""
    with tempfile.TemporaryFile() as log:  # a file, not a pipe: a build's warnings would fill a pipe and stall it
        start = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, **options)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - start
        if os.waitstatus_to_exitcode(status) != 0:
            log.seek(0)
            raise SystemExit(f"failed: {' '.join(map(str, command))}\n{log.read().decode()[-3000:]}")
    return elapsed, usage.ru_maxrss


def tree_size(folder: Path) -> tuple[int, int, int]:
    """(bytes of all files, number of files, bytes of the largest HTML page)."""
    total = count = largest = 0
    for path in folder.rglob("*"):
        if path.is_file():
            size = path.stat().st_size
            total, count = total + size, count + 1
            if path.suffix == ".html":
                largest = max(largest, size)
    return total, count, largest


def stock_content(content: Path, target: Path) -> None:
    """The same pairs as plain Pelican articles (Markdown metadata), as a stock site would have them."""
    target.mkdir(parents=True)
    for path in sorted((content / "cities").glob("*.md")):
        source, _ = read(path)
        places = source.meta.value["places"]
        title = f"{places[0]['name']} – {places[1]['name']}"
        text = f"Title: {title}\nDate: 2020-01-01\nSlug: {path.stem}\n\n{source.body}\n"
        (target / path.name).write_text(text, encoding="utf-8")


def measure(size: int, data: Path, work: Path) -> dict:
    python = sys.executable
    content = work / "content"
    start = time.perf_counter()
    summary = import_pairs(data, content, pages=ROOT / "content/pages", out=open(os.devnull, "w"), limit=size)
    imported = time.perf_counter() - start
    ours_out, stock_out = work / "ours", work / "stock-output"
    ours = run([python, "-m", "pelican", str(content), "-o", str(ours_out), "-s", "pelicanconf.py",
                "-e", "SEARCH_INDEX=false"])
    pagefind = run([python, "-m", "pagefind", "--site", str(ours_out), "--silent"])
    edited = sorted((content / "cities").glob("*.md"))[0]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    rebuild = run([python, "-m", "pelican", str(content), "-o", str(ours_out), "-s", "pelicanconf.py",
                   "-e", "SEARCH_INDEX=false"])
    stock_content(content, work / "stock")
    (work / "stock.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    stock = run([python, "-m", "pelican", str(work / "stock"), "-o", str(stock_out), "-s", str(work / "stock.py")])
    total, files, largest = tree_size(ours_out)
    return {
        "pairs": summary.written, "rows": size, "import_s": round(imported, 1),
        "stock_s": round(stock[0], 1), "stock_peak_mib": stock[1] // 1024,
        "ours_s": round(ours[0], 1), "ours_peak_mib": ours[1] // 1024,
        "ours_ratio": round(ours[0] / stock[0], 2),
        "rebuild_s": round(rebuild[0], 1), "rebuild_ratio": round(rebuild[0] / stock[0], 2),
        "pagefind_s": round(pagefind[0], 1), "pagefind_peak_mib": pagefind[1] // 1024,
        "output_mb": round(total / 1e6, 1), "output_files": files, "largest_page_kb": round(largest / 1e3, 1),
    }


COLUMNS = [("pairs", "pairs"), ("stock_s", "stock s"), ("ours_s", "ours s"), ("ours_ratio", "ours/stock"),
           ("rebuild_s", "rebuild s"), ("rebuild_ratio", "rebuild/stock"), ("pagefind_s", "pagefind s"),
           ("stock_peak_mib", "stock MiB"), ("ours_peak_mib", "ours MiB"), ("pagefind_peak_mib", "pagefind MiB"),
           ("output_mb", "output MB"), ("largest_page_kb", "largest page KB")]


def table(results: list[dict]) -> str:
    lines = ["| " + " | ".join(title for _, title in COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    lines += ["| " + " | ".join(f"{r[key]:,}" if isinstance(r[key], int) else str(r[key]) for key, _ in COLUMNS)
              + " |" for r in results]
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/twin_cities.csv")
    parser.add_argument("--sizes", default="1000,5000,25917")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    args = parser.parse_args(argv)
    if not args.data.is_file():
        print(f"no data set at {args.data}: give --data (../shared/data/twin_cities.csv)", file=sys.stderr)
        return 2
    results = []
    for size in (int(s) for s in args.sizes.split(",")):
        work = Path(tempfile.mkdtemp(prefix=f"bench-{size}-"))
        try:
            results.append(measure(size, args.data, work))
        finally:
            shutil.rmtree(work, ignore_errors=True)
        print(table(results[-1:]).splitlines()[-1], flush=True)
    print(table(results))
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
