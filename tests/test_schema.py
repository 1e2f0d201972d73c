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
