from partnerdir.settings import Setting

SETTINGS = (
    Setting("SEARCH_URL", "search/", "URL of the search page"),
    Setting("SEARCH_SAVE_AS", "search/index.html", "file the search page is written to"),
    Setting("SEARCH_BUNDLE_URL", "pagefind/", "URL of Pagefind's bundle (index and scripts), relative to SITEURL"),
    Setting("SEARCH_INDEX", True, "run Pagefind over the output at the end of every build"),
)
