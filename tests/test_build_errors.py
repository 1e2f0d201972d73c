"""Content errors stop the build: non-zero exit, every problem at its line, nothing written."""

import os
import subprocess
import sys

from tests.conftest import FIXTURES, ROOT, build, write
from tests.test_validation import VALID

BROKEN = "tests/fixtures/broken/content/cities"


def test_broken_files_stop_the_build_with_every_problem(tmp_path):
    output = tmp_path / "output"
    result = build(FIXTURES / "broken/content", output)
    assert result.returncode == 1
    lines = [line for line in result.stderr.splitlines() if ": error: " in line]
    assert lines == [
        f"{BROKEN}/boulder-nablus.md:8:21: error: places[0].location.lat: 95 is more than 90 allows "
        "(Latitude, -90 to 90 (north is positive).)",
        f"{BROKEN}/madison-rafah.md:4:1: error: places: has 1 item, needs exactly 2 "
        "(Exactly two places, each with name, country and location.)",
        f"{BROKEN}/olympia-rafah.md:9:9: error: YAML syntax: did not find expected ',' or '}}' "
        "(check the indentation and quotes on this line and the one above; "
        'text containing ": " or starting with a special character needs quotes)',
    ]
    assert "tests/fixtures/broken/content: 3 errors, 0 warnings" in result.stderr.splitlines()
    assert not list(output.rglob("*.html")), "a failed build wrote pages"


def test_a_broken_page_stops_the_build_too(tmp_path):
    content = tmp_path / "content"
    write(content / "cities/boulder-nablus.md", VALID)
    write(content / "pages/about.md", "---\ntitle: About\n---\nNo summary.\n")
    result = build(content, tmp_path / "output")
    assert result.returncode == 1
    assert ': error: "summary" is missing' in result.stderr
    assert not list((tmp_path / "output").rglob("*.html"))


def test_validate_command_reports_without_building():
    result = subprocess.run([sys.executable, "-m", "partnerdir", "validate", "tests/fixtures/broken/content"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1
    assert result.stdout.count(": error: ") == 3
    assert result.stdout.splitlines()[-1] == "tests/fixtures/broken/content: 0 partnerships, 0 stories, 0 events, 0 pages: 3 errors, 0 warnings"


def test_validate_command_passes_on_the_real_content():
    result = subprocess.run([sys.executable, "-m", "partnerdir", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 errors, 0 warnings")


def test_under_github_actions_each_error_is_annotated_and_summarised(tmp_path):
    step_summary = tmp_path / "summary.md"
    environment = {**os.environ, "GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(step_summary)}
    result = subprocess.run([sys.executable, "-m", "partnerdir", "validate", "tests/fixtures/broken/content"],
                            cwd=ROOT, capture_output=True, text=True, env=environment)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations == [
        f"::error file={BROKEN}/boulder-nablus.md,line=8,col=21,title=Content error::places[0].location.lat: "
        "95 is more than 90 allows (Latitude, -90 to 90 (north is positive).)",
        f"::error file={BROKEN}/madison-rafah.md,line=4,col=1,title=Content error::places: has 1 item, needs "
        "exactly 2 (Exactly two places, each with name, country and location.)",
        f"::error file={BROKEN}/olympia-rafah.md,line=9,col=9,title=Content error::YAML syntax: did not find "
        "expected ',' or '}' (check the indentation and quotes on this line and the one above; text containing "
        '": " or starting with a special character needs quotes)',
    ]
    table = step_summary.read_text(encoding="utf-8").splitlines()
    assert table[0] == "### Content check of `tests/fixtures/broken/content: 0 partnerships, 0 stories, 0 events, 0 pages`: 3 errors, 0 warnings"
    assert len([row for row in table if row.startswith(f"| `{BROKEN}/")]) == 3


def test_annotations_escape_what_would_break_them():
    from partnerdir.problems import Problem
    from partnerdir.report import annotation

    problem = Problem("content/cities/a,b.md", 3, 1, "warning", "100% sure:\nno", "fix")
    assert annotation(problem) == (
        "::warning file=content/cities/a%2Cb.md,line=3,col=1,title=Content warning::100%25 sure:%0Ano (fix)"
    )


def test_one_message_per_rule_and_make_validate_fails():
    """A tree with one file per validation rule: each file gets exactly one message, at its line."""
    content = FIXTURES / "rules/content"
    result = subprocess.run(["make", "--no-print-directory", "validate", f"CONTENT={content.relative_to(ROOT)}"],
                            cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    problems = [line for line in result.stdout.splitlines() if ": error: " in line or ": warning: " in line]
    files = [line.split(":")[0] for line in problems]
    expected = sorted(
        p.relative_to(ROOT).as_posix() for p in content.rglob("*.md")
        if p.name not in ("boulder-nablus.md", "about.md")
    )
    assert sorted(files) == expected, result.stdout
    assert all(int(line.split(":")[1]) >= 1 for line in problems)
    assert sum(": warning: " in line for line in problems) == 2
    # every file without an error of its own is loaded -- the two with only a warning included
    assert "rules/content: 4 partnerships, 1 stories, 1 events, 1 pages: 10 errors, 2 warnings" in result.stdout
    real = subprocess.run(["make", "--no-print-directory", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert real.returncode == 0 and real.stdout.strip().endswith("0 errors, 0 warnings")


def test_a_build_stopped_by_content_errors_gives_the_collector_back(tmp_path, monkeypatch):
    """A build turns automatic collections off (parallel.hold_heap); `make serve`'s process
    goes on after a build that stopped, and collects again at once."""
    import gc

    import pytest
    from pelican import Pelican
    from pelican.settings import read_settings

    from partnerdir import parallel, persist

    monkeypatch.chdir(ROOT)
    content = tmp_path / "content"
    write(content / "cities/boulder-nablus.md", VALID.replace("kind: sister", "kind: twin"))
    settings = read_settings("pelicanconf.py", override={
        "PATH": str(content), "OUTPUT_PATH": str(tmp_path / "output"), "CACHE_PATH": str(tmp_path / "cache"),
        "SEARCH_INDEX": False})
    try:
        with pytest.raises(Exception, match="1 error, 0 warnings") as stopped:
            Pelican(settings).run()
        assert type(stopped.value).__name__ == "ContentInvalid"
        assert gc.isenabled()
    finally:
        persist.wait()  # the caches it began to save in the background
        gc.enable()
        parallel.start_build()
