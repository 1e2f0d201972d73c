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


# -- the block style read without libyaml -------------------------------------------------

TOKENS = [
    "NO", "yes", "true", "True", "TRUE", "false", "tRUE", "null", "Null", "NULL", "~", "on", "y", "=", "<<",
    "0", "-0", "+0", "010", "0o17", "0o8", "0x1F", "0X1F", "+1", "-1", "1_000", "1.5", ".5", "5.", "-.5", "1e3",
    "1E+3", "-1.5e-2", ".inf", "-.INF", "+.inf", ".nan", ".NaN", "0.0", "+0.0", "43.365", "-8.41",
    "2016-02-24", "2001-12-14t21:59:43.10-05:00", "12:30", "1:20", "a:b", "http://x.y/z?q=1#frag", "C#",
    "a #b", "a# b", "a : b", "a: b", "a:", "a :", "-a", "- a", "-", "--", "---", "...", "?a", "? a", ":a", "@x",
    "`x", "%x", "!x", "!!str x", "&a x", "*a", "|", ">", "|-", "a, b", "a,b", "a]b", "a}b", "[a", "{a", "a[b]",
    "Ünïcødé", "東京", "emoji 😀", "a  b", "a\tb", "a'b", 'a"b', "''", "'it''s'", "'a'b'", "'a", '"x"', '"x\\n"',
    '"a#b"', '"a: b"', "'a: b'", "'#'", '""', '"a"b"', "[a, b]", "[]", "[ ]", "[a,]", "[1, 2.5, null]",
    "[a, [b]]", "['a']", "{a: 1}", "{}", "{ }", "{a: 1, a: 2}", "{a:1}", "{a: b: c}", "{a: [1]}", "{'a': 1}",
    "{a: 1,}", "{lat: 43.365, lon: -8.41}", "{a: x#y}", "{a: b #c}", "\u00a0x", "x\u00a0", "a\u2028b", "a\x85b",
    "a\x7fb", "a\rb", "a\ufeffb", "\ufeffa", "x # trailing", "x  ", "a  # c",
]

SHAPES = [
    "k: {v}\n",
    "a: 1\nk: {v}\nb: x\n",
    "list:\n  - {v}\n  - {v}\n",
    "list:\n- {v}\n- x\nafter: 1\n",
    "places:\n  - name: {v}\n    country: ES\n  - name: B\n    country: {v}\n",
    "loc: {{lat: {v}, lon: 2}}\n",
    "tags: [{v}, x]\n",
    "# a comment\n\nk: {v}\n  # indented comment\nz: 1\n",
    "k:\n  n: {v}\n  m:\n    deep: {v}\n",
    "k: {v}\n  continued\n",
    "{v}: 1\n",
    "k:    {v}\n",
    "k: {v}   \n",
    "-   name: {v}\n    x: 1\n",
    "- {v}\n",
    "k:\n  - n: {v}\n    m: 2\n  -  n: 3\n     m: {v}\n",
    "k: 1\nk: {v}\n",
    " k: {v}\n",
    "a:\n  b: {v}\n c: 2\n",
    "a:\n  - {v}\n   - x\n",
    "k:\n",
    "k:\n# only a comment\nz: {v}\n",
]


def _same(left, right) -> bool:
    """Equal values of the same types (True is not 1), NaN equal to NaN."""
    if type(left) is not type(right):
        return False
    if isinstance(left, dict):
        return list(left) == list(right) and all(_same(left[key], right[key]) for key in left)
    if isinstance(left, list):
        return len(left) == len(right) and all(_same(a, b) for a, b in zip(left, right))
    if isinstance(left, float) and math.isnan(left):
        return math.isnan(right)
    return left == right


def _both_ways(text: str) -> tuple[bool, object, object]:
    """(whether the block-style reader took the text, its value, libyaml's value or its problem)."""
    try:
        expected = yamlcore._Builder(1).load(text).value
    except yamlcore.YamlProblem as problem:
        expected = problem
    try:
        return True, yamlcore._block_style(text), expected
    except yamlcore._OtherStyle:
        return False, None, expected


def test_the_block_style_reader_gives_libyamls_value_or_leaves_the_text_to_it():
    """Every token in every shape: where the quick reader gives a value, libyaml reads the same text
    without a problem and gives the same value (types included); where libyaml finds a problem, the
    quick reader has left the text to it."""
    taken = 0
    for shape in SHAPES:
        for token in TOKENS:
            text = shape.replace("{v}", token).replace("{{", "{").replace("}}", "}")
            read, value, expected = _both_ways(text)
            if read:
                taken += 1
                assert not isinstance(expected, yamlcore.YamlProblem), (text, expected.message)
                assert _same(value, expected), (text, value, expected)
    assert taken > len(SHAPES) * len(TOKENS) // 3  # the quick reader does read most of the plain variants


def test_random_documents_read_the_same_both_ways():
    import random

    chooser = random.Random(20261126)
    keys = ["name", "country", "location", "kind", "a_b", "x1", "null", "true"]

    def block(depth: int, indent: int) -> list[str]:
        lines = []
        for _ in range(chooser.randint(1, 3)):
            key = chooser.choice(keys) + str(chooser.randint(0, 3))
            pad = " " * indent
            roll = chooser.random()
            if depth < 3 and roll < 0.25:
                lines += [f"{pad}{key}:", *block(depth + 1, indent + chooser.choice([1, 2, 4]))]
            elif depth < 3 and roll < 0.45:
                lines.append(f"{pad}{key}:")
                inner = indent + chooser.choice([0, 2])
                for _ in range(chooser.randint(1, 3)):
                    if chooser.random() < 0.5:
                        lines.append(f"{' ' * inner}- {chooser.choice(TOKENS)}")
                    else:
                        first, *rest = block(depth + 1, 0)
                        lines.append(f"{' ' * inner}- {first}")
                        lines += [" " * (inner + 2) + line for line in rest]
            else:
                lines.append(f"{pad}{key}: {chooser.choice(TOKENS)}")
            if chooser.random() < 0.1:
                lines.append(pad + "# a comment")
        return lines

    taken = 0
    for _ in range(3000):
        text = "\n".join(block(0, 0)) + "\n"
        read, value, expected = _both_ways(text)
        if read:
            taken += 1
            assert not isinstance(expected, yamlcore.YamlProblem), (text, expected.message)
            assert _same(value, expected), (text, value, expected)
    assert taken > 300


def test_the_content_files_are_read_without_libyaml_and_their_positions_still_found():
    from pathlib import Path

    from partnerdir.frontmatter import read

    root = Path(__file__).resolve().parent.parent / "content" / "cities"
    for path in sorted(root.glob("*.md")):
        source, problems = read(path)
        assert source.meta.node is yamlcore._NOT_COMPOSED, path.name
        assert _same(source.meta.value, yamlcore._Builder(2).load(source.meta.text).value)
        assert source.meta.key_position(("places",)) == yamlcore.Position(
            1 + path.read_text(encoding="utf-8").split("\n").index("places:"), 1)
