"""A method's template (an invitation, a notice, a minutes form) as an editable Word document, for
a mayoralty to fill in and print. The body's lines become paragraphs: "# " a heading, "- " a list
item; what it says is set as text, never read as markup."""

import io
from urllib.parse import quote

from django.utils.text import slugify
from docx import Document
from docx.shared import Pt

from ivanovo_portal.slugs import transliterate

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
HEADING = "# "
ITEM = "- "


def template_docx(template) -> bytes:
    """``template`` as DOCX bytes: its title as the document's title, its body line by line."""
    document = Document()
    document.core_properties.title = template.title
    document.core_properties.language = "bg-BG"
    document.styles["Normal"].font.size = Pt(12)
    document.add_heading(template.title, level=1)
    for line in template.body.splitlines():
        line = line.strip()
        if line.startswith(HEADING):
            document.add_heading(line.removeprefix(HEADING).strip(), level=2)
        elif line.startswith(ITEM):
            document.add_paragraph(line.removeprefix(ITEM).strip(), style="List Bullet")
        elif line:
            document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def content_disposition(title):
    """An attachment named after ``title``: in Latin letters for old browsers, in full (UTF-8,
    RFC 6266) for the others."""
    ascii_name = slugify(transliterate(title))[:100] or "template"
    return (
        f'attachment; filename="{ascii_name}.docx"; '
        f"filename*=utf-8''{quote(f'{title}.docx', safe='')}"
    )
