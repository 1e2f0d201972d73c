"""Safe YAML reading with the YAML 1.2 core schema and source positions.

PyYAML resolves plain scalars by YAML 1.1 rules: ``NO`` (Norway) becomes
``False``, ``2016-02-24`` a ``datetime.date`` and ``010`` an octal number. Content
files are written by volunteers, so we read them by the YAML 1.2 core schema
instead: only ``true``/``false`` are booleans, only ``null``/``~``/empty is null,
numbers look like numbers, and everything else -- dates included -- stays the
string the author wrote.

``load()`` returns the value together with a map from each JSON path (a tuple
of keys and indices) to the line and column where that value starts, so that
schema errors can be reported at their line.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import cached_property, lru_cache

import yaml
from yaml.nodes import MappingNode, ScalarNode, SequenceNode
from yaml.resolver import BaseResolver

if yaml.__with_libyaml__:  # pragma: no branch - both parsers give the same nodes
    from yaml.cyaml import CParser as _Parser
else:  # pragma: no cover
    from yaml.composer import Composer
    from yaml.parser import Parser
    from yaml.reader import Reader
    from yaml.scanner import Scanner

    class _Parser(Reader, Scanner, Parser, Composer):  # type: ignore[no-redef]
        def __init__(self, stream):
            Reader.__init__(self, stream)
            Scanner.__init__(self)
            Parser.__init__(self)
            Composer.__init__(self)


STR = "tag:yaml.org,2002:str"
BOOL = "tag:yaml.org,2002:bool"
INT = "tag:yaml.org,2002:int"
FLOAT = "tag:yaml.org,2002:float"
NULL = "tag:yaml.org,2002:null"
SEQ = "tag:yaml.org,2002:seq"
MAP = "tag:yaml.org,2002:map"


class CoreResolver(BaseResolver):
    """Implicit tags of the YAML 1.2 core schema (no timestamps, no merge keys)."""


CoreResolver.yaml_implicit_resolvers = {}
for _tag, _pattern, _first in [
    (BOOL, r"^(?:true|True|TRUE|false|False|FALSE)$", "tTfF"),
    (NULL, r"^(?:~|null|Null|NULL|)$", ["~", "n", "N", ""]),
    (INT, r"^(?:[-+]?[0-9]+|0o[0-7]+|0x[0-9a-fA-F]+)$", "-+0123456789"),
    (
        FLOAT,
        r"^(?:[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?"
        r"|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$",
        "-+0123456789.",
    ),
]:
    CoreResolver.add_implicit_resolver(_tag, re.compile(_pattern), list(_first))
_IMPLICIT = CoreResolver.yaml_implicit_resolvers


class _Loader(_Parser, CoreResolver):
    def __init__(self, stream):
        _Parser.__init__(self, stream)
        CoreResolver.__init__(self)

    def resolve(self, kind, value, implicit):
        """BaseResolver.resolve for a schema without path resolvers: the parser asks this for
        every scalar of every file, so the general lookups are left out."""
        if kind is ScalarNode:
            return _plain_tag(value) if implicit[0] else STR
        return SEQ if kind is SequenceNode else MAP


@lru_cache(maxsize=1 << 14)  # the keys and the common values come back in every file
def _plain_tag(value: str) -> str:
    """The tag of a plain (unquoted) scalar."""
    for tag, pattern in _IMPLICIT.get(value[:1], ()):
        if pattern.match(value):
            return tag
    return STR


@dataclass(frozen=True)
class Position:
    """A 1-based line and column in the YAML text."""

    line: int
    column: int


class YamlProblem(ValueError):
    """The YAML text cannot be read; ``position`` says where."""

    def __init__(self, message: str, position: Position, hint: str):
        super().__init__(message)
        self.message = message
        self.position = position
        self.hint = hint


@dataclass(frozen=True)
class Document:
    """A YAML value with the position of every key and value in it.

    The positions are looked up in the YAML nodes the value was made from, once a position
    is asked for: most files have no problem to point at."""

    value: object
    node: object = field(repr=False)  # the node tree (None for an empty document)
    first_line: int = 1

    def position(self, path) -> Position:
        """Where the value at ``path`` (or its nearest ancestor) starts."""
        values = self._positions[0]
        path = tuple(path)
        while path not in values and path:
            path = path[:-1]
        return Position(*values.get(path, (1, 1)))

    def key_position(self, path) -> Position:
        """Where the key of ``path`` is written, falling back to its value."""
        key = self._positions[1].get(tuple(path))
        return Position(*key) if key else self.position(path)

    @cached_property
    def _positions(self) -> tuple[dict, dict]:
        """(JSON path tuple -> (line, column) of its value, JSON path tuple -> (line, column) of its key)."""
        values: dict = {}
        keys: dict = {}
        if self.node is None:
            values[()] = (self.first_line, 1)
            return values, keys
        first_line = self.first_line
        pending = [(self.node, ())]
        while pending:
            node, path = pending.pop()
            mark = node.start_mark
            values[path] = (mark.line + first_line, mark.column + 1)
            if type(node) is MappingNode:
                for key_node, value_node in node.value:
                    at = path + (_key(key_node),)
                    mark = key_node.start_mark
                    keys[at] = (mark.line + first_line, mark.column + 1)
                    pending.append((value_node, at))
            elif type(node) is SequenceNode:
                pending += ((item, path + (i,)) for i, item in enumerate(node.value))
        return values, keys


def load(text: str, first_line: int = 1) -> Document:
    """Parse one YAML document; raise ``YamlProblem`` with a position on failure.

    ``first_line`` is the line number the text starts on in its file, so that
    every position (and every message) speaks of lines of the file.
    """
    return _Builder(first_line).load(text)


def _key(node, scalar=None) -> str:
    """A mapping key as the value's path names it: the text of a string, else as written.
    ``scalar(node)`` reads a key that is not a string (``_scalar`` unless given)."""
    if node.tag == STR:
        return node.value
    key = (scalar or _scalar)(node)
    return key if isinstance(key, str) else node.value


class _Builder:
    """Turns the node tree into plain values."""

    def __init__(self, first_line: int):
        self.first_line = first_line

    def position(self, mark) -> Position:
        return Position(mark.line + self.first_line, mark.column + 1)

    def load(self, text: str) -> Document:
        loader = _Loader(text)
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            position = self.position(mark) if mark else Position(self.first_line, 1)
            problem = (exc.problem or exc.context or "cannot be read").strip()
            raise YamlProblem(
                f"YAML syntax: {problem}",
                position,
                "check the indentation and quotes on this line and the one above; "
                'text containing ": " or starting with a special character needs quotes',
            ) from None
        except yaml.YAMLError as exc:  # reader errors (control characters) carry no mark
            raise YamlProblem(
                f"YAML syntax: {exc}", Position(self.first_line, 1), "remove the unprintable character"
            ) from None
        finally:
            loader.dispose()
        return Document(None if node is None else self.build(node), node, self.first_line)

    def build(self, node):
        kind = type(node)
        if kind is ScalarNode:
            return node.value if node.tag == STR else self.scalar(node)
        if kind is MappingNode:
            self.require_tag(node, MAP)
            return self.mapping(node)
        if kind is SequenceNode:
            self.require_tag(node, SEQ)
            return [self.build(item) for item in node.value]
        raise AssertionError(f"unknown YAML node {node!r}")  # pragma: no cover

    def mapping(self, node) -> dict:
        result: dict = {}
        for key_node, value_node in node.value:
            if type(key_node) is not ScalarNode:
                raise YamlProblem(
                    "YAML: a key must be plain text",
                    self.position(key_node.start_mark),
                    "write the key as a single word followed by a colon",
                )
            key = _key(key_node, self.scalar)  # an unknown tag: a problem at the key
            if key in result:
                first = next(other for other, _ in node.value if _key(other) == key)
                raise YamlProblem(
                    f'YAML: "{key}" is given twice (first on line {self.position(first.start_mark).line})',
                    self.position(key_node.start_mark),
                    "keep one of the two and delete the other",
                )
            result[key] = self.build(value_node)
        return result

    def require_tag(self, node, tag):
        if node.tag != tag:
            raise YamlProblem(
                f"YAML: the tag {node.tag} is not allowed",
                self.position(node.start_mark),
                "remove the tag (the word starting with !)",
            )

    def scalar(self, node):
        try:
            return _scalar(node)
        except _UnknownTag:
            raise YamlProblem(
                f"YAML: the tag {node.tag} is not allowed",
                self.position(node.start_mark),
                "remove the tag (the word starting with !) and write the value as plain text",
            ) from None


class _UnknownTag(Exception):
    pass


def _scalar(node):
    """A scalar node's value by its (resolved or explicit) tag."""
    tag, text = node.tag, node.value
    if tag == STR:
        return text
    if tag == NULL:
        return None
    if tag == BOOL:
        return text.lower() == "true"
    if tag == INT:
        if text.startswith("0o"):
            return int(text[2:], 8)
        if text.startswith("0x"):
            return int(text[2:], 16)
        return int(text)
    if tag == FLOAT:
        lowered = text.lower()
        if lowered.endswith(".inf"):
            return -math.inf if lowered.startswith("-") else math.inf
        if lowered == ".nan":
            return math.nan
        return float(text)
    raise _UnknownTag(tag)
