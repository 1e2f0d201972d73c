"""`make bench` runs end to end (on the invented sample here; figures come from the real data set)."""

import importlib.util
import json
import os
import subprocess
import sys

from benchmarks import bench, browse
from tests.conftest import FIXTURES, ROOT


def test_bench_measures_ours_and_the_stock_reference(tmp_path):
    output = tmp_path / "bench.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks.bench", "--sizes", "11", "--data", str(FIXTURES / "import/pairs.csv"),
         "--json", str(output)],
        cwd=ROOT, capture_output=True, text=True, timeout=600,
    )
    assert result.returncode == 0, result.stderr
    [row] = json.loads(output.read_text())
    assert row["rows"] == 11 and row["pairs"] == 6
    assert row["runs"] == 2  # both clean builds twice, each timed by its faster run
    assert len(row["stock_runs_s"]) == len(row["ours_runs_s"]) == 2 and row["ours_s"] == min(row["ours_runs_s"])
    for key in ("stock_s", "ours_s", "rebuild_s", "pagefind_s", "ours_ratio", "output_mb", "largest_page_kb",
                "map_data_kib", "geojson_kib"):
        assert row[key] > 0, key
    assert row["map_data_kib"] < row["geojson_kib"]
    assert row["rebuild_identical"] is True
    assert "| pairs | stock s | ours s | ours/stock |" in result.stdout
    if browse.available():  # the figures measured in Chromium
        for key in ("search_kib", "stock_search_kib", "search_ratio", "search_ms", "pair_first_kib", "pair_cached_kib"):
            assert row[key] > 0, key
        assert row["pair_cached_kib"] < row["pair_first_kib"]


def test_a_build_run_several_times_counts_its_fastest_run_and_its_largest_peak():
    assert bench.fastest([(31.5, 150_000), (26.0, 149_000), (28.2, 151_000)]) == (26.0, 151_000)


def test_nothing_is_deleted_until_every_size_is_measured(tmp_path, monkeypatch):
    """A build's time must not depend on what the bench deleted just before it (see main)."""
    events = []
    monkeypatch.setattr(bench, "measure", lambda size, data, work, browser, runs: events.append(
        ("measure", size, work.is_dir(), list(tmp_path.glob("bench-*/*")))) or {"rows": size})
    real_rmtree = bench.shutil.rmtree
    monkeypatch.setattr(bench.shutil, "rmtree",
                        lambda path, **kw: events.append(("rmtree", path)) or real_rmtree(path, **kw))
    monkeypatch.setattr(bench.tempfile, "tempdir", str(tmp_path))
    assert bench.main(["--sizes", "3,5", "--data", str(FIXTURES / "import/pairs.csv"), "--json",
                       str(tmp_path / "bench.json"), "--no-browser"]) == 0
    [first, second, removed] = events
    assert first[:3] == ("measure", 3, True) and second[:3] == ("measure", 5, True)
    assert len(second[3]) == 2, "the first size's folder is still there while the second is measured"
    assert removed[0] == "rmtree" and not removed[1].exists() and not list(tmp_path.glob("bench-*"))


def test_the_bench_compiles_our_modules_before_it_times_a_build(tmp_path, monkeypatch):
    """As pip compiled stock Pelican's: no build it times compiles our code as it starts, even
    where Python writes no bytecode itself."""
    monkeypatch.setattr(bench, "ROOT", tmp_path)
    for name in ("partnerdir/a.py", "plugins/maps/b.py", "pelicanconf.py"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("X = 1\n")
    monkeypatch.setattr(sys, "dont_write_bytecode", True)
    bench.compile_project()
    for name in ("partnerdir/a.py", "plugins/maps/b.py", "pelicanconf.py"):
        assert os.path.isfile(importlib.util.cache_from_source(str(tmp_path / name))), name
