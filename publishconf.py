"""Production configuration: `make publish` builds with this file.

SITEURL comes from the environment -- GitHub Actions passes the Pages URL, e.g.
SITEURL=https://example.org/partner-directory make publish -- and every URL,
feed and calendar entry is made absolute from it. A custom domain gets a CNAME
file. The build is reproducible: its date is SOURCE_DATE_EPOCH, or the time of
the commit being built.
"""

import os
import subprocess
import sys
from urllib.parse import urlsplit

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F403

SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = False
DELETE_OUTPUT_DIRECTORY = True
FEED_DOMAIN = SITEURL  # feeds carry absolute links

_host = urlsplit(SITEURL).hostname or ""
# GitHub Pages' own *.github.io addresses (and local previews) need no CNAME file.
PUBLISH_CNAME = "" if not _host or _host.endswith(".github.io") or _host in ("localhost", "127.0.0.1") else _host

if not os.environ.get("SOURCE_DATE_EPOCH"):
    _commit = subprocess.run(["git", "log", "-1", "--format=%ct"], capture_output=True, text=True, check=False,
                             cwd=os.path.dirname(os.path.abspath(__file__))).stdout.strip()
    if _commit:
        os.environ["SOURCE_DATE_EPOCH"] = _commit  # the build date: the commit's, not the clock's
