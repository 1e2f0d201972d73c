"""404.html, robots.txt and CNAME while pages are written; sitemap.xml once they all are."""

from __future__ import annotations

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


def write_sitemap(sender, context):
    """List every HTML page of the build (but the 404 page) in sitemap.xml, sorted: the pages
    Pelican's writer and the plugins wrote, known without walking the output folder."""
    files = context["output_files"]
    skip = {context["PUBLISH_404_SAVE_AS"]}
    paths = sorted(relative.removesuffix("index.html") for relative in files.written | files.noted
                   if relative.endswith(".html") and relative not in skip)  # in the order of their URLs
    # Each URL is the site's and a path, escaped together (a large site's tens of thousands at once).
    base = escape(urls.join(context, ""))
    between = f"</loc></url>\n<url><loc>{base}"
    entries = f"<url><loc>{base}{between.join(escape(chr(0).join(paths)).split(chr(0)))}</loc></url>\n" if paths else ""
    document = ('<?xml version="1.0" encoding="UTF-8"?>\n'
                '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n' + entries + "</urlset>\n")
    files.write(context["PUBLISH_SITEMAP_URL"], document.encode("utf-8"))
