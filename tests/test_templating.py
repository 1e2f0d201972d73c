"""The Jinja context the directory renders with: derived contexts share the page's variables."""

import os
import traceback

from jinja2 import DictLoader, Environment, pass_context
from markupsafe import escape

from directory.templating import SharedContext


@pass_context
def seen(context, name):
    """What a pass_context global (url(), the components) sees of a variable, and the context it got."""
    seen.contexts.append(context)
    return f"{name}={context.get(name)}"


def render(source: str, context_class=None, **values) -> str:
    environment = Environment(loader=DictLoader({
        "base.html": "<{% block content %}{% endblock %}>",
        "page.html": source,
    }))
    if context_class:
        environment.context_class = context_class
    environment.globals["seen"] = seen
    seen.contexts = []
    return environment.get_template("page.html").render(values)


PAGE = """{% extends "base.html" %}{% set top = "set at the top" %}
{%- block content %}{% set local = "set in the block" %}
{{- seen("local") }} {{ seen("top") }} {{ seen("SITEURL") }};
{%- for item in ["a", "b"] %}{% set inner = item ~ "!" %}{{ seen("inner") }} {{ seen("SITEURL") }};{% endfor %}
{%- endblock %}"""
SETTINGS = {"SITEURL": "https://example.org", **{f"S{i}": i for i in range(300)}}  # Pelican's settings are ~300


def test_a_function_called_in_a_block_or_loop_sees_what_jinja_would_show_it():
    shown = render(PAGE, SharedContext, **SETTINGS)
    assert shown == render(PAGE, **SETTINGS)
    assert shown == ("<local=set in the block top=set at the top SITEURL=https://example.org;"
                     "inner=a! SITEURL=https://example.org;inner=b! SITEURL=https://example.org;>")


def test_derived_contexts_share_the_page_variables_instead_of_copying_them():
    render(PAGE, SharedContext, **SETTINGS)
    assert len(seen.contexts) == 7 and len({id(context.parent) for context in seen.contexts}) == 1
    assert all(len(context.vars) <= 3 for context in seen.contexts)
    render(PAGE, **SETTINGS)  # Jinja's own context: a copy of every variable for each call
    assert len({id(context.parent) for context in seen.contexts}) == 7


def test_the_page_writer_renders_as_jinja_does_on_the_variables_it_is_given():
    """The page writer hands each page's variables (the template's globals, the site's, the
    page's) to Jinja as they are; the page is the one Template.render makes, and an error in a
    template is still reported at its line in that template."""
    from directory.pages import _render, _site_variables

    environment = Environment(loader=DictLoader({
        "base.html": "<{% block content %}{% endblock %}> {{ SITENAME }} {{ localsiteurl }}",
        "page.html": PAGE,
        "broken.html": "line one\n{{ missing.attribute }}",
    }))
    environment.context_class = SharedContext
    environment.globals.update(seen=seen, SITENAME="global name", FROM_GLOBALS="kept")
    seen.contexts = []
    template = environment.get_template("page.html")
    site = {**SETTINGS, "SITENAME": "the site's name"}
    page = {"SITEURL": "..", "top": "the page's"}
    variables = _site_variables(template, site)
    assert variables["FROM_GLOBALS"] == "kept" and variables["localsiteurl"] is None
    expected = template.render({**site, "localsiteurl": None, **page})  # as Pelican's writer renders a page
    assert _render(template, {**variables, **page}) == expected
    assert expected.endswith("> the site's name None")  # the site's over the globals
    assert "SITEURL=.." in expected  # the page's over the site's

    broken = environment.get_template("broken.html")

    def template_lines(render):
        """The template lines in an error's traceback (Jinja puts them there as frames)."""
        try:
            render()
        except Exception as error:  # noqa: B902 - Jinja's UndefinedError
            return [(frame.filename, frame.lineno) for frame in traceback.extract_tb(error.__traceback__)
                    if frame.filename == "<template>"]  # a DictLoader template's file name
        raise AssertionError("an undefined variable's attribute should fail")

    assert template_lines(lambda: _render(broken, _site_variables(broken, site))) == [("<template>", 2)]
    assert template_lines(lambda: broken.render()) == [("<template>", 2)]


def test_badges_and_regions_made_once_a_build_keep_each_page_s_own_site_url():
    """badge() and where() are made once a build for each value and SITEURL: a page at another
    depth (RELATIVE_URLS) or another build gets its own links, never another page's."""
    from directory import components, templating

    from partnerdir.model import Location, Place

    settings = {"PAIRS_FACET_URL": "pairs/{facet}/{value}/", "PLACES_STATE_URL": "states/{slug}/",
                "PLACES_COUNTRY_URL": "countries/{slug}/"}
    source = "{{ badge(KINDS, 'sister', 'kind') }} {{ where(place) }}"
    environment = Environment(loader=DictLoader({"page.html": source}), autoescape=True)
    environment.context_class = SharedContext
    environment.globals.update(templating.GLOBALS, **components.GLOBALS)
    boulder = Place("Boulder", "US", Location(40.0, -105.3), region="US-CO")
    page = environment.get_template("page.html")
    deep, shallow = (page.render(settings, SITEURL=siteurl, place=boulder) for siteurl in ("../..", ".."))
    assert deep == ('<a class="badge badge-kind badge-sister" href="../../pairs/kind/sister/">Sister cities</a> '
                    '<a href="../../states/co/">Colorado</a>, <a href="../../countries/us/">United States</a>')
    assert shallow == deep.replace("../../", "../")
    assert page.render(settings, SITEURL="../..", place=boulder) == deep
    context = page.new_context({**settings, "SITEURL": "../.."})
    badge = components.badge(context, context["KINDS"], "sister", "kind")
    assert components.badge(context, context["KINDS"], "sister", "kind") is badge, "made once, given again"
    assert components.where(context, boulder) is components.where(context, boulder)
    assert {key[:2] for key in templating.made(environment)} == {("badge", "../.."), ("badge", ".."),
                                                                  ("where", "../.."), ("where", "..")}
    other_build = Environment(loader=environment.loader, autoescape=True)
    other_build.globals.update(environment.globals)
    settings["PAIRS_FACET_URL"] = "list/{facet}-{value}/"
    assert 'href="../../list/kind-sister/"' in other_build.get_template("page.html").render(
        settings, SITEURL="../..", place=boulder)


class Shown:
    """A value that is neither text nor markup: escaped as its str()."""

    def __str__(self):
        return 'a <b> & "c" \'d\''


class HtmlNumber:
    """Markup of another kind, whose __html__ gives a number."""

    def __html__(self):
        return 42


def test_outputs_escaped_into_plain_text_make_the_same_page_as_markupsafe_escape():
    """TextTemplate escapes each {{ … }} into a plain string, not a Markup: the page, its blocks,
    macros, {% set %} blocks, filters and markup from Python are as Jinja makes them."""
    from markupsafe import Markup

    from directory.templating import TextTemplate, escape_text

    templates = {
        "base.html": "<main>{% block content %}{% endblock %}</main>{{ self.content() }}",
        "macros.html": "{% macro card(x) %}<li>{{ x }}</li>{% endmacro %}",
        "page.html": """{% extends "base.html" %}{% import "macros.html" as m %}
{%- block content %}{{ text }}|{{ markup }}|{{ number }}|{{ shown }}|{{ none }}|{{ text|e }}|{{ text ~ markup }}
{%- set kept %}<i>{{ text }}</i>{% endset %}|{{ kept }}|{{ kept|upper }}|{{ m.card(text) }}|{{ m.card(markup) }}
{%- filter upper %}{{ text }}{% endfilter %}|{% autoescape false %}{{ text }}{% endautoescape %}
{%- for item in items %}{{ loop.index }}{{ item }}{% endfor %}{% endblock %}""",
    }
    values = {"text": 'Tel Aviv <script>"x" & \'y\'</script>', "markup": Markup("<b>kept</b>"), "number": 3.5,
              "shown": Shown(), "none": None, "items": ["<a>", Markup("<b>"), HtmlNumber()]}
    pages = []
    for template_class in (None, TextTemplate):
        environment = Environment(loader=DictLoader(templates), autoescape=True)
        if template_class:
            environment.template_class = template_class
        page = environment.get_template("page.html")
        pages.append(page.render(values))
    assert pages[0] == pages[1]
    assert "Tel Aviv &lt;script&gt;&#34;x&#34; &amp; &#39;y&#39;&lt;/script&gt;|<b>kept</b>|3.5|" in pages[1]
    assert page.root_render_func.__globals__["escape"] is escape_text  # the module escapes into text
    for value in values.values():
        assert escape_text(value) == str(escape(value)) and type(escape_text(value)) in (str, Markup)
    assert type(escape_text("<")) is str


def test_every_generator_renders_with_the_directory_template_and_context_classes():
    from types import SimpleNamespace

    from directory.plugin import tune_environment
    from directory.templating import SharedContext, TextTemplate

    generator = SimpleNamespace(env=Environment(autoescape=True))
    tune_environment(generator)
    assert generator.env.template_class is TextTemplate and generator.env.context_class is SharedContext


def test_functions_and_methods_are_called_with_what_jinja_passes_them(monkeypatch):
    """SharedContext.call takes a shorter way for plain functions, methods and builtins (no check
    for callable objects): each still gets the context, eval context or environment it asks for,
    its arguments, and a StopIteration still gives an undefined value; other callables go
    through Jinja's own call."""
    from jinja2 import pass_environment, pass_eval_context
    from jinja2.runtime import Context

    @pass_eval_context
    def autoescaping(eval_ctx, word):
        return f"{word}:{eval_ctx.autoescape}"

    @pass_environment
    def environment_name(environment, word):
        return f"{word}:{environment.name}"

    def stops():
        raise StopIteration

    def sorted_by(items, key):
        return [item[key] for item in sorted(items, key=lambda item: item[key])]

    class Greeter:
        @pass_context
        def __call__(self, context, name):  # a callable object taking the context: Jinja's way
            return f"hello {name} from {context['SITEURL']}"

    source = ("{{ seen('SITEURL') }} {{ autoescaping('a') }} {{ environment_name('b') }} {{ joined(['c', 'd']) }} "
              "{{ text.upper() }} {{ 'x,y'.split(',')|join('+') }} [{{ stops() }}] {{ greet('you') }} "
              "{{ sorted_by(items, key='n')|join }}"
              "{% for i in [1] %}{% set inner = i %}{{ seen('inner') }}{% endfor %}")
    values = {"SITEURL": "..", "text": "upper", "items": [{"n": "b"}, {"n": "a"}]}
    pages = []
    for context_class in (None, SharedContext):
        environment = Environment(loader=DictLoader({"page.html": source}), autoescape=True)
        environment.name = "the build's"
        if context_class:
            environment.context_class = context_class
        environment.globals.update(seen=seen, autoescaping=autoescaping, environment_name=environment_name,
                                   joined=", ".join, stops=stops, greet=Greeter(), sorted_by=sorted_by)
        pages.append(environment.get_template("page.html").render(values))
    assert pages[0] == pages[1] == ("SITEURL=.. a:True b:the build&#39;s c, d UPPER x+y [] hello you from .. ab"
                                    "inner=1")
    calls = []
    original = Context.call
    monkeypatch.setattr(Context, "call", lambda *args, **kwargs: calls.append(args[1]) or original(*args, **kwargs))
    environment.get_template("page.html").render(values)
    assert [type(called).__name__ for called in calls] == ["Greeter"]  # the only call Jinja's way


def test_an_error_in_a_function_a_template_calls_shows_no_frame_of_the_directory_s_call():
    """SharedContext.call is left out of tracebacks, as Jinja's own Context.call is."""
    def broken():
        raise ValueError("broken")

    environment = Environment(loader=DictLoader({
        "page.html": "{% block content %}{% set local = 1 %}{{ broken() }}{% endblock %}"}))
    environment.context_class = SharedContext
    environment.globals["broken"] = broken
    try:
        environment.get_template("page.html").render()
    except ValueError as error:
        frames = traceback.extract_tb(error.__traceback__)
    else:
        raise AssertionError("the function should fail")
    from directory import templating

    assert [frame.name for frame in frames if frame.filename == templating.__file__] == []
    assert frames[-1].name == "broken" and any(frame.filename == "<template>" for frame in frames)


def test_a_clean_builds_templates_are_compiled_ahead_by_a_forked_copy_into_the_bytecode_cache(tmp_path):
    from pathlib import Path

    from jinja2 import FileSystemBytecodeCache, FileSystemLoader

    from directory.templating import FILTERS, compile_ahead

    themes = Path(__file__).resolve().parent.parent / "theme" / "templates"

    def environment():
        made = Environment(loader=FileSystemLoader(str(themes)), autoescape=True,
                           bytecode_cache=FileSystemBytecodeCache(str(tmp_path)))
        made.filters.update(FILTERS)
        return made

    compiling = compile_ahead(environment())
    assert compiling is not None and compiling.pid != os.getpid()
    assert compiling.result() == b""
    assert compile_ahead(environment()) is None, "a cache that holds compiled templates: nothing to do"
    later = environment()
    compiled = []
    real = later.compile
    later.compile = lambda *args, **kwargs: compiled.append(args) or real(*args, **kwargs)
    later.get_template("pair.html")
    later.get_template("place.html")
    assert compiled == [], "loaded from the cache, not compiled again"
    assert compile_ahead(Environment()) is None, "no bytecode cache: nothing to do"
