"""Exports as staff get them: asked for, rendered as documents (in process, as the embedded
default runs them), and downloaded from their status page."""

from django.test import TestCase
from django.urls import reverse

from ivanovo_portal.documents.selectors import document_of
from surveys import exports

EXPORTS = {
    "responses.csv": exports.RESPONSES_CSV_KIND,
    "responses.xlsx": exports.RESPONSES_XLSX_KIND,
    "codebook.csv": exports.CODEBOOK_CSV_KIND,
}


def exported(client, questionnaire, name):
    """The download of the export ``name`` (``responses.xlsx``…) of ``questionnaire`` and its
    bytes, asked for by the logged-in ``client``."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        asked = client.post(reverse("surveys:export", args=[questionnaire.slug, name]))
    assert asked.url == reverse("surveys:exports", args=[questionnaire.slug])
    document = document_of(questionnaire, EXPORTS[name])
    assert document.is_ready, document.error
    download = client.get(document.download_url)
    assert download.status_code == 200
    return download, b"".join(download.streaming_content)
