"""The components that every pair page, place page and list repeats, as Jinja globals.

A large directory renders them hundreds of thousands of times a build: a Jinja macro
call costs about ten times a function call, and importing the macros' file ``with
context`` (which a macro needs to see the page's SITEURL) runs the whole file again
for each page -- together more than half of rendering a pair page. So the components
pages repeat most are small Python functions that return escaped markup, called from
templates as the macros were (``{{ badge(KINDS, pair.kind, "kind") }}``); the rest stay
macros in ``components.html``. Every text put in the markup goes through ``escape_text``;
numbers are written by Python's own formatting.
"""

from __future__ import annotations

from jinja2 import pass_context
from markupsafe import Markup

from .templating import country_name, escape_text, once, pillar_label, region_name, state_name, url


@pass_context
def place_name(context, place, link: bool = True) -> Markup:
    """The English name (a link to the place's page unless ``link`` is false), then the local
    name in its own script, marked with its lang and dir for screen readers and bidi layout."""
    name = escape_text(place.name)  # a str: Markup + str would escape the str
    text = f'<a href="{escape_text(url(context, "PLACES", slug=place.slug))}">{name}</a>' if link else name
    local = place.local_name
    if local:
        text += (f' <span class="local-name" lang="{escape_text(local.lang)}" dir="{escape_text(local.dir)}">'
                 f"{escape_text(local.name)}</span>")
    return Markup(text)


@pass_context
def where(context, place) -> Markup:
    """"Colorado, United States": the region (a US state links to its page) and the country
    (linked to its page). Made once a build for each region and SITEURL."""
    return once(context, ("where", place.country, place.region), _where, context, place)


def _where(context, place) -> Markup:
    if place.state:
        region = (f'<a href="{escape_text(url(context, "PLACES_STATE", slug=place.state.lower()))}">'
                  f"{escape_text(state_name(place.state))}</a>, ")
    elif place.region:
        region = f"{escape_text(region_name(place.region))}, "
    else:
        region = ""
    country = (f'<a href="{escape_text(url(context, "PLACES_COUNTRY", slug=place.country.lower()))}">'
               f"{escape_text(country_name(place.country))}</a>")
    return Markup(region + country)


@pass_context
def badge(context, table: dict, value: str, facet: str) -> Markup:
    """A kind, status or pillar as a labelled badge linking to every partnership with that value.
    Made once a build for each badge and SITEURL (a few dozen badges, shown hundreds of
    thousands of times)."""
    label = table[value][0]
    return once(context, ("badge", facet, value, label), _badge, context, facet, value, label)


def _badge(context, facet: str, value: str, label: str) -> Markup:
    return Markup(f'<a class="badge badge-{escape_text(facet)} badge-{escape_text(value)}" '
                  f'href="{escape_text(url(context, "PAIRS_FACET", facet=facet, value=value))}">'
                  f"{escape_text(label)}</a>")


def since(pair) -> Markup:
    """"since 2016", or "year unknown"."""
    if not pair.since:
        return Markup("year unknown")
    return Markup(f'since <time datetime="{escape_text(pair.since.isoformat())}">'
                  f"{escape_text(pair.since.display())}</time>")


@pass_context
def pair_card(context, pair, level: int = 3) -> Markup:
    """One partnership in a list: its name as a heading of ``level`` linking to its page, both
    places with where they are, kind and status badges and the year; with the data-*
    attributes the directory's filter script reads. Made once a build for each pair, level
    and SITEURL: the directory and its lists by kind and status show each pair again."""
    level = int(level)  # a heading level: written as it is
    return once(context, ("pair_card", pair.slug, level), _pair_card, context, pair, level)


def _pair_card(context, pair, level: int) -> Markup:
    places = "".join(
        f'    <li>{place_name(context, place, link=False)} <span class="where">'
        f"({escape_text(place.state or place.region or place.country)}, "
        f"{escape_text(country_name(place.country))})</span></li>\n"
        for place in pair.places)
    return Markup(
        f'<li class="pair-card" data-kind="{escape_text(pair.kind)}" data-status="{escape_text(pair.status)}" '
        f'data-countries="{escape_text(" ".join(pair.countries))}" data-states="{escape_text(" ".join(pair.states))}" '
        f'data-pillars="{escape_text(" ".join(pair.pillars))}" data-name="{escape_text(pair.sort_key[0])}" '
        f'data-since="{pair.since.year if pair.since else ""}">\n'
        f'  <h{level} class="pair-card-title"><a href="{escape_text(url(context, "PAIRS", slug=pair.slug))}">'
        f"{escape_text(pair.name)}</a></h{level}>\n"
        f'  <ul class="pair-card-places">\n{places}  </ul>\n'
        f'  <p class="pair-card-meta">{badge(context, context["KINDS"], pair.kind, "kind")} '
        f'{badge(context, context["STATUSES"], pair.status, "status")} <span>{since(pair)}</span></p>\n'
        "</li>")


@pass_context
def place_card(context, place) -> Markup:
    """A place on its pair's page: its names (linking to its page), what and where it is, and its
    coordinates (kept out of the search index)."""
    what = f"{escape_text(place.type.capitalize())} in " if place.type else ""
    location = place.location
    return Markup(
        '<li class="place-card">\n'
        f'        <p class="place-card-name">{place_name(context, place)}</p>\n'
        f"        <p>{what}{where(context, place)}</p>\n"
        f'        <p class="coords" data-pagefind-ignore>{location.lat:.4f}, {location.lon:.4f}</p>\n'
        "      </li>")


@pass_context
def partner_card(context, pair, place) -> Markup:
    """On a place's page, one of its partnerships: the partner place (a heading linking to its
    page), where it is, the kind and status badges, the year and a link to the pair's page."""
    partner = pair.partner_of(place)
    return Markup(
        '<li class="pair-card">\n'
        f'    <h3 class="pair-card-title">{place_name(context, partner)}</h3>\n'
        f"    <p>{where(context, partner)}</p>\n"
        f'    <p class="pair-card-meta">{badge(context, context["KINDS"], pair.kind, "kind")} '
        f'{badge(context, context["STATUSES"], pair.status, "status")} <span>{since(pair)}</span> · '
        f'<a href="{escape_text(url(context, "PAIRS", slug=pair.slug))}">About {escape_text(pair.name)}</a></p>\n'
        "  </li>")


@pass_context
def partner_links(context, entry) -> Markup:
    """On a country's or state's page, a place's partners: each a link to the partnership's page,
    with its country ("Reims (France), Toledo (Spain)")."""
    place = entry.place
    return Markup(", ".join(
        f'<a href="{escape_text(url(context, "PAIRS", slug=pair.slug))}">{escape_text(partner.name)}</a> '
        f"({escape_text(country_name(partner.country))})"
        for pair in entry.partnerships for partner in (pair.partner_of(place),)))


def search_meta(type: str, year: int = 0, filters: dict | None = None, places: str = "") -> Markup:
    """What Pagefind records for an indexed page, kept out of its indexed text: the content
    type and filters (with the directory's labels), the ``year`` sort key when the year is
    known (pages of unknown year are left out of a sort by year; a key on every page would
    weigh on every first search) and the two places as meta."""
    sort = f' data-pagefind-sort="year:{escape_text(year)}"' if year else ""
    spans = "".join(f'  <span data-pagefind-filter="{escape_text(name)}">{escape_text(value)}</span>\n'
                    for name, values in (filters or {}).items() for value in values)
    meta = f'<span data-pagefind-meta="places">{escape_text(places)}</span>' if places else ""
    return Markup(f'<div class="search-meta" hidden data-pagefind-ignore{sort}>\n'
                  f'  <span data-pagefind-filter="Type">{escape_text(type)}</span>\n{spans}{meta}</div>')


@pass_context
def pair_search_meta(context, pair) -> Markup:
    """search_meta for a partnership page."""
    first, second = pair.places
    return search_meta("Partnership", pair.since.year if pair.since else 0, {
        "Kind": [context["KINDS"][pair.kind][0]],
        "Status": [context["STATUSES"][pair.status][0]],
        "Country": [country_name(code) for code in pair.countries],
        "US state": [state_name(code) for code in pair.states],
        "Pillar": [pillar_label(pillar) for pillar in pair.pillars],
    }, f"{first.name} ({country_name(first.country)}) – {second.name} ({country_name(second.country)})")


GLOBALS = {
    "place_name": place_name,
    "where": where,
    "badge": badge,
    "since": since,
    "pair_card": pair_card,
    "place_card": place_card,
    "partner_card": partner_card,
    "partner_links": partner_links,
    "search_meta": search_meta,
    "pair_search_meta": pair_search_meta,
}
