from partnerdir.settings import Setting

SETTINGS = (
    Setting("MAPS_URL", "map/", "URL of the interactive map of all partnerships"),
    Setting("MAPS_SAVE_AS", "map/index.html", "file the interactive map is written to"),
    Setting("MAPS_WORLD_URL", "maps/world.svg", "URL (and file) of the shared country outlines every static map uses"),
    Setting("MAPS_OVERVIEW_URL", "maps/overview.svg", "URL (and file) of the home page's map of all partnerships"),
    Setting("MAPS_OUTLINES_URL", "maps/countries.geojson", "URL (and file) of the outlines for the interactive map"),
    Setting("MAPS_DATA_URL", "maps/pairs.json", "URL (and file) of the interactive map's data: each place once, each "
            "partnership as its two places' indexes (the browser draws the arcs; pairs.geojson stays the open export)"),
    Setting("MAPS_SHARE_URL", "maps/share/{slug}.png", "URL (and file) of a pair's map as a PNG, the image of its link previews (Open Graph, Twitter)"),
    Setting("MAPS_SHARE_MAX_PAIRS", 300, "draw link-preview images only for a directory of at most this many pairs "
            "(each takes some tens of milliseconds and kilobytes; an imported list of thousands goes without)"),
    Setting("MAPS_TILE_URL", "", "a tile server URL template (https://…/{z}/{x}/{y}.png) for /map/; empty draws only the local outlines, with no third-party request"),
    Setting("MAPS_TILE_ATTRIBUTION", "", "the attribution the tile server requires (HTML), shown on /map/"),
)
