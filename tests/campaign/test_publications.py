"""The publications library lists every public document of a kind registered as a publication,
whichever activity registered it (campaign imports none of them), filters it by activity, kind
and year, and gives each publication a page whose address lasts."""

import hashlib
from datetime import UTC, date, datetime

import pytest
from django.urls import reverse

from campaign.views import publications as publication_views
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.registry import DocumentKind, Rendered, kinds
from ivanovo_portal.documents.services import request_document
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import Activity
from surveys.models import AnalysisReport
from surveys.services import reports

NOTICE = "tests.notice"
MEMO = "tests.memo"
LEAFLET = "tests.leaflet"


def render_notice(settlement):
    """Changes with the settlement's population, so a new version is a different file."""
    text = f"Съобщение за {settlement.name}: {settlement.population or 0} жители\n"
    return Rendered("notice.csv", "text/csv", text.encode())


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def test_kinds(db):
    """A publication of monitoring, public for every settlement but Krasen; a leaflet of the
    consultations dated 2022, public everywhere; and a kind that is no publication."""
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
            LEAFLET: DocumentKind(
                label="Листовка",
                renderer=render_notice,
                format="CSV",
                is_public=True,
                publication=True,
                activity=Activity.CONSULTATIONS,
                published_on=lambda settlement: date(2022, 11, 3),
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


@pytest.fixture
def ivanovo(db):
    return Settlement.objects.get(is_admin_centre=True)


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


def listed(response):
    return [publication.document.title for publication in response.context["page_obj"]]


def page_of(document):
    return reverse("campaign:publication", args=[document.pk])


# The list


def test_publications_say_when_nothing_is_published(client, db):
    response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    assert listed(response) == []
    assert "Все още нищо не е публикувано." in response.text


def test_publications_list_the_public_documents_of_publication_kinds_only(
    client, test_kinds, rendered, ivanovo
):
    village = Settlement.objects.get(slug="krasen")
    notice = rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    rendered(village, NOTICE, "Съобщение за Красен")  # not public
    rendered(ivanovo, MEMO, "Бележка за Иваново")  # public, but no publication

    response = client.get(reverse("campaign:publications"))

    assert response.status_code == 200
    html = response.text
    assert listed(response) == ["Съобщение за Иваново"]
    assert "Граждански мониторинг" in html
    assert f'href="{notice.download_url}"' in html
    assert f'href="{page_of(notice)}"' in html
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
    assert listed(response) == ["Анализ 2", "Анализ 1"]
    assert '<time datetime="2023-03-15">15.03.2023</time>' in response.text
    assert '<time datetime="2023-05-20">20.05.2023</time>' in response.text


def test_publications_show_how_often_each_was_downloaded(
    client, test_kinds, rendered, ivanovo, english
):
    notice = rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    GeneratedDocument.objects.filter(pk=notice.pk).update(downloads=7)

    response = client.get(reverse("campaign:publications"))

    assert "7 downloads" in response.text


def test_a_report_whose_pdf_is_rendered_again_keeps_its_download(
    client, staff, django_capture_on_commit_callbacks
):
    report = published_report(staff, django_capture_on_commit_callbacks)
    document = reports.request_report_pdf(report, user=staff)  # queued: no worker has it yet

    html = client.get(reverse("campaign:publications")).text

    assert document.status == "queued"
    assert document.download_url in html
    assert sha256_of_download(client, document) == document.sha256


# Filters


@pytest.fixture
def library(test_kinds, rendered, ivanovo):
    """Two monitoring notices (dated by their files: this year) and a consultations leaflet of
    2022."""
    rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    rendered(Settlement.objects.get(slug="pirgovo"), NOTICE, "Съобщение за Пиргово")
    rendered(ivanovo, LEAFLET, "Листовка за обсъжданията")


def test_publications_are_filtered_by_activity(client, library):
    response = client.get(reverse("campaign:publications"), {"activity": "consultations"})

    assert listed(response) == ["Листовка за обсъжданията"]


def test_publications_are_filtered_by_kind(client, library):
    response = client.get(reverse("campaign:publications"), {"kind": NOTICE})

    assert sorted(listed(response)) == ["Съобщение за Иваново", "Съобщение за Пиргово"]


def test_publications_are_filtered_by_the_year_they_were_published(client, library):
    response = client.get(reverse("campaign:publications"), {"year": "2022"})

    assert listed(response) == ["Листовка за обсъжданията"]


def test_each_filter_offers_the_values_the_library_holds_with_how_many_each_would_show(
    client, library
):
    response = client.get(reverse("campaign:publications"), {"activity": "monitoring"})

    form = response.context["filter"]
    assert form["activity"].field.choices == [
        ("", "Всички дейности"),
        ("monitoring", "Граждански мониторинг (2)"),
        ("consultations", "Обществени обсъждания (1)"),
    ]
    # Beside the activity chosen: the leaflet of 2022 is not among them.
    assert ("2022", "2022 (0)") in form["year"].field.choices
    assert (NOTICE, "Съобщение (2)") in form["kind"].field.choices
    assert (LEAFLET, "Листовка (0)") in form["kind"].field.choices
    assert "Граждански мониторинг (2)" in response.text


def test_a_filter_value_the_library_does_not_hold_is_refused_and_the_others_still_filter(
    client, library
):
    response = client.get(
        reverse("campaign:publications"), {"activity": "weather", "kind": LEAFLET}
    )

    assert response.status_code == 200
    assert response.context["filter"].errors["activity"]
    assert listed(response) == ["Листовка за обсъжданията"]


def test_a_filter_that_matches_nothing_says_so(client, library, english):
    response = client.get(
        reverse("campaign:publications"), {"activity": "consultations", "kind": NOTICE}
    )

    assert listed(response) == []
    assert "No publication matches these filters." in response.text


def test_publications_come_in_pages_that_keep_the_filters(
    client, test_kinds, rendered, monkeypatch
):
    monkeypatch.setattr(publication_views, "PAGE_SIZE", 5)
    for settlement in Settlement.objects.exclude(slug="krasen"):
        rendered(settlement, NOTICE, f"Съобщение за {settlement.name}")
    rendered(settlement, LEAFLET, "Листовка")

    first = client.get(reverse("campaign:publications"), {"kind": NOTICE})
    last = client.get(reverse("campaign:publications"), {"kind": NOTICE, "page": 3})

    assert first.context["page_obj"].paginator.count == 12
    assert len(listed(first)) == 5
    assert "?kind=tests.notice&amp;page=2" in first.text
    assert len(listed(last)) == 2
    assert "Листовка" not in listed(first) + listed(last)


def test_the_list_takes_at_most_ten_queries_for_one_document_or_many(
    client, test_kinds, rendered, ivanovo, django_assert_max_num_queries
):
    rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    with django_assert_max_num_queries(10) as one:
        response = client.get(reverse("campaign:publications"))
    assert response.status_code == 200
    for settlement in Settlement.objects.exclude(slug="krasen").exclude(pk=ivanovo.pk)[:5]:
        rendered(settlement, NOTICE, f"Съобщение за {settlement.name}")
        rendered(settlement, LEAFLET, f"Листовка за {settlement.name}")

    with django_assert_max_num_queries(len(one)):
        response = client.get(reverse("campaign:publications"), {"activity": "monitoring"})

    assert response.status_code == 200
    assert len(listed(response)) == 6


# A publication's page


def test_a_publication_has_a_page_with_everything_about_its_file(
    client, staff, django_capture_on_commit_callbacks, english
):
    report = published_report(staff, django_capture_on_commit_callbacks)
    document = GeneratedDocument.objects.get(object_id=report.pk, kind="surveys.report")
    GeneratedDocument.objects.filter(pk=document.pk).update(downloads=3)

    response = client.get(reverse("campaign:publication", args=[document.pk]))

    assert response.status_code == 200
    html = response.text
    assert '<h1 lang="bg">Анализ 0</h1>' in html
    assert "Analysis report" in html and "Surveys and analyses" in html
    assert f'href="{document.download_url}"' in html
    assert document.sha256 in html
    assert f"{document.pages}</dd>" in html
    assert f"{document.size} bytes" in html
    assert '<dd class="col-sm-8">3</dd>' in html
    assert f'href="{report.get_absolute_url()}"' in html
    assert f"/publications/{document.pk}/</code>" in html


def test_a_publications_address_stays_when_its_file_is_made_again(
    client, test_kinds, rendered, ivanovo
):
    notice = rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    address = page_of(notice)
    first = client.get(address)
    Settlement.objects.filter(pk=ivanovo.pk).update(population=2300)
    ivanovo.refresh_from_db()

    again = rendered(ivanovo, NOTICE, "Съобщение за Иваново")

    assert again.pk == notice.pk and again.sha256 != notice.sha256
    assert page_of(again) == address
    second = client.get(address)
    assert second.status_code == 200
    assert notice.sha256 in first.text
    assert again.sha256 in second.text and notice.sha256 not in second.text


def test_a_document_that_is_no_public_publication_has_no_page(
    client, test_kinds, rendered, ivanovo, staff, django_capture_on_commit_callbacks
):
    hidden = rendered(Settlement.objects.get(slug="krasen"), NOTICE, "Съобщение за Красен")
    memo = rendered(ivanovo, MEMO, "Бележка за Иваново")
    draft = reports.create_report(user=staff, questionnaires=[], title="Чернова", slug="chernova")
    with django_capture_on_commit_callbacks(execute=True):
        of_a_draft = reports.request_report_pdf(draft, user=staff)
    not_yet_made = request_document(ivanovo, LEAFLET, title="Листовка")  # queued, no file

    for document in (hidden, memo, of_a_draft, not_yet_made):
        assert client.get(page_of(document)).status_code == 404
    assert client.get(reverse("campaign:publication", args=[987654])).status_code == 404


@pytest.mark.parametrize("persona", [None, "resident", "staff", "official"])
def test_anyone_reads_the_library_and_a_publications_page(
    client, request, test_kinds, rendered, ivanovo, persona
):
    notice = rendered(ivanovo, NOTICE, "Съобщение за Иваново")
    if persona:
        client.force_login(request.getfixturevalue(persona))

    assert client.get(reverse("campaign:publications")).status_code == 200
    assert client.get(page_of(notice)).status_code == 200
