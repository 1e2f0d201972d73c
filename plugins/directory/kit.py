"""What every plugin of the directory shares: its settings table, its generator, and
helpers that queue its pages. (The other plugins load after this one.)"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from blinker import signal
from pelican import signals
from pelican.generators import Generator

from partnerdir import settings as settings_table

# Sent (with ``settings=``) before the partnership files are read; a receiver returns
# {name: function(partnership)}: what its generator will make of each pair's file alone
# (export lines, arcs). The directory does it in the process that reads the file, and
# keeps each result in the build's memo under ``name`` and the file's digest, where the
# generator's ``memo.pairs(name, ...)`` finds it (and computes only what is missing).
pair_work = signal("directory_pair_work")

# Sent (with ``settings=``) once the content has passed its checks; a receiver returns a function
# of the partnerships giving the folders (relative to the output folder) of the pages its generator
# will write, a page to each (``folders_of``). A large build lists and makes them ahead, in the
# forked copy that then writes the exports and maps (``OutputFiles.plan_folders``).
page_folders = signal("directory_page_folders")


class Plugin:
    """register() for a plugin with a settings table under ``prefix`` and one generator;
    ``pair_work(settings)`` gives the plugin's work on each pair's file (see ``pair_work``),
    ``page_folders(settings)`` the folders of its pages (see ``page_folders``).

    Blinker holds receivers weakly: the bound methods below stay alive because each
    plugin keeps its Plugin object at module level.
    """

    def __init__(self, prefix: str, settings, generator: type[Generator], finalized=None,
                 pair_work: Callable[[dict], dict[str, Callable]] | None = None,
                 page_folders: Callable[[dict], Callable[[Sequence], Iterable[str]]] | None = None):
        self.prefix, self.settings, self.generator, self.finalized = prefix, settings, generator, finalized
        self.work, self.folders = pair_work, page_folders

    def configure(self, pelican):
        pelican.settings = settings_table.apply(pelican.settings, self.prefix, self.settings)

    def add_generator(self, pelican):
        return self.generator

    def pair_work(self, sender, settings):
        return self.work(settings)

    def page_folders(self, sender, settings):
        return self.folders(settings)

    def register(self):
        signals.initialized.connect(self.configure)
        signals.get_generators.connect(self.add_generator)
        if self.finalized is not None:
            signals.finalized.connect(self.finalized)
        if self.work is not None:
            pair_work.connect(self.pair_work)
        if self.folders is not None:
            page_folders.connect(self.page_folders)


class PageGenerator(Generator):
    """A generator that writes pages named by a ``NAME_SAVE_AS`` / ``NAME_URL`` pair of settings.

    Pages are queued, and written with all the others after the last generator (see
    ``pages.PageWriter``). ``scoped=True`` says the template reads nothing of the
    directory beyond the values given (and site-wide things: settings, pages, stories,
    events), so the page need not be rendered again when some other pair changes.
    """

    def write_pages(self, writer, name: str, template: str, items, fields=None, scoped=False, **context):
        """A long list, in pages (see ``paginate``)."""
        paginate(self, name, template, items, fields, scoped, **context)

    def write_each(self, writer, name: str, template: str, pages, scoped=False):
        """``write_page`` for many pages of one kind: ``pages`` gives each page's fields and values."""
        save_as, url = self.settings[f"{name}_SAVE_AS"], self.settings[f"{name}_URL"]
        self.context["directory_pages"].add_all(
            template, [(save_as.format_map(fields), url.format_map(fields), values) for fields, values in pages], scoped)

    def write_page(self, writer, name: str, template: str, fields=None, scoped=False, **context):
        fields = fields or {}
        self.context["directory_pages"].add(self.settings[f"{name}_SAVE_AS"].format(**fields), template,
                                            self.settings[f"{name}_URL"].format(**fields), context, scoped)


def folders_of(settings, name: str, fields: Iterable[dict]) -> list[str]:
    """The folders of the ``name`` pages (``NAME_SAVE_AS``) with the ``fields`` of each: the part of
    each path before its last slash (as posixpath.dirname() gives it, but for a doubled slash, which
    the output leaves out, see ``OutputFiles.plan_folders``)."""
    pattern = settings[f"{name}_SAVE_AS"]
    return [pattern.format_map(each).rpartition("/")[0] for each in fields]


@dataclass(frozen=True)
class Pagination:
    """Where a page of a long list stands: page ``number`` of ``count``; paths relative to SITEURL."""

    number: int
    count: int
    base: str  # the first page's URL path, ending in "/"

    def path(self, number: int) -> str:
        return self.base if number == 1 else f"{self.base}page/{number}/"

    @property
    def numbers(self) -> list[int]:
        """The page numbers to link: all of a short list, else the ends and the neighbours."""
        if self.count <= 9:
            return list(range(1, self.count + 1))
        near = range(max(1, self.number - 2), min(self.count, self.number + 2) + 1)
        return sorted({1, self.count, *near})


def paginate(generator: PageGenerator, name: str, template: str, items, fields=None, scoped=False, **context):
    """Write ``items`` as pages of DIRECTORY_PAGE_SIZE: NAME_URL, then NAME_URL + page/2/, …"""
    fields = fields or {}
    settings = generator.settings
    size = settings["DIRECTORY_PAGE_SIZE"]
    chunks = [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]
    base = settings[f"{name}_URL"].format(**fields)
    save_as = settings[f"{name}_SAVE_AS"].format(**fields)
    if not base.endswith("/") or not save_as.endswith("index.html"):
        raise ValueError(f"{name}_URL must end in / and {name}_SAVE_AS in index.html to be paginated")
    for number, chunk in enumerate(chunks, start=1):
        pagination = Pagination(number, len(chunks), base)
        target = save_as if number == 1 else save_as.removesuffix("index.html") + f"page/{number}/index.html"
        generator.context["directory_pages"].add(target, template, pagination.path(number), {
            "page_items": chunk, "item_count": len(items), "pagination": pagination, **context}, scoped)
