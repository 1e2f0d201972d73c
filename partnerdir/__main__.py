"""Command line: ``python -m partnerdir validate [CONTENT_DIR]``.

Prints every problem of the whole content tree as
``path:line:column: error|warning: message (hint)`` and exits 1 on any error.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from .builddate import build_date
from .loader import ContentLoader
from .problems import has_errors
from .report import report


def validate(content: Path, out=sys.stdout) -> int:
    if not content.is_dir():
        print(f"{content}: error: no such folder (give the content folder, e.g. content)", file=out)
        return 2
    tree = ContentLoader(content, today=build_date(os.environ.get("DIRECTORY_BUILD_DATE", ""))).load_tree()
    counts = (f"{len(tree.partnerships)} partnerships, {len(tree.stories)} stories, {len(tree.events)} events, "
              f"{len(tree.pages)} pages")
    report(tree.problems, f"{content}: {counts}", out)
    return 1 if has_errors(tree.problems) else 0


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m partnerdir")
    commands = parser.add_subparsers(dest="command", required=True)
    check = commands.add_parser("validate", help="check every content file and report all problems")
    check.add_argument("content", nargs="?", default="content", type=Path)
    args = parser.parse_args(argv)
    return validate(args.content)


if __name__ == "__main__":
    sys.exit(main())
