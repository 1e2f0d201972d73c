"""Time `make serve`'s rebuild after an edit: ``python -m benchmarks.serve_rebuild CONTENT OUTPUT CACHE FILE OUT.json``.

`make serve` runs Pelican with --autoreload, which builds again in the same process on
every change (``Pelican.run()`` once more). This does the same: a first build over an
existing output (as `make serve` starting after `make html`), then an edit of FILE,
then the timed rebuild; it writes the seconds to OUT.json. The edit is made two seconds after
the first build, as a person's would be.
"""

import json
import sys
import time
from pathlib import Path

from pelican import Pelican
from pelican.settings import read_settings

from partnerdir import parallel

ROOT = Path(__file__).resolve().parent.parent


def main(content: str, output: str, cache: str, edited: str, out: str) -> int:
    settings = read_settings(str(ROOT / "pelicanconf.py"), override={
        "PATH": content, "OUTPUT_PATH": output, "CACHE_PATH": cache, "SEARCH_INDEX": False})
    pelican = Pelican(settings)
    pelican.run()
    # The edit comes a moment after the build, as when a person saves a file in their editor;
    # the waiting process collects the last build's garbage meanwhile (parallel.end_build).
    time.sleep(2 * parallel.IDLE_SECONDS)
    path = Path(edited)
    path.write_text(path.read_text(encoding="utf-8") + "\nEdited while serving.\n", encoding="utf-8")
    start = time.perf_counter()
    pelican.run()
    Path(out).write_text(json.dumps({"seconds": time.perf_counter() - start}), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
