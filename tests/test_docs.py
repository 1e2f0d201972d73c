"""The README stays true: its first two commands are the set-up commands."""

import re

from tests.conftest import ROOT


def test_readme_gives_the_two_commands_first():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    first_block = re.search(r"```sh\n(.*?)```", readme, re.S).group(1)
    commands = [line.split("#")[0].strip() for line in first_block.splitlines() if line.strip()]
    assert commands == ["make serve", "make test"]


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_every_make_target_is_an_invoke_task():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    tasks = (ROOT / "tasks.py").read_text(encoding="utf-8")
    for target in ("serve", "test", "html", "publish", "validate", "clean"):
        assert re.search(rf"^{target}: \$\(READY\)", makefile, re.M), target
        assert re.search(rf"^\t\$\(BIN\)/invoke {target}\b", makefile, re.M), target
        assert re.search(rf"^def {target}\(c", tasks, re.M), target
