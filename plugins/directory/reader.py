"""Pelican reader for Markdown with YAML front matter (pages), through the core loader."""

from pathlib import Path

from pelican.readers import BaseReader

from partnerdir.builddate import build_date
from partnerdir.loader import FOLDERS, ContentLoader
from partnerdir.problems import has_errors


class ContentProblems(ValueError):
    """The file has problems; the message lists them, one per line."""


class FrontMatterReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self._loader = ContentLoader(Path(settings["PATH"]), today=build_date(settings.get("DIRECTORY_BUILD_DATE", "")))

    def read(self, source_path):
        path = Path(source_path)
        folder = path.resolve().relative_to(self._loader.root.resolve()).parts[0]
        kind = FOLDERS.get(folder)
        if kind not in ("page", "story"):
            raise ContentProblems(f"{source_path}: Pelican reads only pages and stories; {folder}/ belongs to a plugin")
        if kind == "page":
            page, problems = self._loader.page(path)
            self._stop(problems)
            metadata = {"title": page.title, "summary": page.summary, "slug": page.slug}
            if page.order is not None:
                metadata["order"] = page.order
            body = page.body_html
        else:
            story, problems = self._loader.story(path)
            self._stop(problems)
            body = story.body_html
            metadata = {"title": story.title, "date": story.date.isoformat(), "summary": story.summary,
                        "slug": story.slug, "pairs": list(story.pairs), "sources": list(story.sources)}
            if story.author:
                metadata["author"] = story.author
        return body, {key: self.process_metadata(key, value) for key, value in metadata.items()}

    @staticmethod
    def _stop(problems):
        """Refuse a file with errors; warnings are the content gate's to report."""
        if has_errors(problems):
            raise ContentProblems("\n".join(str(p) for p in problems))
