"""Local configuration: `make html` and `make serve` build with this file."""

import os
import re
import subprocess

SITENAME = "City Partnership Directory"
SITESUBTITLE = (
    "US–Palestine sister cities, Sibling Cities USA pairs and other twinnings: "
    "who is paired with whom, since when, and what they do together."
)
SITEURL = ""
RELATIVE_URLS = False

PATH = "content"
OUTPUT_PATH = "output"
THEME = "theme"
THEME_STATIC_DIR = "theme"
TIMEZONE = "UTC"
DEFAULT_LANG = "en"

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["directory", "pairs", "places", "events", "exports", "maps", "charts", "publish", "search"]
DIRECTORY_REQUIRED_PLUGINS = list(PLUGINS)  # a plugin that fails to load stops the build

# Every content file goes through the directory's YAML front-matter reader; other formats are off.
READERS = {"markdown": None, "mkd": None, "mdown": None, "rst": None, "html": None, "htm": None}

# Pages (about, how to start a partnership, how to contribute) live at /<slug>/.
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
SLUGIFY_SOURCE = "basename"
# Success stories are Pelican articles, at /stories/<slug>/, listed newest first at /stories/.
# (Partnerships and events are read by their plugins.)
ARTICLE_PATHS = ["stories"]
ARTICLE_URL = "stories/{slug}/"
ARTICLE_SAVE_AS = "stories/{slug}/index.html"
ARTICLE_ORDER_BY = "reversed-date"
STATIC_PATHS = []

INDEX_URL = ""
DIRECT_TEMPLATES = ["index", "stories"]
STORIES_URL = "stories/"
STORIES_SAVE_AS = "stories/index.html"
PAGINATED_TEMPLATES = {}
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
# Atom feed of the stories (the feed of new partnerships is the pairs plugin's PAIRS_FEED_URL).
FEED_ALL_ATOM = "feeds/stories.atom.xml"
FEED_ALL_ATOM_URL = FEED_ALL_ATOM
FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None

# Contributor text is data: autoescape everything a template prints.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}



def _repository_url() -> str:
    """The repository for "edit this file" links: DIRECTORY_REPOSITORY_URL, else the
    repository GitHub Actions builds (GITHUB_REPOSITORY), else the clone's GitHub origin."""
    if os.environ.get("DIRECTORY_REPOSITORY_URL"):
        return os.environ["DIRECTORY_REPOSITORY_URL"]
    if os.environ.get("GITHUB_REPOSITORY"):
        return f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{os.environ['GITHUB_REPOSITORY']}"
    try:
        origin = subprocess.run(["git", "remote", "get-url", "origin"], capture_output=True, text=True,
                                cwd=os.path.dirname(os.path.abspath(__file__)), check=False).stdout.strip()
    except OSError:
        return ""
    match = re.match(r"^(?:https://github\.com/|git@github\.com:)([\w.-]+/[\w.-]+?)(?:\.git)?$", origin)
    return f"https://github.com/{match.group(1)}" if match else ""


DIRECTORY_REPOSITORY_URL = _repository_url()
