from partnerdir.settings import Setting

SETTINGS = (
    Setting("CHARTS_URL", "stats/", "URL of the page of charts"),
    Setting("CHARTS_SAVE_AS", "stats/index.html", "file the page of charts is written to"),
)
