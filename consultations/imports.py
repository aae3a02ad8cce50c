"""Turning a document staff already have — pasted Markdown or a DOCX file — into sections: a
heading starts a section, and so does a paragraph that opens with an article's number („Чл. 5.“),
as Bulgarian normative acts are written."""

import io
import re
from dataclasses import dataclass

import docx
from django.utils.text import Truncator, slugify
from django.utils.translation import gettext

from ivanovo_portal.slugs import transliterate

MARKDOWN_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.+?)\s*#*\s*$")
# „Чл. 5.“, „Чл. 5а.“, „Член 5“ at the start of a paragraph or a heading.
ARTICLE = re.compile(r"^(?P<number>Чл(?:ен|\.)\s*\d+[а-я]?)\.?(?:\s+|$)(?P<rest>.*)$", re.DOTALL)
KEY_LENGTH = 40
# How many of an article's first words stand for its heading.
HEADING_WORDS = 8


@dataclass
class ImportedSection:
    key: str
    number: str
    heading: str
    text: str


def _split_heading(text):
    """A heading's number and words: „Чл. 1. Предмет“ gives („Чл. 1“, „Предмет“)."""
    match = ARTICLE.match(text)
    if match:
        return match["number"], match["rest"].strip() or match["number"]
    return "", text.strip()


def sections_from_blocks(blocks):
    """Sections from ``(is_heading, text)`` blocks in the document's order; text before the first
    heading becomes an introduction. Keys come from the number, else the heading, unique."""
    sections = []
    for is_heading, text in blocks:
        text = text.strip()
        if not text:
            continue
        article = None if is_heading else ARTICLE.match(text)
        if is_heading:
            number, heading = _split_heading(text)
            sections.append(ImportedSection("", number, heading, ""))
        elif article:
            sections.append(_article(article["number"], article["rest"].strip()))
        elif sections:
            current = sections[-1]
            current.text = f"{current.text}\n\n{text}" if current.text else text
        else:
            sections.append(ImportedSection("", "", gettext("Introduction"), text))
    taken = set()
    for section in sections:
        section.key = unique_key(section.number or section.heading, taken)
        taken.add(section.key)
    return sections


def _article(number, text):
    """An article without a heading of its own, as most are: its first words stand for one."""
    if not text:
        return ImportedSection("", "", number, "")
    return ImportedSection("", number, Truncator(text.splitlines()[0]).words(HEADING_WORDS), text)


def unique_key(text, taken):
    """A section's key from its number or heading („Чл. 3“: ``chl-3``), not one of ``taken``."""
    base = slugify(transliterate(text))[: KEY_LENGTH - 4].strip("-") or "section"
    key, number = base, 2
    while key in taken:
        key, number = f"{base}-{number}", number + 1
    return key


def from_markdown(text):
    """Sections of pasted Markdown: ``#`` headings and „Чл.“ paragraphs start them; blank lines
    separate paragraphs."""
    blocks, paragraph = [], []

    def flush():
        if paragraph:
            blocks.append((False, "\n".join(paragraph)))
            paragraph.clear()

    for line in text.splitlines():
        heading = MARKDOWN_HEADING.match(line)
        if heading:
            flush()
            blocks.append((True, heading["text"]))
        elif not line.strip():
            flush()
        else:
            paragraph.append(line.strip())
    flush()
    return sections_from_blocks(blocks)


def from_docx(data):
    """Sections of a DOCX file's bytes: paragraphs in a heading or title style, and „Чл.“
    paragraphs, start them. Tables and pictures are not taken."""
    document = docx.Document(io.BytesIO(data))
    return sections_from_blocks(
        (_is_heading(paragraph), paragraph.text) for paragraph in document.paragraphs
    )


def _is_heading(paragraph):
    style = paragraph.style.name if paragraph.style is not None else ""
    return style.startswith("Heading") or style == "Title"
