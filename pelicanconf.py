"""Local configuration: `make html` and `make serve` build with this file."""

import os

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
PLUGINS = ["directory", "pairs", "places"]

# Every content file goes through the directory's YAML front-matter reader; other formats are off.
READERS = {"markdown": None, "mkd": None, "mdown": None, "rst": None, "html": None, "htm": None}

# Pages (about, how to start a partnership, how to contribute) live at /<slug>/.
PAGE_PATHS = ["pages"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
SLUGIFY_SOURCE = "basename"
# content/stories/ is reserved for success stories; partnerships are read by the pairs plugin.
ARTICLE_PATHS = ["stories"]
STATIC_PATHS = []

INDEX_URL = ""
DIRECT_TEMPLATES = ["index"]
PAGINATED_TEMPLATES = {}
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None
ARTICLE_TRANSLATION_ID = PAGE_TRANSLATION_ID = None

# Contributor text is data: autoescape everything a template prints.
JINJA_ENVIRONMENT = {"autoescape": True, "trim_blocks": True, "lstrip_blocks": True, "extensions": []}

# "Edit this file" links; GitHub Actions sets GITHUB_REPOSITORY ("owner/name").
DIRECTORY_REPOSITORY_URL = (
    f"{os.environ.get('GITHUB_SERVER_URL', 'https://github.com')}/{os.environ['GITHUB_REPOSITORY']}"
    if os.environ.get("GITHUB_REPOSITORY")
    else os.environ.get("DIRECTORY_REPOSITORY_URL", "")
)
