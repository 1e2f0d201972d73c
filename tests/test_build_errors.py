"""Content errors stop the build: non-zero exit, every problem at its line, nothing written."""

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
    assert result.stdout.splitlines()[-1] == "tests/fixtures/broken/content: 0 partnerships, 0 pages; 3 errors, 0 warnings"


def test_validate_command_passes_on_the_real_content():
    result = subprocess.run([sys.executable, "-m", "partnerdir", "validate"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout
    assert result.stdout.strip().endswith("0 errors, 0 warnings")
