from django.conf import settings
from django.urls import translate_url

from .project import PROJECT


def project(request):
    """The project's facts for the footer and EU block, and this page's address in each language."""
    return {
        "PROJECT": PROJECT,
        "language_links": [
            (code, name, translate_url(request.get_full_path(), code))
            for code, name in settings.LANGUAGES
        ],
    }
