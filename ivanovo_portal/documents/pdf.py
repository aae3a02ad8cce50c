"""Rendering Django templates to PDF with WeasyPrint.

PDF templates extend ``documents/pdf/base.html`` and link static files by their path inside the
project's static directory (``img/eu-flag.svg``): they are read from disk, never over the network.
Every PDF is tagged PDF/UA-1: its ``<html lang>`` and ``<title>`` become the PDF's language and
title, and every image needs its ``alt`` text.
"""

import threading
from pathlib import Path

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import translation
from weasyprint import HTML
from weasyprint.text.fonts import FontConfiguration
from weasyprint.urls import URLFetcher

from ivanovo_portal.project import PROJECT

DEFAULT_LANGUAGE = "bg"
# Tagged, with a structure tree, so that assistive technology reads the documents (PDF/UA-1).
PDF_VARIANT = "pdf/ua-1"
_local = threading.local()


def _font_config():
    """This thread's WeasyPrint font configuration. Kept between renders because it caches the
    decoded @font-face fonts: decoding the bundled woff2 files is most of a short render's time."""
    if not hasattr(_local, "font_config"):
        _local.font_config = FontConfiguration()
    return _local.font_config


def static_base_url() -> str:
    """The ``file://`` URL of the project's static directory, against which PDF links resolve."""
    return Path(settings.STATICFILES_DIRS[0]).resolve().as_uri() + "/"


def render_pdf(template_name, context) -> bytes:
    """Render a PDF template with ``context`` to PDF bytes. ``context["lang"]`` picks the document's
    language (Bulgarian unless told otherwise); ``PROJECT`` is always available."""
    lang = context.get("lang") or DEFAULT_LANGUAGE
    with translation.override(lang):
        html = render_to_string(template_name, {"PROJECT": PROJECT, **context, "lang": lang})
    # Only files and inline data: a PDF must never wait on, or leak to, another server.
    fetcher = URLFetcher(allowed_protocols={"file", "data"})
    document = HTML(string=html, base_url=static_base_url(), url_fetcher=fetcher)
    return document.write_pdf(font_config=_font_config(), pdf_variant=PDF_VARIANT)
