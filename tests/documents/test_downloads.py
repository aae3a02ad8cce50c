"""Downloads of a public document are counted for the campaign's reach: the public's, not staff's
checking a file, nor a robot's, nor a private document's, nor a request that got no file."""

import pytest

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.pagecache import counts
from tests.documents.kinds import PUBLIC_SHEET, SHEET


@pytest.fixture
def render(django_capture_on_commit_callbacks):
    def render(source, kind, **options):
        with django_capture_on_commit_callbacks(execute=True):
            document = request_document(source, kind, **options)
        document.refresh_from_db()
        return document

    return render


@pytest.fixture
def public_document(render, ivanovo):
    return render(ivanovo, PUBLIC_SHEET, title="Публична справка за Иваново")


def downloads_of(document):
    counts.write()
    return GeneratedDocument.objects.get(pk=document.pk).downloads


def download(client, document):
    response = client.get(document.download_url)
    assert response.status_code == 200
    b"".join(response.streaming_content)
    return response


def test_each_download_of_a_public_document_by_a_visitor_counts(client, public_document):
    download(client, public_document)
    download(client, public_document)

    assert downloads_of(public_document) == 2


@pytest.mark.parametrize("persona", ["resident", "official", "monitor"])
def test_a_download_by_someone_logged_in_without_staffs_rights_counts(
    client, request, persona, public_document
):
    client.force_login(request.getfixturevalue(persona))

    download(client, public_document)

    assert downloads_of(public_document) == 1


def test_staff_checking_a_public_file_do_not_count(client, staff, public_document):
    client.force_login(staff)

    download(client, public_document)

    assert downloads_of(public_document) == 0


def test_a_private_document_downloaded_by_staff_does_not_count(client, staff, render, ivanovo):
    private = render(ivanovo, SHEET, title="Справка за Иваново")
    client.force_login(staff)

    download(client, private)

    assert downloads_of(private) == 0


def test_a_refused_download_does_not_count(client, render, village):
    not_public = render(village, PUBLIC_SHEET)  # public only for the centre

    assert client.get(not_public.download_url).status_code == 403
    assert downloads_of(not_public) == 0


def test_a_download_with_no_file_yet_does_not_count(client, ivanovo):
    queued = request_document(ivanovo, PUBLIC_SHEET)  # the render never ran

    assert client.get(queued.download_url).status_code == 404
    assert downloads_of(queued) == 0


def test_a_robots_download_does_not_count(client, public_document):
    response = client.get(public_document.download_url, headers={"User-Agent": "Wget/1.21.3"})
    assert response.status_code == 200
    b"".join(response.streaming_content)

    assert downloads_of(public_document) == 0


def test_a_head_request_fetches_no_file_and_does_not_count(client, public_document):
    assert client.head(public_document.download_url).status_code == 200
    assert downloads_of(public_document) == 0


def test_counting_leaves_the_render_jobs_time_alone(client, public_document):
    """The pipeline reads ``updated_at`` to find stalled renders; a download is no change."""
    download(client, public_document)
    counts.write()

    counted = GeneratedDocument.objects.get(pk=public_document.pk)
    assert counted.downloads == 1
    assert counted.updated_at == public_document.updated_at


def test_a_public_download_takes_at_most_ten_queries(
    client, resident, public_document, django_assert_max_num_queries
):
    client.force_login(resident)
    with django_assert_max_num_queries(10):
        download(client, public_document)
