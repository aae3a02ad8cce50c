"""Reading a page's HTML as a tree, for tests of what a page is made of rather than its words."""

from django.test.html import Element, parse_html


def elements(parent, ancestors=()):
    """Every element of a parsed page with the elements around it, outermost first."""
    for child in parent.children:
        if isinstance(child, Element):
            yield child, ancestors
            yield from elements(child, (*ancestors, child))


def parsed(response):
    """(element, attributes, ancestors) for every element of the page."""
    return [(e, dict(e.attributes), a) for e, a in elements(parse_html(response.text))]


def text_of(element):
    return "".join(c if isinstance(c, str) else text_of(c) for c in element.children).strip()
