"""The JSON Schemas: draft-07, and the same vocabulary as the model."""

import json

from jsonschema import Draft7Validator

from partnerdir import schema, vocab


def load(kind):
    return json.loads(schema.schema_path(kind).read_text(encoding="utf-8"))


def test_schemas_are_draft_07():
    for kind in schema.KINDS:
        document = load(kind)
        assert document["$schema"] == "http://json-schema.org/draft-07/schema#"
        Draft7Validator.check_schema(document)
        assert document["additionalProperties"] is False


def test_partnership_vocabulary_matches_the_model():
    document = load("partnership")
    properties = document["properties"]
    assert properties["kind"]["enum"] == list(vocab.KINDS)
    assert properties["status"]["enum"] == list(vocab.STATUSES)
    assert properties["pillars"]["items"]["enum"] == list(vocab.PILLARS)
    assert document["definitions"]["place"]["properties"]["type"]["enum"] == list(vocab.PLACE_TYPES)


def test_every_field_has_a_description_for_editors():
    def walk(node, path):
        for name, child in node.get("properties", {}).items():
            assert "description" in child or "$ref" in child, f"{path}.{name}"
            walk(child, f"{path}.{name}")
        if "items" in node:
            walk(node["items"], f"{path}[]")

    for kind in schema.KINDS:
        document = load(kind)
        walk(document, kind)
        for name, definition in document.get("definitions", {}).items():
            walk(definition, name)


def test_schemas_are_published_with_the_site(site):
    for kind in schema.KINDS:
        path = schema.schema_path(kind)
        assert (site / "schemas" / path.name).read_bytes() == path.read_bytes()


def test_the_quick_check_refuses_exactly_what_the_full_check_refuses():
    """The build checks each file with a compiled copy of its schema whose references are
    replaced by their definitions; jsonschema's full check, on the schema as published, is
    what lists a refused file's errors. Both must say the same of every file."""
    import copy

    import fastjsonschema

    from partnerdir.frontmatter import read
    from tests.conftest import ROOT

    def refused(check, value) -> bool:
        try:
            check(value)
        except fastjsonschema.JsonSchemaException:
            return True
        return False

    def edits(value):
        """The value, and copies with one fault each, most in what the definitions check."""
        yield value
        for path, bad in [(("places", 0, "location", "lat"), "north"), (("places", 1, "country"), "Norway"),
                          (("places", 0, "region"), 7), (("sources", 0, "url"), "www.example.org"),
                          (("sources", 0, "date"), "2011-9"), (("since",), 1700), (("date",), "2011-13-01"),
                          (("registration",), "example.org"), (("unknown",), "field")]:
            edited = copy.deepcopy(value)
            node = edited
            try:
                for part in path[:-1]:
                    node = node[part]
            except (KeyError, IndexError):
                continue
            node[path[-1]] = bad
            yield edited

    for kind in schema.KINDS:
        published = load(kind)
        quick = schema._is_valid(kind)  # the build's check
        assert "$ref" not in json.dumps(schema.inlined(published))
        full = Draft7Validator(published)
        folder = {"partnership": "cities", "story": "stories"}.get(kind, kind + "s")
        files = sorted((ROOT / "content" / folder).glob("*.md"))
        assert files, kind
        checked = refusals = 0
        for path in files:
            source, _ = read(path)
            for value in edits(source.meta.value):
                assert refused(quick, value) == any(True for _ in full.iter_errors(value)), (path, value)
                checked, refusals = checked + 1, refusals + refused(quick, value)
        assert refusals and refusals < checked, kind
