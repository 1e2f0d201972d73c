import math

import pytest

from partnerdir import yamlcore


def test_yaml_11_booleans_stay_strings():
    value = yamlcore.load("country: NO\nanswer: yes\noff: off\nflag: true\n").value
    assert value == {"country": "NO", "answer": "yes", "off": "off", "flag": True}


def test_dates_stay_as_written():
    value = yamlcore.load("a: 2016-02-24\nb: 2016-02\nc: 2016\n").value
    assert value == {"a": "2016-02-24", "b": "2016-02", "c": 2016}


def test_numbers_and_null_follow_yaml_12():
    value = yamlcore.load("a: 010\nb: 0o10\nc: 0x1f\nd: -1.5e2\ne: ~\nf:\ng: .inf\nh: 1:20\n").value
    assert value == {"a": 10, "b": 8, "c": 31, "d": -150.0, "e": None, "f": None, "g": math.inf, "h": "1:20"}


def test_positions_of_values_and_keys():
    document = yamlcore.load("places:\n  - name: Nablus\n    location: {lat: 32.2, lon: 35.2}\n")
    assert document.position(("places", 0, "name")) == yamlcore.Position(2, 11)
    assert document.key_position(("places", 0, "location")) == yamlcore.Position(3, 5)
    assert document.position(("places", 0, "location", "lat")) == yamlcore.Position(3, 21)
    # a missing path falls back to its nearest ancestor
    assert document.position(("places", 0, "region")) == yamlcore.Position(2, 5)


def test_duplicate_key_is_an_error_at_the_second_key():
    with pytest.raises(yamlcore.YamlProblem) as caught:
        yamlcore.load("kind: sister\nstatus: official\nkind: sibling\n")
    assert caught.value.message == 'YAML: "kind" is given twice (first on line 1)'
    assert caught.value.position == yamlcore.Position(3, 1)


def test_syntax_error_has_its_line():
    with pytest.raises(yamlcore.YamlProblem) as caught:
        yamlcore.load("kind: sister\nplaces: [a, b\nstatus: official\n")
    assert caught.value.message.startswith("YAML syntax: ")
    assert caught.value.position.line == 3


def test_explicit_tags_are_refused():
    with pytest.raises(yamlcore.YamlProblem) as caught:
        yamlcore.load("since: !!timestamp 2001-01-01\n")
    assert "is not allowed" in caught.value.message
    with pytest.raises(yamlcore.YamlProblem):
        yamlcore.load("x: !!python/object:os.system ls\n")


def test_positions_are_found_only_when_asked_and_name_every_key_and_value():
    """Most files have no problem to point at: their positions are not worked out as they are read."""
    document = yamlcore.load("kind: sister\n1: one\nplaces:\n  - {name: A}\n  - name: B\n", first_line=2)
    assert "_positions" not in vars(document)
    assert document.position(("places", 1, "name")) == yamlcore.Position(6, 11)
    assert document.key_position(("1",)) == yamlcore.Position(3, 1)  # a number as a key: as written
    assert document.position(("places", 0)) == yamlcore.Position(5, 5)
    values, keys = vars(document)["_positions"]
    assert set(values) == {(), ("kind",), ("1",), ("places",), ("places", 0), ("places", 0, "name"), ("places", 1),
                           ("places", 1, "name")}
    assert set(keys) == {path for path in values if path and isinstance(path[-1], str)}
    assert yamlcore.load("").position(("anything",)) == yamlcore.Position(1, 1)


def test_a_key_given_twice_in_a_nested_mapping_names_the_first_line():
    with pytest.raises(yamlcore.YamlProblem) as caught:
        yamlcore.load("places:\n  - name: A\n    country: FR\n    name: B\n", first_line=2)
    assert caught.value.message == 'YAML: "name" is given twice (first on line 3)'
    assert caught.value.position == yamlcore.Position(5, 5)
