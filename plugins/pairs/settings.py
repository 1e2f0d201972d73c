from partnerdir.settings import Setting

SETTINGS = (
    Setting("PAIRS_URL", "pairs/{slug}/", "URL of a partnership's page"),
    Setting("PAIRS_SAVE_AS", "pairs/{slug}/index.html", "file a partnership's page is written to"),
    Setting("PAIRS_INDEX_URL", "pairs/", "URL of the directory of all partnerships"),
    Setting("PAIRS_INDEX_SAVE_AS", "pairs/index.html", "file the directory is written to"),
    Setting("PAIRS_FACET_URL", "pairs/{facet}/{value}/", "URL of the partnerships of one kind, status or pillar"),
    Setting("PAIRS_FACET_SAVE_AS", "pairs/{facet}/{value}/index.html", "file such a list is written to"),
    Setting("PAIRS_FEED_URL", "feeds/partnerships.atom.xml", "URL (and file) of the Atom feed of newly added partnerships"),
    Setting("PAIRS_FEED_MAX", 50, "how many of the newest partnerships the feed holds"),
)
