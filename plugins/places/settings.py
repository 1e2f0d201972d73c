from partnerdir.settings import Setting

SETTINGS = (
    Setting("PLACES_URL", "places/{slug}/", "URL of a place's page"),
    Setting("PLACES_SAVE_AS", "places/{slug}/index.html", "file a place's page is written to"),
    Setting("PLACES_INDEX_URL", "places/", "URL of the list of all places"),
    Setting("PLACES_INDEX_SAVE_AS", "places/index.html", "file the list of places is written to"),
    Setting("PLACES_COUNTRY_URL", "countries/{slug}/", "URL of a country's page"),
    Setting("PLACES_COUNTRY_SAVE_AS", "countries/{slug}/index.html", "file a country's page is written to"),
    Setting("PLACES_COUNTRIES_URL", "countries/", "URL of the index of countries"),
    Setting("PLACES_COUNTRIES_SAVE_AS", "countries/index.html", "file the index of countries is written to"),
    Setting("PLACES_STATE_URL", "states/{slug}/", "URL of a US state's page"),
    Setting("PLACES_STATE_SAVE_AS", "states/{slug}/index.html", "file a US state's page is written to"),
    Setting("PLACES_STATES_URL", "states/", "URL of the index of US states"),
    Setting("PLACES_STATES_SAVE_AS", "states/index.html", "file the index of US states is written to"),
)
