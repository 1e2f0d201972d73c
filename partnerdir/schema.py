"""JSON Schemas (draft-07) of the content kinds, and their errors as plain sentences."""

from __future__ import annotations

import difflib
import json
import re
from functools import lru_cache
from pathlib import Path

import fastjsonschema

from .frontmatter import Source
from .problems import ERROR, Problem

SCHEMA_DIR = Path(__file__).resolve().parent.parent / "schemas"
KINDS = ("partnership", "page", "story", "event")

_TYPE_WORDS = {
    "integer": "a whole number",
    "number": "a number",
    "string": "text",
    "array": "a list",
    "object": "a group of fields",
    "boolean": "true or false",
    "null": "nothing",
}


def schema_path(kind: str) -> Path:
    return SCHEMA_DIR / f"{kind}.schema.json"


@lru_cache(maxsize=None)
def _schema(kind: str) -> dict:
    return json.loads(schema_path(kind).read_text(encoding="utf-8"))


@lru_cache(maxsize=None)
def validator(kind: str):
    """The full check (jsonschema's Draft7Validator), which lists every error of a file. Imported
    when first needed: a build whose files are all valid never needs it (tests/test_schema.py
    checks that each schema is a valid Draft 7 schema)."""
    from jsonschema import Draft7Validator

    Draft7Validator.check_schema(_schema(kind))
    return Draft7Validator(_schema(kind))


@lru_cache(maxsize=None)
def _is_valid(kind: str):
    """A compiled check (fastjsonschema): most files are valid, and this says so ten times faster;
    a file it refuses goes through ``validator`` for the full list of errors."""
    return fastjsonschema.compile(inlined(_schema(kind)))


def inlined(schema: dict) -> dict:
    """The schema with each reference to one of its definitions replaced by the definition
    (a reference within the definition it names stays a reference). It checks the same. The
    compiled check calls a function for each reference, and formats the checked value's path
    into its name whether or not there is an error: half of a valid partnership's check."""
    definitions = schema.get("definitions", {})

    def inline(node, within: frozenset):
        if isinstance(node, dict):
            name = node.get("$ref", "").removeprefix("#/definitions/")
            if len(node) == 1 and name in definitions and name not in within and "$ref" in node:
                return inline(definitions[name], within | {name})
            return {key: inline(value, within) for key, value in node.items()}
        if isinstance(node, list):
            return [inline(item, within) for item in node]
        return node

    return inline(schema, frozenset())


def field_name(path) -> str:
    """("places", 1, "country") -> "places[1].country"."""
    text = ""
    for part in path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text or "front matter"


def _describe(value) -> str:
    if value is None:
        return "nothing"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (dict, list)):
        return _TYPE_WORDS["object" if isinstance(value, dict) else "array"]
    return json.dumps(value, ensure_ascii=False)


def _types(expected) -> str:
    expected = [expected] if isinstance(expected, str) else expected
    return " or ".join(_TYPE_WORDS.get(t, t) for t in expected)


def problems(source: Source, kind: str) -> list[Problem]:
    """Every schema error of the front matter, at its line, with a fix."""
    try:
        _is_valid(kind)(source.meta.value)
        return []
    except fastjsonschema.JsonSchemaException:
        pass
    found = []
    checker = validator(kind)
    for error in checker.iter_errors(source.meta.value):
        found.extend(_problems_of(source, error, checker.schema))
    return found


def _problems_of(source: Source, error, root: dict) -> list[Problem]:
    path = tuple(error.absolute_path)
    name = field_name(path)
    schema = error.schema
    hint = schema.get("description", "")
    instance = error.instance
    kind = error.validator
    if kind == "required":
        missing = re.match(r"'([^']+)'", error.message).group(1)
        subschema = schema.get("properties", {}).get(missing, {})
        hint = _resolve(subschema, root).get("description", "")
        label = f"{name}: " if path else ""
        return [source.at(path, ERROR, f'{label}"{missing}" is missing', _add_hint(missing, hint), key=bool(path))]
    if kind == "additionalProperties":
        known = sorted(schema.get("properties", {}))
        result = []
        for extra in sorted(set(instance) - set(known)):
            close = difflib.get_close_matches(extra, known, n=1)
            fix = f'did you mean "{close[0]}"?' if close else "check the spelling or remove it"
            label = f"{name} has" if path else "there is"
            result.append(source.at(
                path + (extra,), ERROR, f'{label} no field "{extra}"',
                f"{fix} The fields are: {', '.join(known)}", key=True,
            ))
        return result
    if kind == "enum":
        options = ", ".join(str(o) for o in error.validator_value)
        close = difflib.get_close_matches(str(instance), [str(o) for o in error.validator_value], n=1)
        fix = f'did you mean "{close[0]}"?' if close else f"use one of: {options}"
        return [source.at(path, ERROR, f"{name}: {_describe(instance)} is not one of {options}", fix)]
    if kind == "type":
        message = f"{name}: expected {_types(error.validator_value)}, found {_describe(instance)}"
        return [source.at(path, ERROR, message, hint)]
    if kind == "pattern":
        return [source.at(path, ERROR, f"{name}: {_describe(instance)} is not in the right form", hint)]
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        side = "less" if "inimum" in kind else "more"
        message = f"{name}: {instance} is {side} than {error.validator_value} allows"
        return [source.at(path, ERROR, message, hint)]
    if kind in ("minItems", "maxItems"):
        count = len(instance)
        noun = "item" if count == 1 else "items"
        if schema.get("minItems") == schema.get("maxItems"):
            need = f"exactly {schema['minItems']}"
        else:
            need = f"at least {error.validator_value}" if kind == "minItems" else f"at most {error.validator_value}"
        message = f"{name}: has {count} {noun}, needs {need}"
        return [source.at(path, ERROR, message, hint, key=True)]
    if kind == "minLength":
        return [source.at(path, ERROR, f"{name}: is empty", hint or "write a value or remove the field")]
    if kind == "uniqueItems":
        return [source.at(path, ERROR, f"{name}: lists the same value twice", "remove the repeated value")]
    return [source.at(path, ERROR, f"{name}: {error.message}", hint)]  # pragma: no cover


def _resolve(subschema: dict, root: dict) -> dict:
    ref = subschema.get("$ref", "")
    if ref.startswith("#/definitions/"):
        return root["definitions"][ref.rsplit("/", 1)[1]]
    return subschema


def _add_hint(field: str, description: str) -> str:
    return f"add {field}: — {description}" if description else f"add {field}:"
