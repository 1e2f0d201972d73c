"""Production configuration: `make publish` builds with this file.

SITEURL comes from the environment (GitHub Actions passes the Pages URL), e.g.
SITEURL=https://example.org/partner-directory make publish
"""

import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
FEED_DOMAIN = SITEURL  # feeds carry absolute links
DELETE_OUTPUT_DIRECTORY = True
