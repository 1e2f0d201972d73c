"""Developer and maintainer tasks (invoke). The Makefile calls these; so can you: `invoke --list`."""

import shutil
import sys

from invoke import task

CONFIG = {
    "content": "content",
    "output": "output",
    "settings": "pelicanconf.py",
    "publish_settings": "publishconf.py",
    "host": "127.0.0.1",
    "port": 8000,
}

PELICAN = f"{sys.executable} -m pelican"


def pelican(content, output, settings, *options):
    return " ".join([PELICAN, content, "-o", output, "-s", settings, *options])


@task
def html(c, content=CONFIG["content"], output=CONFIG["output"]):
    """Build the site from content/ into output/."""
    c.run(pelican(content, output, CONFIG["settings"]))


@task
def serve(c, content=CONFIG["content"], output=CONFIG["output"], port=CONFIG["port"]):
    """Build, serve at http://localhost:8000 and rebuild when a file changes."""
    c.run(pelican(content, output, CONFIG["settings"], "--autoreload", "--listen",
                  "--bind", CONFIG["host"], "--port", str(port)))


@task
def publish(c, content=CONFIG["content"], output=CONFIG["output"]):
    """Build the site for publication with publishconf.py (SITEURL from the environment)."""
    c.run(pelican(content, output, CONFIG["publish_settings"]))


@task
def validate(c, content=CONFIG["content"]):
    """Check every content file and print all problems; fail on any error."""
    c.run(f"{sys.executable} -m partnerdir validate {content}")


@task
def clean(c):
    """Remove the built site and caches."""
    for path in (CONFIG["output"], "cache", ".pytest_cache"):
        shutil.rmtree(path, ignore_errors=True)


@task
def test(c):
    """Run the whole test suite."""
    c.run(f"{sys.executable} -m pytest")


@task(help={
    "first": 'the first place: "Name, STATE, US" or "Name, CC", e.g. "Boulder, CO, US"',
    "second": 'the second place, e.g. "Nablus, PS"',
    "kind": "sister, sibling or friendship (default: from the two countries)",
    "status": "official, unofficial, campaign, inactive or unknown (default: unknown)",
    "source_url": "a web page that says the partnership exists",
    "source_title": "that page's title",
})
def new_pair(c, first="", second="", kind="", status="unknown", source_url="", source_title="",
             content=CONFIG["content"]):
    """Write a new partnership file, filled in from an offline gazetteer; asks for what is missing."""
    from pathlib import Path

    from partnerdir.newpair import new_pair as write_pair, prompt_missing

    values = {"first": first, "second": second, "source_url": source_url, "source_title": source_title}
    if sys.stdin.isatty():
        values = prompt_missing(values)
    if not values["first"] or not values["second"]:
        sys.exit('give both places: make new-pair FIRST="Boulder, CO, US" SECOND="Nablus, PS"')
    sys.exit(write_pair(Path(content), values["first"], values["second"], kind, status,
                        values["source_url"], values["source_title"]))


@task(help={
    "into": "the content folder to write (default: imported/content, which git ignores)",
    "columns": "the eight CSV columns: name1,country1,lat1,lon1,name2,country2,lat2,lon2",
    "kind": "the kind of every imported pair (default: sister)",
    "status": "the status of every imported pair (default: unknown)",
    "source_title": "the title of the source every file cites",
    "source_url": "the web address of that source",
})
def import_pairs(c, file, into="imported/content", columns="", kind="sister", status="unknown",
                 source_title="", source_url=""):
    """Import a CSV of twin-town pairs as partnership files (never committed: see --into)."""
    from pathlib import Path

    from partnerdir import importer

    importer.import_pairs(
        Path(file), Path(into), columns or importer.DEFAULT_COLUMNS, kind, status,
        source_title or importer.DEFAULT_SOURCE_TITLE, source_url or importer.DEFAULT_SOURCE_URL,
        pages=Path(CONFIG["content"]) / "pages",
    )


@task(help={"sizes": "how many rows of the data set to build, e.g. 1000,5000,25917",
            "data": "the CSV of twin towns (default: ../shared/data/twin_cities.csv)"})
def bench(c, sizes="1000,5000,25917", data=""):
    """Measure import, build, rebuild, Pagefind and stock Pelican at several sizes; print and save a table."""
    options = f" --sizes {sizes}" + (f" --data {data}" if data else "")
    c.run(f"{sys.executable} -m benchmarks.bench{options}")
