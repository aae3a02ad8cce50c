"""Markdown that staff write (news, an event's aims and summary, a newsletter's introduction) as
HTML that is safe to put in a page, a PDF or an e-mail: CommonMark with tables and no raw HTML,
then cleaned by nh3 to the few tags text needs. Headings start at ``<h2>``: the page's own
title is the only ``<h1>``. Images are not allowed: they come through the upload service, each
with its alternative text."""

import nh3
from django.utils.safestring import mark_safe
from markdown_it import MarkdownIt

TAGS = {
    *("h2", "h3", "h4", "h5", "h6", "p", "br", "hr", "blockquote", "pre", "code"),
    *("ul", "ol", "li", "strong", "em", "a", "table", "thead", "tbody", "tr", "th", "td"),
}
ATTRIBUTES = {"a": {"href", "title"}, "ol": {"start"}, "th": {"align"}, "td": {"align"}}

_parser = MarkdownIt("commonmark", {"html": False}).enable("table").disable("image")


def _shift_heading(self, tokens, index, options, env):
    token = tokens[index]
    token.tag = f"h{min(int(token.tag[1]) + 1, 6)}"
    return self.renderToken(tokens, index, options, env)


_parser.add_render_rule("heading_open", _shift_heading)
_parser.add_render_rule("heading_close", _shift_heading)


def render(text):
    """``text`` (Markdown) as safe HTML."""
    html = _parser.render(text or "")
    return mark_safe(
        nh3.clean(
            html,
            tags=TAGS,
            attributes=ATTRIBUTES,
            url_schemes={"http", "https", "mailto", "tel"},
            link_rel="noopener noreferrer nofollow",
        )
    )
