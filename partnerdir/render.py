"""Contributor Markdown to safe HTML.

Markdown is rendered as text -- never evaluated as a template -- and the HTML is
cleaned with an allow-list (nh3), so ``<script>``, event handlers and
``javascript:`` links cannot reach a page whatever a file contains.
"""

from __future__ import annotations

import markdown
import nh3

EXTENSIONS = ("tables", "fenced_code", "sane_lists", "smarty")

ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "code", "dd", "del", "div", "dl", "dt",
    "em", "figcaption", "figure", "h2", "h3", "h4", "h5", "h6", "hr", "i", "img",
    "ins", "kbd", "li", "mark", "ol", "p", "pre", "q", "s", "small", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "u", "ul",
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title", "hreflang"},
    "abbr": {"title"},
    "img": {"src", "alt", "title", "width", "height"},
    "td": {"align", "colspan", "rowspan"},
    "th": {"align", "colspan", "rowspan", "scope"},
    "*": {"lang", "dir"},
}
URL_SCHEMES = {"http", "https", "mailto"}


def clean(html: str) -> str:
    """Keep only allow-listed tags, attributes and link schemes."""
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
    )


class Renderer:
    """One Markdown instance, reused (with ``reset()``) for every file of a run; a text
    seen before (an imported list's boilerplate) is not converted again."""

    def __init__(self):
        self._markdown = markdown.Markdown(extensions=list(EXTENSIONS), output_format="html")
        self._done: dict[str, str] = {}

    def render(self, text: str) -> str:
        if text not in self._done:
            if len(self._done) >= 4096:
                self._done.clear()
            self._done[text] = clean(self._markdown.reset().convert(text))
        return self._done[text]
