from partnerdir.settings import Setting

SETTINGS = (
    Setting("MAPS_URL", "map/", "URL of the interactive map of all partnerships"),
    Setting("MAPS_SAVE_AS", "map/index.html", "file the interactive map is written to"),
    Setting("MAPS_WORLD_URL", "maps/world.svg", "URL (and file) of the shared country outlines every static map uses"),
    Setting("MAPS_OVERVIEW_URL", "maps/overview.svg", "URL (and file) of the home page's map of all partnerships"),
    Setting("MAPS_OUTLINES_URL", "maps/countries.geojson", "URL (and file) of the outlines for the interactive map"),
    Setting("MAPS_TILE_URL", "", "a tile server URL template (https://…/{z}/{x}/{y}.png) for /map/; empty draws only the local outlines, with no third-party request"),
    Setting("MAPS_TILE_ATTRIBUTION", "", "the attribution the tile server requires (HTML), shown on /map/"),
)
