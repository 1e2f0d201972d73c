"""Signal wiring for the directory plugin (module-level functions: blinker holds receivers weakly)."""

import logging

from pelican import signals

from partnerdir import builddate, parallel, persist
from partnerdir import settings as settings_table

from . import components, templating
from .generator import ContentInvalid, DirectoryGenerator
from .pages import PageWriter
from .reader import FrontMatterReader
from .settings import SETTINGS


def configure(pelican):
    loaded = {getattr(plugin, "__name__", str(plugin)) for plugin in pelican.plugins}
    missing = [name for name in pelican.settings.get("DIRECTORY_REQUIRED_PLUGINS", ()) if name not in loaded]
    if missing:  # Pelican only logs a plugin that fails to import, and builds on without it
        raise settings_table.SettingsError(
            f"plugin{'s' * (len(missing) > 1)} {', '.join(missing)} could not be loaded: see the error above "
            "(is a package missing? run make again to install requirements.txt)")
    merged = settings_table.apply(pelican.settings, "DIRECTORY_", SETTINGS)
    merged["JINJA_GLOBALS"] = {**merged.get("JINJA_GLOBALS", {}), **templating.GLOBALS, **components.GLOBALS}
    merged["JINJA_FILTERS"] = {**merged.get("JINJA_FILTERS", {}), **templating.FILTERS}
    # Pelican makes new Jinja environments for every build (one per generator), so a template
    # cannot change within one: Jinja need not look at its file each time a page extends it.
    merged["JINJA_ENVIRONMENT"] = {**merged["JINJA_ENVIRONMENT"], "auto_reload": False}
    if merged["DIRECTORY_CACHE"]:
        merged["JINJA_ENVIRONMENT"] = {**merged["JINJA_ENVIRONMENT"], "bytecode_cache": templating.bytecode_cache(merged)}
    pelican.settings = merged
    # Connected now, after every plugin registered its own: the page writer is the last plugin generator.
    signals.get_generators.connect(add_page_writer)


def add_page_writer(pelican):
    return PageWriter


def date_empty_feed(context, feed):
    """Pelican's feeds (the stories' feed before the first story) are dated by the build."""
    builddate.date_empty_feed(feed, builddate.build_moment(context.get("DIRECTORY_BUILD_DATE", "")))


def use_front_matter_reader(readers):
    for extension in FrontMatterReader.file_extensions:
        readers.reader_classes[extension] = FrontMatterReader


def add_generator(pelican):
    return DirectoryGenerator


def tune_environment(generator):
    """Each generator's Jinja environment renders with the directory's context and template classes."""
    if not generator.env.extensions:  # an extension's OverlayScope replaces a derived context's vars
        generator.env.context_class = templating.SharedContext
    generator.env.template_class = templating.TextTemplate


def note_written(path, context):
    """What Pelican's own writer writes (its pages, the 404 page) is noted beside the plugins' files."""
    files = context.get("output_files")
    if files is not None:
        files.note(path)


def start_background(generators):
    """Once every generator has made its context: the page folders planned at the content gate,
    the files asked for so far (exports, maps) and what the generators computed for each pair
    (its export lines, its arcs), made and saved in the background, by one copy."""
    context = generators[0].context if generators else {}
    files, memo = context.get("output_files"), context.get("directory_memo")
    with parallel.together():
        if files is not None:
            files.start_background()
        if memo is not None:
            memo.save()  # saved again with the pages only if a generator adds to it (share images)


def end_build(pelican):
    persist.wait()  # the caches saved in the background are written before the build is done
    parallel.end_build()


def without_traceback(record):
    """Content errors are already listed at their lines: Pelican's traceback would only hide them."""
    if record.exc_info and isinstance(record.exc_info[1], ContentInvalid):
        record.exc_info = None
    return True


def register():
    logging.getLogger("pelican").addFilter(without_traceback)
    signals.initialized.connect(configure)
    signals.readers_init.connect(use_front_matter_reader)
    signals.feed_generated.connect(date_empty_feed)
    signals.get_generators.connect(add_generator)
    signals.generator_init.connect(tune_environment)
    signals.content_written.connect(note_written)
    signals.all_generators_finalized.connect(start_background)
    signals.finalized.connect(end_build)
