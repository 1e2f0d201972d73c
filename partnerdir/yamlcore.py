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

Most front matter is written in the plain block style (``key: value``, ``- `` items,
``{lat: 1, lon: 2}``): ``load()`` reads that style itself, in half libyaml's time
(libyaml makes a node, two marks and three Python calls of every value), and hands
anything else -- quoting with escapes, multi-line text, anchors, tags, a doubtful
character -- to libyaml. Both give the same value (tests/test_yamlcore.py compares them
on thousands of variants); positions come from libyaml's nodes, made when first asked for.
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


_NOT_COMPOSED = object()  # a Document read without libyaml: its nodes are made when a position is asked for


@dataclass(frozen=True)
class Document:
    """A YAML value with the position of every key and value in it.

    The positions are looked up in the YAML nodes the value was made from, once a position
    is asked for: most files have no problem to point at."""

    value: object
    node: object = field(repr=False)  # the node tree (None for an empty document), or _NOT_COMPOSED
    first_line: int = 1
    text: str = field(default="", repr=False)  # the YAML text, for the nodes of a document read without them

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
        node = _compose(self.text) if self.node is _NOT_COMPOSED else self.node
        if node is None:
            values[()] = (self.first_line, 1)
            return values, keys
        first_line = self.first_line
        pending = [(node, ())]
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
    try:
        return Document(_block_style(text), _NOT_COMPOSED, first_line, text)
    except _OtherStyle:
        return _Builder(first_line).load(text)


def _compose(text: str):
    """The node tree of a document (None if empty)."""
    loader = _Loader(text)
    try:
        return loader.get_single_node()
    finally:
        loader.dispose()


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
    return _typed(node.tag, node.value)


def _typed(tag: str, text: str):
    """A scalar's value by its tag."""
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


# -- the block style, read without libyaml ------------------------------------------------

class _OtherStyle(Exception):
    """The text is not in the block style ``_block_style`` reads: libyaml reads it."""


_KEY = re.compile(r"([A-Za-z_][A-Za-z0-9_]*):(?: +(.*))?")  # a plain key, then its value or nothing
_FLOW_ITEM = re.compile(r" *([A-Za-z_][A-Za-z0-9_]*): +(.*?) *")  # one "key: value" of a {…} mapping
# Characters left to libyaml: those it refuses, those it reads as line breaks (NEL, LS, PS),
# tabs, carriage returns and byte-order marks.
_OTHER_CHARACTERS = re.compile(
    "[^\n\x20-\x7e\xa0-\u2027\u202a-\ud7ff\ue000-\ufefe\uff00-\ufffd\U00010000-\U0010ffff]")
_INDICATORS = frozenset("-?:,[]{}#&*!|>'\"%@`")  # a plain scalar starting with one is left to libyaml
_FLOW_INDICATORS = re.compile(r"[,\[\]{}:]")


def _block_style(text: str):
    """The value of a document written in the block style: one ``key: value``, ``key:`` or
    ``- item`` a line (indented by spaces), values on the same line -- plain, quoted without
    escapes, or a ``{…}``/``[…]`` of plain scalars -- and whole-line comments. Raises
    ``_OtherStyle`` for anything else, and wherever libyaml would find a problem (a key given
    twice, a ``: `` inside a plain value): libyaml then reads the text and says what it finds."""
    if _OTHER_CHARACTERS.search(text):
        raise _OtherStyle
    lines = []  # [indent, content]: the lines that hold a value
    for line in text.split("\n"):
        content = line.lstrip(" ")
        if content and content[0] != "#":
            lines.append([len(line) - len(content), content.rstrip(" ")])
    if not lines or lines[0][0]:
        raise _OtherStyle
    value, end = _block(lines, 0, 0)
    if end != len(lines):
        raise _OtherStyle
    return value


def _is_item(content: str) -> bool:
    return content[0] == "-" and (len(content) == 1 or content[1] == " ")


def _block(lines: list, i: int, indent: int):
    """The mapping or sequence starting at line ``i``, and the line after it."""
    return (_sequence if _is_item(lines[i][1]) else _mapping)(lines, i, indent)


def _line_at(lines: list, i: int, indent: int) -> str | None:
    """Line ``i`` of a block at ``indent``; None where the block ends (no line left, or one less indented)."""
    if i == len(lines) or lines[i][0] < indent:
        return None
    if lines[i][0] > indent:
        raise _OtherStyle  # a line continuing a value
    return lines[i][1]


def _mapping(lines: list, i: int, indent: int):
    result = {}
    count = len(lines)
    while (content := _line_at(lines, i, indent)) is not None:
        match = _KEY.fullmatch(content)
        if match is None:
            if _is_item(content):
                break  # "key:" then its items at the key's own indent: the items end here
            raise _OtherStyle
        key, rest = match[1], match[2]
        if key in result:
            raise _OtherStyle
        i += 1
        if rest:
            result[key] = _inline(rest)
        elif i < count and (lines[i][0] > indent or (lines[i][0] == indent and _is_item(lines[i][1]))):
            result[key], i = _block(lines, i, lines[i][0])
        else:
            result[key] = None
    return result, i


def _sequence(lines: list, i: int, indent: int):
    items = []
    while (content := _line_at(lines, i, indent)) is not None:
        if not _is_item(content):
            break
        rest = content[1:].lstrip(" ")
        if not rest or _is_item(rest):
            raise _OtherStyle  # an item on the lines below, or a list in a list
        if _KEY.fullmatch(rest):  # "- key: value": a mapping whose keys line up with this one
            column = indent + len(content) - len(rest)
            lines[i] = [column, rest]
            item, i = _mapping(lines, i, column)
            items.append(item)
        else:
            items.append(_inline(rest))
            i += 1
    return items, i


def _inline(text: str):
    """A value written on its key's or item's line."""
    first = text[0]
    if first == '"':
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != '"' or '"' in inner or "\\" in inner:
            raise _OtherStyle
        return inner
    if first == "'":
        inner = text[1:-1]
        if len(text) < 2 or text[-1] != "'" or "'" in inner.replace("''", ""):
            raise _OtherStyle
        return inner.replace("''", "'")
    if first == "{":
        if text[-1] != "}":
            raise _OtherStyle
        result = {}
        inner = text[1:-1]
        if inner.strip(" "):
            for part in inner.split(","):
                match = _FLOW_ITEM.fullmatch(part)
                if match is None or match[1] in result:
                    raise _OtherStyle
                result[match[1]] = _plain(match[2], flow=True)
        return result
    if first == "[":
        if text[-1] != "]":
            raise _OtherStyle
        inner = text[1:-1]
        return [_plain(part.strip(" "), flow=True) for part in inner.split(",")] if inner.strip(" ") else []
    return _plain(text)


def _plain(text: str, flow: bool = False):
    """An unquoted scalar's value (YAML 1.2 core schema, as the nodes libyaml makes)."""
    if not text:
        raise _OtherStyle
    first = text[0]
    if first in _INDICATORS and not (first == "-" and len(text) > 1 and text[1] != " "):
        raise _OtherStyle
    if " #" in text or ": " in text or text[-1] == ":" or (flow and _FLOW_INDICATORS.search(text)):
        raise _OtherStyle
    return _typed(_plain_tag(text), text)
