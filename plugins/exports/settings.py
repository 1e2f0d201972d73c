from partnerdir.settings import Setting

SETTINGS = (
    Setting("EXPORTS_JSON_URL", "pairs.json", "URL (and file) of every partnership as JSON"),
    Setting("EXPORTS_CSV_URL", "pairs.csv", "URL (and file) of every partnership as CSV, one row a pair"),
    Setting("EXPORTS_GEOJSON_URL", "pairs.geojson", "URL (and file) of the places and partnerships as GeoJSON"),
    Setting("EXPORTS_LICENSE", "CC BY 4.0", "the licence of the directory's data"),
    Setting("EXPORTS_LICENSE_URL", "https://creativecommons.org/licenses/by/4.0/", "where the licence is written"),
)
