"""Pelican reader for Markdown with YAML front matter (pages), through the core loader."""

from pathlib import Path

from pelican.readers import BaseReader

from partnerdir.loader import FOLDERS, ContentLoader


class ContentProblems(ValueError):
    """The file has problems; the message lists them, one per line."""


class FrontMatterReader(BaseReader):
    enabled = True
    file_extensions = ["md"]

    def __init__(self, settings):
        super().__init__(settings)
        self._loader = ContentLoader(Path(settings["PATH"]))

    def read(self, source_path):
        path = Path(source_path)
        folder = path.resolve().relative_to(self._loader.root.resolve()).parts[0]
        if FOLDERS.get(folder) != "page":
            raise ContentProblems(f"{source_path}: Pelican reads only pages; {folder}/ belongs to a plugin")
        page, problems = self._loader.page(path)
        if problems:
            raise ContentProblems("\n".join(str(p) for p in problems))
        metadata = {"title": page.title, "summary": page.summary, "slug": page.slug}
        if page.order is not None:
            metadata["order"] = page.order
        return page.body_html, {key: self.process_metadata(key, value) for key, value in metadata.items()}
