import pytest

from partnerdir.model import LocalName, Location, PartialDate, Place, slugify


@pytest.mark.parametrize(
    "value, iso, shown",
    [(2016, "2016", "2016"), ("2009-12", "2009-12", "December 2009"), ("2011-09-06", "2011-09-06", "6 September 2011")],
)
def test_partial_dates(value, iso, shown):
    date = PartialDate.parse(value)
    assert (date.isoformat(), date.display()) == (iso, shown)


@pytest.mark.parametrize(
    "value, message",
    [("2016-02-30", "February 2016 has no day 30"), ("2015-02-29", "February 2015 has no day 29"), ("2016-13", "there is no month 13")],
)
def test_impossible_dates(value, message):
    with pytest.raises(ValueError, match=message):
        PartialDate.parse(value)


def test_leap_day_is_possible():
    assert PartialDate.parse("2016-02-29").day == 29


def test_slugify_folds_diacritics():
    assert slugify("Bağcılar") == "bagcilar"
    assert slugify("Bérat") == "berat"
    assert slugify("Mas-ha") == "mas-ha"
    assert slugify("  Palo  Alto ") == "palo-alto"


def test_local_name_direction():
    assert LocalName("نابلس", "ar").dir == "rtl"
    assert LocalName("Ålesund", "nb").dir == "ltr"


def test_place_identity_slug_and_state():
    boulder = Place("Boulder", "US", Location(40.0, -105.3), region="US-CO")
    nablus = Place("Nablus", "PS", Location(32.2, 35.3), region="PS-NBS")
    assert boulder.slug == "boulder-us-co" and nablus.slug == "nablus-ps-nbs"
    assert boulder.state == "CO" and nablus.state is None
    assert boulder.key == ("US", "US-CO", "boulder")


def test_plain_folds_each_run_of_other_letters_as_unidecode_folds_the_whole_text():
    from unidecode import unidecode

    from partnerdir.model import plain

    for text in ["Aachen – Reims", "Bağcılar – Nablus", "北京 – Ελλάδα – Москва – القدس", "ĳ ß Œ ﬁ", "x\u0301y", "plain"]:
        assert plain(text) == unidecode(text)
    assert plain("Bağcılar – İzmir") == "Bagcilar - Izmir" and plain("plain") == "plain"
