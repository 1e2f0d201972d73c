"""404.html, robots.txt and CNAME while pages are written; sitemap.xml once they all are."""

from __future__ import annotations

import os
from pathlib import Path
from xml.sax.saxutils import escape

from directory.kit import PageGenerator

from partnerdir import urls


class PublishGenerator(PageGenerator):
    def generate_output(self, writer):
        settings = self.settings
        writer.write_file(settings["PUBLISH_404_SAVE_AS"], self.get_template("404"), self.context,
                          relative_urls=False)
        files = self.context["output_files"]
        files.write(settings["PUBLISH_ROBOTS_URL"],
                    f"User-agent: *\nAllow: /\nSitemap: {urls.url(settings, 'PUBLISH_SITEMAP')}\n".encode())
        if settings["PUBLISH_CNAME"]:
            files.write("CNAME", f"{settings['PUBLISH_CNAME']}\n".encode())


def write_sitemap(pelican):
    """List every HTML page of the output (but the 404 page) in sitemap.xml, sorted."""
    settings = pelican.settings
    output = Path(pelican.output_path)
    skip = {settings["PUBLISH_404_SAVE_AS"]}
    locations = []
    root = str(output)
    for folder, subfolders, files in os.walk(root):
        subfolders[:] = [name for name in subfolders if not name.startswith(".")]
        base = folder[len(root):].strip(os.sep).replace(os.sep, "/")
        for name in files:
            relative = f"{base}/{name}" if base else name
            if name.endswith(".html") and not name.startswith(".") and relative not in skip:
                locations.append(urls.join(settings, relative.removesuffix("index.html")))
    entries = "".join(f"<url><loc>{escape(location)}</loc></url>\n" for location in sorted(locations))
    document = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")
    target = output / settings["PUBLISH_SITEMAP_URL"]
    temporary = target.with_name(f".{target.name}.tmp")
    temporary.write_text(document, encoding="utf-8")
    os.replace(temporary, target)
