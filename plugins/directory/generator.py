"""The content gate: load and check every file under content/ before anything is written."""

from __future__ import annotations

import sys
from pathlib import Path

from pelican.generators import Generator

from partnerdir.directory import Directory
from partnerdir.loader import ContentLoader
from partnerdir.output import OutputFiles
from partnerdir.problems import ERROR, Problem, display_path, has_errors, summary


class ContentInvalid(RuntimeError):
    """Content has errors: the build stops before writing anything."""

    exitcode = 1


class DirectoryGenerator(Generator):
    """Loads the content tree into ``context['directory']``; stops the build on any error.

    Runs after Pelican's page generator (plugin generators come after the built-in
    ones) and before any generator writes output, so a content error means
    nothing is written.
    """

    def generate_context(self):
        tree = ContentLoader(Path(self.path)).load_tree()
        problems = tree.problems + self._pages_pelican_dropped(tree)
        for problem in sorted(problems):
            print(problem, file=sys.stderr)
        if problems:
            print(f"{display_path(self.path)}: {summary(problems)}", file=sys.stderr)
        if has_errors(problems):
            raise ContentInvalid(
                f"{summary(problems)} in {display_path(self.path)}, each listed with its file "
                "and line; nothing was written"
            )
        self.context["directory"] = Directory(tree.partnerships)
        self.context["output_files"] = OutputFiles(self.output_path)

    def _pages_pelican_dropped(self, tree) -> list[Problem]:
        """Every valid page must have become a Pelican page (not skipped as a draft, say)."""
        read = set(self.context.get("generated_content", {}))
        return [
            Problem(display_path(Path(self.path) / page.path), 1, 1, ERROR,
                    "Pelican did not turn this page into a page", "report this as a bug in the directory")
            for page in tree.pages
            if page.path not in read
        ]
