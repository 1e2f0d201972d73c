"""The importer: a CSV of twin-town pairs to partnership files (an invented sample here;
the real data set of ../shared/data when it is beside the repository)."""

from __future__ import annotations

import csv
import filecmp
import io
import subprocess

import pytest

from partnerdir.importer import import_pairs, report_path
from partnerdir.loader import ContentLoader
from tests.conftest import FIXTURES, ROOT, SHARED_DATA

SAMPLE = FIXTURES / "import/pairs.csv"


def run(into, source=SAMPLE):
    out = io.StringIO()
    summary = import_pairs(source, into, pages=ROOT / "content/pages", out=out)
    return summary, out.getvalue()


def report(into):
    with report_path(into).open(encoding="utf-8") as stream:
        return {int(row["row"]): (row["outcome"], row["reason"]) for row in csv.DictReader(stream)}


def test_sample_rows_become_files_or_reported_reasons(tmp_path):
    summary, said = run(tmp_path / "content")
    assert said.splitlines()[0] == "11 rows read, 6 pairs written, 1 merged (listed twice), 4 rejected"
    files = sorted(p.name for p in (tmp_path / "content/cities").glob("*.md"))
    assert files == ["bath-aix-en-provence.md", "boulder-nablus.md", "freiburg-im-breisgau-gorlitz.md",
                     "paris-rome-us-it.md", "paris-rome.md", "tromso-sacramento.md"]
    rows = report(tmp_path / "content")
    assert rows[3] == ("merged", "the same pair as row 2")
    assert rows[8] == ("rejected", "Kosovo has no ISO 3166-1 country code")
    assert rows[9][0] == "rejected" and rows[9][1].startswith(
        "Jenin – Bağcılar: places[0].location: 40.0, -3.7 is 3,369 km outside Palestine")
    assert rows[10] == ("rejected", "the row pairs a place with itself")
    assert rows[11] == ("rejected", '"Oceania" is not a country name the importer knows')
    assert set(rows) == {3, 8, 9, 10, 11}


def test_written_files_validate_with_countries_regions_and_states(tmp_path):
    run(tmp_path / "content")
    tree = ContentLoader(tmp_path / "content").load_tree()
    assert [p for p in tree.problems if p.is_error] == []
    pairs = {p.slug: p for p in tree.partnerships}
    assert pairs["bath-aix-en-provence"].places[0].region == "GB-ENG"
    assert pairs["boulder-nablus"].places[0].region == "US-CO"
    assert pairs["tromso-sacramento"].places[1].region == "US-CA"
    assert pairs["paris-rome-us-it"].places[0].region == "US-TX"
    # a domestic pair is kept, with a warning
    assert [p.severity for p in tree.problems] == ["warning"]
    assert (tmp_path / "content/pages/contribute.md").is_file()


def test_two_imports_write_the_same_bytes(tmp_path):
    run(tmp_path / "a")
    run(tmp_path / "b")
    comparison = filecmp.dircmp(tmp_path / "a", tmp_path / "b")
    assert not comparison.diff_files and not comparison.left_only and not comparison.right_only
    assert not filecmp.dircmp(tmp_path / "a/cities", tmp_path / "b/cities").diff_files


def test_imports_are_never_committed():
    ignored = subprocess.run(["git", "check-ignore", "imported/content/cities/x.md"], cwd=ROOT,
                             capture_output=True, text=True)
    assert ignored.returncode == 0, "the default import folder must be ignored by git"


def test_the_shared_data_set_imports(tmp_path):
    if not SHARED_DATA.is_file():
        pytest.skip(f"the shared data set is not at {SHARED_DATA} (set DIRECTORY_SHARED_DATA to its twin_cities.csv)")
    summary, said = run(tmp_path / "content", SHARED_DATA)
    assert summary.read == 25_917
    assert summary.written + len(summary.merged) + len(summary.rejected) == summary.read
    rows = report(tmp_path / "content")
    aida = [reason for outcome, reason in rows.values() if reason.startswith("Nogent-sur-Oise – Aida Camp")]
    assert aida and "km outside Palestine" in aida[0]
    assert sum(reason == "the row pairs a place with itself" for _, reason in rows.values()) == 3
    assert len(list((tmp_path / "content/cities").glob("*.md"))) == summary.written


class Terminal(io.StringIO):
    def isatty(self):
        return True


def test_an_import_shows_progress_on_a_terminal_only(tmp_path, monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    shown = Terminal()
    import_pairs(SAMPLE, tmp_path / "terminal", pages=ROOT / "content/pages", out=shown)
    assert "\rImporting rows: 1" in shown.getvalue()  # then at most five updates a second
    monkeypatch.setenv("CI", "true")
    quiet = Terminal()
    import_pairs(SAMPLE, tmp_path / "ci", pages=ROOT / "content/pages", out=quiet)
    assert "Importing rows" not in quiet.getvalue()
    assert quiet.getvalue().splitlines()[0] == "11 rows read, 6 pairs written, 1 merged (listed twice), 4 rejected"
