"""`make bench`: how the build holds at scale, measured against stock Pelican in the same run.

For each size (rows of ../shared/data's twin towns): import them, then time our clean build
(every plugin, Pagefind excluded, an empty cache), the Pagefind step, a rebuild after editing
one pair in a new process (as `make html`) and in the process that built before (as `make
serve`, after editing another), compared byte for byte with a clean build of the edited
tree, and stock Pelican
(no plugins, default Markdown, the pairs as articles, its "simple" theme) on the same pairs
(both clean builds twice, in turns, each timed by its faster run: ``--runs``);
peak memory of each (the process and its children), the output's size and largest page, what
/map/ loads for its pairs (gzipped) against the full GeoJSON export. In
Chromium: the first search a reader makes on /search/ (bytes, gzipped, and time to results)
against Pagefind's own UI over the stock pages, and a pair page's transfer on a first visit
and once the shared files are cached. Prints a table with ratios to the stock build and
writes it as JSON. What the sizes wrote is deleted at the end, after the last is measured.
"""

from __future__ import annotations

import argparse
import compileall
import gzip
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

from benchmarks import browse  # noqa: E402
from partnerdir.frontmatter import read  # noqa: E402
from partnerdir.importer import import_pairs  # noqa: E402

QUERY = "Nablus"  # the first search: a city of the directory's own pairs, in the data set too

STOCK_SETTINGS = """
SITENAME = "Stock reference"
SITEURL = ""
TIMEZONE = "UTC"
DEFAULT_LANG = "en"
THEME = "simple"
FEED_ALL_ATOM = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
"""


def run(command, env=None) -> tuple[float, int]:
    """Seconds and peak resident memory (KiB) of a command and the processes it waits for."""
    with tempfile.TemporaryFile() as log, tempfile.TemporaryDirectory() as scratch:
        peak = Path(scratch) / "peak.json"
        start = time.perf_counter()
        # a file, not a pipe: a build's warnings would fill a pipe and stall it
        result = subprocess.run([sys.executable, "-m", "benchmarks.peak", str(peak), *map(str, command)],
                                cwd=ROOT, stdout=subprocess.DEVNULL, stderr=log, env=env)
        elapsed = time.perf_counter() - start
        if result.returncode != 0:
            log.seek(0)
            raise SystemExit(f"failed: {' '.join(map(str, command))}\n{log.read().decode()[-3000:]}")
        return elapsed, json.loads(peak.read_text())["maxrss_kib"]


def fastest(measured: list[tuple[float, int]]) -> tuple[float, int]:
    """Runs of one build as (seconds, peak KiB): the fastest run's seconds and the largest peak."""
    return min(seconds for seconds, _ in measured), max(peak for _, peak in measured)


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


def measure(size: int, data: Path, work: Path, browser: bool, runs: int = 2) -> dict:
    python = sys.executable
    content = work / "content"
    start = time.perf_counter()
    summary = import_pairs(data, content, pages=ROOT / "content/pages", out=open(os.devnull, "w"), limit=size)
    imported = time.perf_counter() - start
    ours_out, stock_out = work / "ours", work / "stock-output"
    pinned = {**os.environ, "SOURCE_DATE_EPOCH": "1767225600"}  # one build moment: outputs compare byte for byte

    def ours(output: Path, cache: Path):
        return run([python, "-m", "pelican", str(content), "-o", str(output), "-s", "pelicanconf.py",
                    "-e", "SEARCH_INDEX=false", f"CACHE_PATH={json.dumps(str(cache))}"], env=pinned)

    stock_content(content, work / "stock")
    (work / "stock.py").write_text(STOCK_SETTINGS, encoding="utf-8")
    compileall.compile_file(work / "stock.py", quiet=1)  # as our settings are (compile_project)

    def stock_build(output: Path):
        return run([python, "-m", "pelican", str(work / "stock"), "-o", str(output), "-s", str(work / "stock.py")])

    # Both clean builds ``runs`` times, taking turns, each timed by its fastest run (the slower ones
    # measure what else the machine was doing) and its largest peak; the first run's output is kept.
    cleans, stocks = [ours(ours_out, work / "cache")], [stock_build(stock_out)]
    for extra in range(2, runs + 1):  # (each run's output is removed with the rest, at the end: see main)
        scratch = work / f"run-{extra}"
        cleans.append(ours(scratch / "ours", scratch / "cache"))
        stocks.append(stock_build(scratch / "stock"))
    clean, stock = fastest(cleans), fastest(stocks)
    pagefind = run([python, "-m", "pagefind", "--site", str(ours_out), "--silent"])
    total, files, largest = tree_size(ours_out)
    pairs = sorted(p.name for p in (ours_out / "pairs").iterdir() if (p / "index.html").is_file())
    browsing = {}
    if browser:
        browsing["search"] = browse.first_search(ours_out, "search/", QUERY)
        browsing["pair"] = browse.pair_pages(ours_out, f"pairs/{pairs[0]}/", f"pairs/{pairs[-1]}/")

    # A rebuild after editing one pair, against a clean build of the edited tree.
    edited, served = sorted((content / "cities").glob("*.md"))[:2]
    edited.write_text(edited.read_text(encoding="utf-8") + "\nOne more sentence.\n", encoding="utf-8")
    rebuild = ours(ours_out, work / "cache")
    # `make serve`'s rebuild: in the process that built before (Pelican's autoreload), after another edit.
    timing = work / "serve.json"
    run([python, "-m", "benchmarks.serve_rebuild", content, ours_out, work / "cache", served, timing], env=pinned)
    serve_rebuild = json.loads(timing.read_text())["seconds"]
    ours(work / "edited-clean", work / "edited-cache")
    identical = same_tree(ours_out, work / "edited-clean", ignore="pagefind")

    if browser:
        run([python, "-m", "pagefind", "--site", str(stock_out), "--silent"])
        (stock_out / "pagefind-probe").mkdir()
        (stock_out / "pagefind-probe/index.html").write_text(browse.PROBE, encoding="utf-8")
        browsing["stock_search"] = browse.first_search(stock_out, "pagefind-probe/", QUERY, browse.PAGEFIND_UI)
    result = {
        "pairs": summary.written, "rows": size, "import_s": round(imported, 1), "runs": runs,
        # The clean builds to a hundredth of a second and their ratios to a thousandth: the
        # limits (0.35, 0.15) are judged on these, not on figures rounded up or down to them.
        "stock_s": round(stock[0], 2), "stock_peak_mib": stock[1] // 1024,
        "ours_s": round(clean[0], 2), "ours_peak_mib": clean[1] // 1024,
        "ours_ratio": round(clean[0] / stock[0], 3),
        # Every run of both clean builds, in the order they ran: how far each swung on this machine.
        "stock_runs_s": [round(seconds, 2) for seconds, _ in stocks],
        "ours_runs_s": [round(seconds, 2) for seconds, _ in cleans],
        "rebuild_s": round(rebuild[0], 2), "rebuild_ratio": round(rebuild[0] / stock[0], 3),
        "serve_rebuild_s": round(serve_rebuild, 2), "serve_rebuild_ratio": round(serve_rebuild / stock[0], 3),
        "rebuild_identical": identical,
        "pagefind_s": round(pagefind[0], 1), "pagefind_peak_mib": pagefind[1] // 1024,
        "output_mb": round(total / 1e6, 1), "output_files": files, "largest_page_kb": round(largest / 1e3, 1),
        # What /map/ loads for its pairs, against the full GeoJSON export it loaded before.
        "map_data_kib": _gzipped_kib(ours_out / "maps/pairs.json"),
        "geojson_kib": _gzipped_kib(ours_out / "pairs.geojson"),
    }
    if browser:
        search, stock_search, pair = browsing["search"], browsing["stock_search"], browsing["pair"]
        result.update({
            "search_kib": search["kib"], "search_files": search["files"], "search_ms": search["ms"],
            "stock_search_kib": stock_search["kib"], "stock_search_ms": stock_search["ms"],
            "search_ratio": round(search["kib"] / stock_search["kib"], 2),
            "pair_first_kib": pair["first_kib"], "pair_cached_kib": pair["cached_kib"],
        })
    return result


def _gzipped_kib(path: Path) -> float:
    return round(len(gzip.compress(path.read_bytes())) / 1024, 1)


def same_tree(left: Path, right: Path, ignore: str) -> bool:
    """Whether two outputs hold the same files with the same bytes (``ignore``: a top folder left out)."""
    def files(folder):
        return {p.relative_to(folder): p for p in folder.rglob("*")
                if p.is_file() and p.relative_to(folder).parts[0] != ignore}

    a, b = files(left), files(right)
    return a.keys() == b.keys() and all(a[name].read_bytes() == b[name].read_bytes() for name in a)


COLUMNS = [("pairs", "pairs"), ("stock_s", "stock s"), ("ours_s", "ours s"), ("ours_ratio", "ours/stock"),
           ("rebuild_s", "rebuild s"), ("rebuild_ratio", "rebuild/stock"),
           ("serve_rebuild_s", "serve rebuild s"), ("serve_rebuild_ratio", "serve rebuild/stock"),
           ("rebuild_identical", "rebuilds = clean"),
           ("pagefind_s", "pagefind s"), ("stock_peak_mib", "stock MiB"), ("ours_peak_mib", "ours MiB"),
           ("pagefind_peak_mib", "pagefind MiB"), ("output_mb", "output MB"), ("largest_page_kb", "largest page KB"),
           ("search_kib", "first search KiB gz"), ("stock_search_kib", "stock search KiB gz"),
           ("search_ratio", "search/stock"), ("search_ms", "results ms"),
           ("pair_first_kib", "pair page KiB gz"), ("pair_cached_kib", "next pair page KiB gz"),
           ("map_data_kib", "map data KiB gz"), ("geojson_kib", "pairs.geojson KiB gz")]


def table(results: list[dict]) -> str:
    lines = ["| " + " | ".join(title for _, title in COLUMNS) + " |", "|" + "---:|" * len(COLUMNS)]
    lines += ["| " + " | ".join(_cell(r.get(key, "–")) for key, _ in COLUMNS) + " |" for r in results]
    return "\n".join(lines)


def _cell(value) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return f"{value:,}" if isinstance(value, int) else str(value)


def compile_project() -> None:
    """Our modules compiled to bytecode before any build is timed, as an installed package's are
    (stock Pelican's, and every library's, by pip): where Python does not write bytecode itself
    (PYTHONDONTWRITEBYTECODE set, as it is on some CI machines, or a read-only checkout), each of
    our builds would otherwise compile them again as it starts (some 50 ms), and stock Pelican's not."""
    for folder in ("partnerdir", "plugins"):
        compileall.compile_dir(ROOT / folder, quiet=1)
    compileall.compile_file(ROOT / "pelicanconf.py", quiet=1)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="make bench")
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/twin_cities.csv")
    parser.add_argument("--sizes", default="1000,5000,25917")
    parser.add_argument("--json", type=Path, default=ROOT / "bench-results.json")
    parser.add_argument("--no-browser", action="store_true", help="leave out the figures measured in Chromium")
    parser.add_argument("--runs", type=int, default=2,
                        help="clean builds of ours and of stock Pelican, in turns; each keeps its fastest")
    args = parser.parse_args(argv)
    browser = not args.no_browser and browse.available()
    if not browser:
        print("Chromium figures left out" + ("" if args.no_browser else
              f" ({browse.CHROMIUM} or Playwright is missing: sudo apt install chromium)"), file=sys.stderr)
    if not args.data.is_file():
        print(f"no data set at {args.data}: give --data (../shared/data/twin_cities.csv)", file=sys.stderr)
        return 2
    compile_project()
    results = []
    # What each size wrote is removed once all are measured, not before the next size's builds.
    # Some file systems make a file or folder made soon after many were deleted cost more (ext4
    # without a journal skips, one by one, the inodes freed in the last minutes), and a build's
    # time would then depend on what the bench deleted before it -- ours makes some 80,000
    # files and folders at 25,917 rows, stock Pelican some 25,000.
    scratch = Path(tempfile.mkdtemp(prefix="bench-"))
    try:
        for size in (int(s) for s in args.sizes.split(",")):
            work = scratch / str(size)
            work.mkdir()
            results.append(measure(size, args.data, work, browser, max(1, args.runs)))
            print(table(results[-1:]).splitlines()[-1], flush=True)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    print(table(results))
    args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"written to {args.json}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
