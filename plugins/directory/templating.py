"""Jinja globals and filters: the one place templates build URLs and names.

``url(NAME, **fields)`` formats the ``NAME_URL`` pattern of the settings and
joins it to ``SITEURL`` -- the per-page one when ``RELATIVE_URLS`` is on -- so
the same templates work at a domain's root, under a GitHub Pages project
sub-path and on a custom domain. Templates never concatenate paths themselves.
"""

from __future__ import annotations

import json
import logging
import os
import types
from collections.abc import Callable
from pathlib import Path, PurePosixPath

from jinja2 import FileSystemBytecodeCache, Template, pass_context
from jinja2.runtime import Context, missing
from jinja2.utils import _PassArg, internalcode
from markupsafe import Markup, escape

try:  # the C escaper behind markupsafe.escape(), without the Markup wrapping its result
    from markupsafe import _escape_inner
except ImportError:  # pragma: no cover - another MarkupSafe: the same text, through escape()
    def _escape_inner(text: str) -> str:
        return str(escape(text))

from partnerdir import fingerprint, geo, parallel, urls, vocab
from partnerdir.model import plain


@pass_context
def url(context, name: str, **fields) -> str:
    """The URL of a page kind: url('PAIRS', slug='boulder-nablus') -> /pairs/boulder-nablus/."""
    resolve = context.resolve_or_missing  # a lookup, where get() is three calls deep
    key = (resolve("SITEURL"), resolve(f"{name}_URL"), *fields.items())
    known = _URLS.get(key)
    if known is None:
        if len(_URLS) > 1 << 17:
            _URLS.clear()
        known = _URLS[key] = urls.url(context, name, **fields)
    return known


_URLS: dict[tuple, str] = {}  # a page asks for the same few dozen URLs as every other page


class SharedContext(Context):
    """A Jinja context whose derived contexts share its variables instead of copying them.

    Jinja calls a ``pass_context`` function (``url()``, the components) from inside a block
    or loop with a derived context, which copies every variable -- all of Pelican's
    settings, some 300 -- twice, several times a page (a tenth of writing the pages of a
    large directory). Here the derived context keeps the same parent and copies only the
    few variables set since (and the block's or loop's own); it sees exactly the values
    Jinja's would. (Not for an environment with extensions: an extension's ``OverlayScope``
    replaces a derived context's own variables, which here hold the page's that were set.)
    """

    def derived(self, locals=None) -> Context:
        context = type(self)(self.environment, self.parent, self.name, {})
        context.vars.update(self.vars)
        if locals:
            context.vars.update((key, value) for key, value in locals.items() if value is not missing)
        context.eval_ctx = self.eval_ctx
        context.blocks.update((name, list(stack)) for name, stack in self.blocks.items())
        return context

    @internalcode  # left out of tracebacks, as Jinja's own
    def call(__self, __obj, *args, **kwargs):  # noqa: N805 - Jinja's own signature
        """``Context.call`` -- how a template calls every function -- for a plain function or
        method (the globals, the components, a value's methods) without its checks for callable
        objects: the same arguments and result, a few percent of a page's time less."""
        if type(__obj) not in _PLAIN:  # macros, blocks, callable objects: as Jinja does
            return Context.call(__self, __obj, *args, **kwargs)
        loop_vars, block_vars = kwargs.pop("_loop_vars", None), kwargs.pop("_block_vars", None)
        pass_arg = getattr(__obj, "jinja_pass_arg", None)
        if pass_arg is _PassArg.context:
            if loop_vars:
                __self = __self.derived(loop_vars)
            if block_vars:
                __self = __self.derived(block_vars)
            args = (__self, *args)
        elif pass_arg is _PassArg.eval_context:
            args = (__self.eval_ctx, *args)
        elif pass_arg is _PassArg.environment:
            args = (__self.environment, *args)
        try:
            return __obj(*args, **kwargs)
        except StopIteration:
            return __self.environment.undefined(
                "value was undefined because a callable raised a StopIteration exception")


# Calls that cannot be callable objects taking a context through their __call__ (the one check
# the fast path leaves out); a method's jinja_pass_arg is its function's, as Jinja reads it.
_PLAIN = {types.FunctionType, types.MethodType, types.BuiltinFunctionType}


def escape_text(value, /) -> str:
    """``markupsafe.escape(value)`` as a plain string: the same characters, without making a
    ``Markup`` of each (a Python call). Where what is escaped is only joined into the page."""
    if type(value) is str:
        return _escape_inner(value)
    if type(value) is Markup:
        return value
    return str(escape(value))  # numbers, other markup: as markupsafe makes them


class TextTemplate(Template):
    """A template whose ``{{ … }}`` outputs are escaped into plain strings (``escape_text``).

    With autoescape on, Jinja's compiled code escapes each output with ``markupsafe.escape``,
    which wraps every result in a new ``Markup`` -- a Python call for each of the hundreds of
    values on a page, a sixth of rendering one. Those results are only ever joined: into the
    page, or into a block's, macro's or ``{% set %}``'s text, which Jinja then marks safe as a
    whole. So the template's module escapes with ``escape_text`` instead: same page, same
    safety. Filters (``|e``), ``Markup`` in the templates and the components are unchanged."""

    @classmethod
    def from_code(cls, environment, code, globals, uptodate=None):
        template = super().from_code(environment, code, globals, uptodate)
        # the module's namespace, shared by its root, blocks and macros
        template.root_render_func.__globals__["escape"] = escape_text
        return template


def bytecode_cache(settings) -> FileSystemBytecodeCache:
    """Compiled templates kept under CACHE_PATH: Pelican compiles every template again for each
    generator of each build. Jinja checks each template's source (and its own and Python's
    versions); the folder is named by the environment's options, which the check does not see."""
    options = json.dumps({key: repr(value) for key, value in settings["JINJA_ENVIRONMENT"].items()
                          if key != "bytecode_cache"}, sort_keys=True)
    folder = Path(settings["CACHE_PATH"]) / "directory" / f"templates-{fingerprint.digest(options.encode())}"
    folder.mkdir(parents=True, exist_ok=True)
    return FileSystemBytecodeCache(str(folder))


def compile_ahead(environment) -> parallel.Forked | None:
    """The theme's templates compiled into the bytecode cache by a forked copy, where the cache
    holds none (a clean build): the build then loads each one compiled, where it would compile
    each as it first needs it, on its one busy process (23 templates, 0.1 s). Asked for with the
    content caches' save (``parallel.together``), the copy compiles them once it has saved those,
    on a core the build leaves idle until its indexes are made. ``result()`` waits for it."""
    cache = environment.bytecode_cache
    if not isinstance(cache, FileSystemBytecodeCache):
        return None
    with os.scandir(cache.directory) as entries:
        if any(entries):
            return None

    def compile_all() -> bytes:
        for name in environment.list_templates():
            if not name.startswith("!"):  # Pelican's own themes, as "!simple/…" and "!theme/…"
                try:
                    environment.get_template(name)  # compiled, and written to the cache
                except Exception:  # not a template: the build says so if it ever uses it
                    pass
        return b""

    return parallel.Forked(compile_all)


def compiled(compiling: parallel.Forked | None) -> None:
    """Wait for ``compile_ahead``'s copy (long done: only its exit to collect). A failure only made
    the build slower (each template was compiled as it was needed): it is logged."""
    if compiling is not None and compiling.mine:
        try:
            compiling.result()
        except parallel.ForkFailed as failure:
            logging.getLogger(__name__).warning("could not compile the templates ahead: %s",
                                                str(failure).splitlines()[-1])


@pass_context
def fragment(context, name: str, **values) -> Markup:
    """The template ``name`` rendered with the site-wide context and ``values`` (strings,
    numbers), once per build for each SITEURL and values: the parts every page repeats (the
    head's links, the header and its navigation, the footer) are not rendered again for each
    page. Such a template must read nothing of the page but ``values``."""
    return once(context, ("fragment", name, *sorted(values.items())), _fragment, context, name, values)


def _fragment(context, name: str, values: dict) -> Markup:
    return Markup(context.environment.get_template(name).render({**context.get_all(), **values}))


def once(context, key: tuple, make: Callable[..., Markup], *arguments) -> Markup:
    """``make(*arguments)``, made once a build for ``key`` -- what it is, then everything else
    the markup depends on -- and the page's SITEURL, and given again after that (see ``made``)."""
    key = (key[0], context.resolve_or_missing("SITEURL"), *key[1:])
    kept = made(context.environment)
    markup = kept.get(key)
    if markup is None:
        markup = kept[key] = make(*arguments)
    return markup


def made(environment) -> dict:
    """What this build made once for its pages (``once``: fragments, badges, pair cards), by a key
    naming what it is and its SITEURL: kept on the build's Jinja environment (Pelican makes
    a new one for every build, so nothing outlives the settings it was made with)."""
    try:
        return environment.directory_made
    except AttributeError:
        environment.directory_made = {}
        return environment.directory_made


@pass_context
def site(context, path: str) -> str:
    """A path relative to SITEURL made into a URL (for paths the plugins computed)."""
    return urls.join(context, path)


@pass_context
def static(context, path: str) -> str:
    """The URL of a theme asset: static('css/site.css')."""
    return urls.join(context, f"{context['THEME_STATIC_DIR']}/{path}")


@pass_context
def edit_url(context, path: str) -> str | None:
    """The repository's edit page for a content file, or None when no repository is set."""
    repository = context.get("DIRECTORY_REPOSITORY_URL", "").rstrip("/")
    if not repository:
        return None
    content = PurePosixPath(context["PATH"]).name
    return f"{repository}/edit/{context['DIRECTORY_BRANCH']}/{content}/{path}"


def country_name(code: str) -> str:
    return geo.country_name(code) or code


def region_name(code: str) -> str:
    return geo.region_name(code) or code


def state_name(code: str) -> str:
    """A US state's two letters ("CO") to its name."""
    return geo.region_name(f"US-{code}") or code


def about_pair(articles, slug: str) -> list:
    """The stories (Pelican articles) that tell about one partnership."""
    return [a for a in articles if slug in getattr(a, "pairs", ())]


def pillar_label(value: str) -> str:
    return vocab.label(vocab.PILLARS, value)


GLOBALS = {
    "url": url,
    "fragment": fragment,
    "site": site,
    "static": static,
    "edit_url": edit_url,
    "KINDS": vocab.KINDS,
    "STATUSES": vocab.STATUSES,
    "PILLARS": vocab.PILLARS,
}
FILTERS = {
    "country_name": country_name,
    "region_name": region_name,
    "state_name": state_name,
    "pillar_label": pillar_label,
    "plain": plain,
    "about_pair": about_pair,
}
