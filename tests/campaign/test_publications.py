"""The publications page lists every public document of a kind registered as a publication,
whichever activity registered it: campaign imports none of them."""

import hashlib
from datetime import UTC, datetime

import pytest
from django.urls import reverse

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import DocumentKind, Rendered, kinds
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from surveys.models import AnalysisReport
from surveys.services import reports

NOTICE = "tests.notice"
MEMO = "tests.memo"


def render_notice(settlement):
    return Rendered("notice.csv", "text/csv", f"Съобщение за {settlement.name}\n".encode())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def test_kinds(db):
    """A publication of monitoring, public for every settlement but Krasen, and a kind that is
    no publication."""
    with kinds.override(
        {
            NOTICE: DocumentKind(
                label="Съобщение",
                renderer=render_notice,
                format="CSV",
                is_public=lambda settlement: settlement.slug != "krasen",
                publication=True,
                activity=Activity.MONITORING,
            ),
            MEMO: DocumentKind(label="Бележка", renderer=render_notice, is_public=True),
        }
    ):
        yield


@pytest.fixture
def rendered(django_capture_on_commit_callbacks):
    def rendered(source, kind, title):
        with django_capture_on_commit_callbacks(execute=True):
            document = request_document(source, kind, title=title)
        document.refresh_from_db()
        return document

    return rendered


def published_report(staff, django_capture_on_commit_callbacks, number=0):
    report = reports.create_report(
        user=staff, questionnaires=[], title=f"Анализ {number}", slug=f"analiz-{number}"
    )
    with django_capture_on_commit_callbacks(execute=True):
        reports.publish(report, user=staff)
    return report


def sha256_of_download(client, document):
    """The checksum of the file a visitor downloads from ``document``'s link."""
    download = client.get(document.download_url)
    assert download.status_code == 200
    return hashlib.sha256(b"".join(download.streaming_content)).hexdigest()


def test_publications_say_when_nothing_is_published(client, db):
    response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    assert response.context["publications"] == []
    assert "Все още нищо не е публикувано." in response.text


def test_publications_list_the_public_documents_of_publication_kinds_only(
    client, test_kinds, rendered
):
    ivanovo = Settlement.objects.get(is_admin_centre=True)
    village = Settlement.objects.get(slug="krasen")
    notice = rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    rendered(village, NOTICE, "Съобщение за Красен")  # not public
    rendered(ivanovo, MEMO, "Бележка за Иваново")  # public, but no publication

    response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    html = response.text
    assert "Съобщение за Иваново" in html
    assert "Граждански мониторинг" in html
    assert f'href="{notice.download_url}"' in html
    assert f"({notice.format_label}, {notice.size}" in html
    assert notice.sha256[:12] in html and notice.sha256 in html
    assert "Съобщение за Красен" not in html
    assert "Бележка за Иваново" not in html


def test_a_published_report_is_listed_with_its_pages_size_and_checksum(
    client, staff, django_capture_on_commit_callbacks
):
    report = published_report(staff, django_capture_on_commit_callbacks)
    reports.create_report(user=staff, questionnaires=[], title="Чернова", slug="chernova")
    document = GeneratedDocument.objects.get(object_id=report.pk, kind="surveys.report")

    response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    html = response.text
    assert document.is_ready and document.pages
    assert "Анализ 0" in html and "Проучвания и анализи" in html
    assert f'href="{document.download_url}"' in html
    assert document.sha256 in html
    assert "Чернова" not in html
    assert sha256_of_download(client, document) == document.sha256


def test_publications_are_dated_and_ordered_by_when_their_source_was_published(
    client, staff, django_capture_on_commit_callbacks
):
    older = published_report(staff, django_capture_on_commit_callbacks, number=1)
    newer = published_report(staff, django_capture_on_commit_callbacks, number=2)
    AnalysisReport.objects.filter(pk=older.pk).update(
        published_at=datetime(2023, 3, 15, 10, tzinfo=UTC)
    )
    AnalysisReport.objects.filter(pk=newer.pk).update(
        published_at=datetime(2023, 5, 20, 10, tzinfo=UTC)
    )

    response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    titles = [publication.document.title for publication in response.context["publications"]]
    assert titles.index("Анализ 2") < titles.index("Анализ 1")
    assert '<time datetime="2023-03-15">15.03.2023</time>' in response.text
    assert '<time datetime="2023-05-20">20.05.2023</time>' in response.text


def test_publications_take_the_same_queries_for_one_document_or_many(
    client, test_kinds, rendered, django_assert_max_num_queries
):
    ivanovo = Settlement.objects.get(is_admin_centre=True)
    rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    with django_assert_max_num_queries(12) as one:
        response = client.get(reverse("campaign:publications"))
    assert response.status_code == 200
    for settlement in Settlement.objects.exclude(slug="krasen").exclude(pk=ivanovo.pk)[:5]:
        rendered(settlement, NOTICE, f"Съобщение за {settlement.name}")

    with django_assert_max_num_queries(len(one)) as many:
        response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    assert len(response.context["publications"]) == 6
    assert len(many) == len(one)


def test_a_report_whose_pdf_is_rendered_again_keeps_its_download(
    client, staff, django_capture_on_commit_callbacks
):
    report = published_report(staff, django_capture_on_commit_callbacks)
    document = reports.request_report_pdf(report, user=staff)  # queued: no worker has it yet

    html = client.get(reverse("campaign:publications")).text

    assert document.status == "queued"
    assert document.download_url in html
    assert sha256_of_download(client, document) == document.sha256
