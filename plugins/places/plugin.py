from directory.kit import Plugin, folders_of

from .generator import PlacesGenerator
from .settings import SETTINGS


def page_folders(settings):
    """A page for each place (the directory's places are its pairs' places, a page to each slug)."""
    return lambda pairs: folders_of(settings, "PLACES", ({"slug": slug} for slug in
                                                         sorted({place.slug for pair in pairs for place in pair.places})))


PLUGIN = Plugin("PLACES_", SETTINGS, PlacesGenerator, page_folders=page_folders)


def register():
    PLUGIN.register()
