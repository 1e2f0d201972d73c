"""Printing problems: for people (one line each), and for GitHub Actions.

Under GitHub Actions (GITHUB_ACTIONS=true) each problem is also printed as a
workflow command (``::error file=…,line=…::…``) so a pull request shows it on
its line, and -- as GitHub shows only the first ten annotations of a step --
the whole list goes to the step summary ($GITHUB_STEP_SUMMARY) as a table.
"""

from __future__ import annotations

import os
import sys

from .problems import Problem, summary


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def annotation(problem: Problem) -> str:
    """The workflow command that annotates a problem's line in a pull request."""
    message = f"{problem.message} ({problem.hint})" if problem.hint else problem.message
    properties = ",".join([
        f"file={_escape_property(problem.path)}",
        f"line={problem.line}",
        f"col={problem.column}",
        f"title={_escape_property('Content ' + problem.severity)}",
    ])
    return f"::{problem.severity} {properties}::{_escape_data(message)}"


def summary_table(problems: list[Problem], where: str) -> str:
    """The step summary: a Markdown table of every problem."""
    lines = [f"### Content check of `{where}`: {summary(problems)}", ""]
    if problems:
        lines += ["| file | line | | problem | how to fix it |", "|---|---:|---|---|---|"]
        for p in problems:
            cells = [f"`{p.path}`", str(p.line), p.severity, p.message, p.hint]
            lines.append("| " + " | ".join(c.replace("|", "\\|").replace("\n", " ") for c in cells) + " |")
    return "\n".join(lines) + "\n"


def report(problems: list[Problem], where: str, out=None, environ=os.environ) -> None:
    """Print every problem and a summary line; add annotations and a summary table under GitHub Actions."""
    out = out or sys.stdout
    for problem in problems:
        print(problem, file=out)
    print(f"{where}: {summary(problems)}", file=out)
    if environ.get("GITHUB_ACTIONS") == "true":
        for problem in problems:
            print(annotation(problem), file=out)
        step_summary = environ.get("GITHUB_STEP_SUMMARY")
        if step_summary:
            with open(step_summary, "a", encoding="utf-8") as stream:
                stream.write(summary_table(problems, where))
