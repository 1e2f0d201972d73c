from partnerdir.settings import Setting

SETTINGS = (
    Setting("PUBLISH_SITEMAP_URL", "sitemap.xml", "URL (and file) of the sitemap of every page"),
    Setting("PUBLISH_ROBOTS_URL", "robots.txt", "URL (and file) of robots.txt, which points to the sitemap"),
    Setting("PUBLISH_404_SAVE_AS", "404.html", "file of the page shown for a missing address (GitHub Pages serves 404.html)"),
    Setting("PUBLISH_CNAME", "", "the custom domain written to a CNAME file; empty writes none"),
)
