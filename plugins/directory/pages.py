"""The pages the plugins write, written together: in parallel, and only when they changed.

Generators do not write their pages one by one through Pelican's writer: they add
them to the build's ``PageQueue`` (``context["directory_pages"]``), and the last
generator, ``PageWriter``, writes the whole queue at once -- shared with forked copies
of the build on a large build (``DIRECTORY_PROCESSES``) -- as Pelican's writer would:
the same template context, ``output_file`` and ``url``, the per-page SITEURL when
RELATIVE_URLS is on.

With ``DIRECTORY_CACHE`` on, each page gets a key: a digest of everything it is made
from -- the settings, theme, plugins and directory code, the pages, stories and events,
the build date, and the page's own values (the pair, the place, the slice of a list it
shows); a page that reads the whole directory (counts, totals) depends on every pair.
A page whose key and file are as the last build left them is not rendered again; a
page the last build wrote and this one does not is removed, as are the files the
plugins wrote beside the pages last time and not this time. So a rebuild after one
edit renders only what shows that edit, and leaves the same output as a clean build.
"""

from __future__ import annotations

import json
import logging
import os
import time
from dataclasses import dataclass
from pathlib import Path

from blinker import signal
from pelican.generators import Generator
from pelican.utils import get_relative_path, path_to_url

from partnerdir import fingerprint, parallel, persist
from partnerdir.builddate import build_date
from partnerdir.output import OutputFiles
from partnerdir.progress import Progress

from .templating import compiled

MANIFEST_VERSION = 2
logger = logging.getLogger("pelican.plugins.directory")

# Sent (with ``context=``) once every page is written -- Pelican's own and the plugins' -- for
# what lists them all (the sitemap); files written then are kept in the page manifest too.
pages_written = signal("directory_pages_written")


@dataclass
class PageJob:
    save_as: str  # relative to the output folder
    template: str  # the template's name, without .html
    url: str  # (as Pelican's writer, this is not given to the template, which has the url() function)
    values: dict  # what the template gets beside the site's context
    scoped: bool  # True: the page reads only ``values`` and the site-wide things, not the whole directory


class PageQueue:
    def __init__(self, output_files: OutputFiles):
        self.output_files = output_files
        self.jobs: list[PageJob] = []

    def add(self, save_as: str, template: str, url: str, values: dict, scoped: bool = False) -> None:
        """Queue a page; a path queued or written before in this build is refused."""
        self.output_files.claim(save_as)
        self.jobs.append(PageJob(save_as, template, url, values, scoped))

    def add_all(self, template: str, pages: list[tuple[str, str, dict]], scoped: bool = False) -> None:
        """Queue pages of one template, each (save_as, url, values), as ``add`` does each."""
        self.output_files.claim_all([save_as for save_as, _, _ in pages])
        self.jobs += [PageJob(save_as, template, url, values, scoped) for save_as, url, values in pages]


class PageWriter(Generator):
    """Writes the queued pages after every other generator has queued its own."""

    def generate_output(self, writer):
        queue: PageQueue = self.context["directory_pages"]
        output = Path(self.output_path)
        use_cache = self.settings["DIRECTORY_CACHE"]
        # What the last build wrote: each page's key, size and time; None for the other files.
        manifest = persist.Entries(cache_file(self.settings, "pages", output, ".pickle"),
                                   (MANIFEST_VERSION, str(output))) if use_cache else None
        recorded = manifest.values if manifest else {}
        parallel.keep_held()  # the pages' records, unpickled
        site, sources = self.context["directory_site"], self.context["directory_sources"]
        whole = fingerprint.Fingerprinter(sources)(self.context["directory"].partnerships) if use_cache else None
        relative_urls = self.settings["RELATIVE_URLS"]
        context = self.context
        root = str(output)

        def key(of, job):
            return _key(of, (site, job.save_as, job.template, job.url, job.values, None if job.scoped else whole))

        site_variables = {}  # by template: its globals and the site's context, made once in each process
        # Each partnership and place is hashed once in each process, for all the pages that show it.
        of = fingerprint.Fingerprinter(sources)

        def write(work):
            """Render and write each page (in a worker); a page without its key gets it here."""
            done = []
            for job, page_key in work:
                if use_cache and page_key is None:
                    page_key = key(of, job)
                template = self.get_template(job.template)
                if job.template not in site_variables:
                    site_variables[job.template] = _site_variables(template, context)
                local = site_variables[job.template].copy()
                if relative_urls:
                    local["SITEURL"] = local["localsiteurl"] = path_to_url(get_relative_path(job.save_as))
                local["output_file"] = job.save_as
                local.update(job.values)
                stat = _write(os.path.join(root, job.save_as), _render(template, local).encode("utf-8"))
                done.append((job.save_as, [page_key, stat.st_size, stat.st_mtime_ns] if page_key else None))
            return done

        # What the generators before this one computed for each pair is complete: what they added
        # since it was saved (see plugin.start_background) is saved while the pages are written.
        self.context["directory_memo"].save()
        start = time.perf_counter()
        results = []
        if recorded:
            # A rebuild: each page's key here, and only the pages whose key or file changed are
            # rendered (in copies only if they are many, see parallel.MIN_ITEMS).
            work = []
            for job in queue.jobs:
                page_key = key(of, job)
                entry = recorded.get(job.save_as)
                if _unchanged(page_key, entry, os.path.join(root, job.save_as)):
                    results.append((job.save_as, entry))
                else:
                    work.append((job, page_key))
        else:
            work = [(job, None) for job in queue.jobs]  # a first build: keys made beside the rendering
        processes = parallel.workers(self.settings["DIRECTORY_PROCESSES"])
        with Progress("Writing pages", len(work)) as progress:
            written = parallel.map_chunks(write, work, processes, progress=progress.update)
        results += written
        logger.info("Directory pages: %d written, %d unchanged, in %.1f s", len(written), len(results) - len(written),
                    time.perf_counter() - start)
        queue.output_files.wait()  # the files made in the background (exports, maps) are written
        compiled(self.context.pop("directory_compiling", None))
        pages_written.send(self, context=self.context)
        if not use_cache:
            return
        everything = queue.output_files.written
        _remove(output, recorded.keys() - everything)
        manifest.save({**dict.fromkeys(everything), **dict(results)})


def _site_variables(template, context: dict) -> dict:
    """What each page of ``template`` renders with before its own values: the template's globals,
    then the site's context over them (as ``Template.render`` orders them), ``localsiteurl`` set
    (as Pelican's writer sets it)."""
    return {**template.globals, **context, "localsiteurl": context.get("localsiteurl")}


def _render(template, variables: dict) -> str:
    """``template.render(variables)`` for variables that already hold the template's globals:
    Jinja's own render copies all of them (some 450: Pelican's settings and the site's
    context) twice for each page; here the page's context is made on the dict as it is."""
    context = template.new_context(variables, shared=True)
    try:
        return template.environment.concat(template.root_render_func(context))
    except Exception:
        return template.environment.handle_exception()


def _key(of: fingerprint.Fingerprinter, value) -> str | None:
    try:
        return of(value)
    except Exception:  # a value that does not pickle: the page is always rendered
        return None


# Settings that change how a build runs, not what it writes.
HOW_NOT_WHAT = {"DIRECTORY_PROCESSES", "DIRECTORY_CACHE", "CACHE_PATH", "OUTPUT_PATH", "DELETE_OUTPUT_DIRECTORY",
                "SEARCH_INDEX", "PATH"}


def site_digest(settings, content: Path) -> str:
    """What every page depends on: settings, build date, theme, code and libraries, and the content but the pairs."""
    values = {key: value for key, value in settings.items() if key.isupper() and key not in HOW_NOT_WHAT}
    values["PATH"] = Path(settings["PATH"]).name  # "edit this file" links name the content folder
    return fingerprint.digest(json.dumps(_plain([
        values, build_date(settings["DIRECTORY_BUILD_DATE"]).isoformat(),
        fingerprint.tree(settings["THEME"]), fingerprint.code(),
        fingerprint.libraries("pelican", "jinja2", "markupsafe", "orjson"),
        fingerprint.tree(Path(__file__).resolve().parent.parent), _other_content(content),
    ])).encode())


def cache_file(settings, name: str, owner: Path, suffix: str) -> Path:
    """The cache file ``name`` of one content or output folder, under CACHE_PATH/directory/."""
    return Path(settings["CACHE_PATH"]) / "directory" / f"{name}-{fingerprint.digest(str(owner.resolve()).encode())}{suffix}"


def _write(path: str, data: bytes) -> os.stat_result:
    """Write a page (its folder made if missing); its size and time as written."""
    try:
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    except FileNotFoundError:  # a clean build's page, unless its folder was made ahead (OutputFiles.plan_folders)
        os.makedirs(os.path.dirname(path), exist_ok=True)
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)
    try:
        view = memoryview(data)
        while view:
            view = view[os.write(handle, view):]
        return os.fstat(handle)
    finally:
        os.close(handle)


def _unchanged(key: str | None, recorded, path: str) -> bool:
    """Whether the file at ``path`` is the one the last build wrote for the same key."""
    if key is None or recorded is None or recorded[0] != key:
        return False
    try:
        stat = os.stat(path)
    except OSError:
        return False
    return [stat.st_size, stat.st_mtime_ns] == recorded[1:]


def _remove(output: Path, stale: set[str]) -> None:
    """Delete files the last build wrote and this one does not, with the folders they leave empty."""
    for relative in sorted(stale):
        path = output / relative
        path.unlink(missing_ok=True)
        for parent in path.parents:
            if parent == output or not parent.is_dir() or any(parent.iterdir()):
                break
            parent.rmdir()


def _other_content(root: Path) -> str:
    """Everything under content/ but the partnerships (pages, stories, events): site-wide inputs."""
    return fingerprint.digest(b"".join(
        path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0"
        for top in sorted(root.iterdir()) if top.name != "cities"
        for path in sorted([top, *top.rglob("*")] if top.is_dir() else [top]) if path.is_file()
    ))


def _plain(value):
    """Settings as JSON values; what JSON has no word for (functions, modules) by its name."""
    if isinstance(value, dict):
        return {str(key): _plain(item) for key, item in sorted(value.items(), key=lambda kv: str(kv[0]))}
    if isinstance(value, (list, tuple)):
        return [_plain(item) for item in value]
    if isinstance(value, (set, frozenset)):
        return sorted((_plain(item) for item in value), key=repr)
    if value is None or isinstance(value, (str, int, float, bool)):
        return value
    name = getattr(value, "__qualname__", None) or getattr(value, "__name__", None) or type(value).__qualname__
    return f"{getattr(value, '__module__', '')}.{name}"
