"""The content gate: load and check every file under content/ before anything is written."""

from __future__ import annotations

import sys
from pathlib import Path

from pelican.generators import Generator

from partnerdir import parallel, schema
from partnerdir.builddate import build_date
from partnerdir.directory import Directory
from partnerdir.loader import ContentLoader
from partnerdir.memo import Memo
from partnerdir.output import OutputFiles
from partnerdir.problems import ERROR, Problem, display_path, has_errors, summary
from partnerdir.report import report

from . import templating
from .kit import page_folders, pair_work
from .pages import PageQueue, cache_file, site_digest


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
        parallel.start_build()
        parallel.hold_heap()  # what Pelican has read; again below, the directory
        today = build_date(self.settings["DIRECTORY_BUILD_DATE"])
        cache = cache_file(self.settings, "content", Path(self.path), ".pickle") if self.settings["DIRECTORY_CACHE"] else None
        # More than one process: the caches are saved, and some files written, in the background too.
        processes = parallel.workers(self.settings["DIRECTORY_PROCESSES"])
        work = {name: function for _, functions in pair_work.send(self, settings=self.settings)
                for name, function in (functions or {}).items()}

        def compile_ahead():  # by the copy that saves the content caches, once it has saved them
            if processes > 1 and parallel.can_fork():
                self.context["directory_compiling"] = templating.compile_ahead(self.env)

        loader = ContentLoader(Path(self.path), today=today, cache=cache, processes=processes,
                               pair_work=_doing(work) if work else None, beside_caches=compile_ahead)
        tree = loader.load_tree()
        problems = sorted(tree.problems + self._pages_pelican_dropped(tree))
        if problems:
            report(problems, display_path(self.path), sys.stderr)
        if has_errors(problems):
            templating.compiled(self.context.pop("directory_compiling", None))
            parallel.end_build()  # the build stops here: the collector comes back (make serve waits on)
            raise ContentInvalid(
                f"{summary(problems)} in {display_path(self.path)}, each listed with its file "
                "and line; nothing was written"
            )
        # The folders of the pages to come, named by their plugins (listed and made in the background).
        files = OutputFiles(self.output_path, background=processes > 1)
        makers = [make for _, make in page_folders.send(self, settings=self.settings) if make is not None]
        pairs = tree.partnerships
        files.plan_folders(lambda: (folder for make in makers for folder in make(pairs)), len(pairs))
        self.context["directory"] = Directory(tree.partnerships, tree.events)
        self.context["directory_sources"] = tree.sources
        self.context["directory_site"] = site = site_digest(self.settings, Path(self.path))
        memo = cache_file(self.settings, "memo", Path(self.output_path), ".pickle") if self.settings["DIRECTORY_CACHE"] else None
        self.context["directory_memo"] = kept = Memo(memo, site, tree.sources, background=processes > 1)
        kept.keep_all(tree.work)  # the pair work done as the files were read
        parallel.hold_heap()  # the directory and what the last build kept
        self.context["output_files"] = files
        self.context["directory_pages"] = PageQueue(files)

    def generate_output(self, writer):
        """Publish the JSON Schema of each content kind, for editors' YAML support."""
        for kind in schema.KINDS:
            path = schema.schema_path(kind)
            self.context["output_files"].write(self.settings["DIRECTORY_SCHEMAS_URL"] + path.name, path.read_bytes())

    def _pages_pelican_dropped(self, tree) -> list[Problem]:
        """Every valid page and story must have become a Pelican page (not skipped as a draft, say)."""
        read = {path for path, item in self.context.get("generated_content", {}).items() if item is not None}
        return [
            Problem(display_path(Path(self.path) / item.path), 1, 1, ERROR,
                    "Pelican did not turn this file into a page", "report this as a bug in the directory")
            for item in tree.pages + tree.stories
            if item.path not in read
        ]


def _doing(work: dict):
    """One function doing every plugin's work on a pair: {name: result}."""
    return lambda pair: {name: function(pair) for name, function in work.items()}
