"""Paper fieldwork sheets: the PDF per round and settlement from the documents pipeline, and a
coordinator typing a filled-in sheet in, all of it or nothing."""

import io
import re
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ivanovo_portal.audit.models import Entry
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.refusals import Refused
from monitoring.models import Channel, Criterion, Observation, Round, Sheet
from monitoring.services.observations import save_draft
from monitoring.services.sheets import SheetEntry, type_in_sheet
from monitoring.sheets import SHEET_KIND, criterion_url, render_sheet_pdf, sheet_for
from tests.documents.test_pdf_ua import EMBLEM, declares_pdf_ua_1, figure_texts

Status = Observation.Status


def pdf_text(pdf):
    return " ".join(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages).split()
    )


@pytest.fixture
def current(round_):
    today = timezone.localdate()
    Round.objects.filter(pk=round_.pk).update(
        period_start=today - timedelta(days=60), period_end=today + timedelta(days=30)
    )
    round_.refresh_from_db()
    return round_


def criteria(round_):
    return {c.code: c for c in Criterion.objects.filter(area__version=round_.version)}


def test_the_sheet_has_each_criterion_scored_there_with_its_scale(current, village):
    text = pdf_text(render_sheet_pdf(sheet_for(current, village)))

    for code in ("T2", "P1", "P2"):
        assert f"{code}. Въпрос {code}?" in text
    # T1 is scored for the administration only.
    assert "T1." not in text
    assert "Изпълнено е изцяло и в срок." in text
    assert current.title in text and village.name in text
    assert "Европейски съюз" in text
    assert "страница 1 от" in text


def test_the_sheet_of_the_administration_has_its_own_criteria(current, centre):
    text = pdf_text(render_sheet_pdf(sheet_for(current, centre)))
    assert "T1. Въпрос T1?" in text
    assert "P1." not in text


def test_the_sheet_is_tagged_and_every_qr_code_has_a_text_alternative(current, village):
    reader = PdfReader(io.BytesIO(render_sheet_pdf(sheet_for(current, village))))

    assert reader.trailer["/Root"]["/Lang"] == "bg"
    assert current.title in reader.metadata.title
    assert declares_pdf_ua_1(reader)
    emblem, *codes = figure_texts(reader)
    assert emblem == EMBLEM
    # One QR code per criterion scored in a village: T2, P1 and P2.
    assert [re.search(r"\b[TP]\d\b", text).group() for text in codes] == ["T2", "P1", "P2"]


def test_the_qr_code_opens_the_criterion_page(current, settings):
    settings.PORTAL_URL = "https://portal.example"
    url = criterion_url(current, criteria(current)["P2"])
    assert url == f"https://portal.example/monitoring/work/{current.slug}/criteria/P2/"


def test_one_sheet_row_per_round_and_settlement(current, village):
    assert sheet_for(current, village) == sheet_for(current, village)
    assert Sheet.objects.count() == 1


def test_the_coordinator_prepares_a_sheet_and_sees_its_status(
    client, current, staff, village, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("monitoring:sheet_pdf", args=[current.slug, village.slug]))
    assert response.status_code == 302

    document = GeneratedDocument.objects.get(
        kind=SHEET_KIND, content_type=ContentType.objects.get_for_model(Sheet)
    )
    assert document.status == GeneratedDocument.Status.READY, document.error
    page = client.get(reverse("monitoring:sheet_list", args=[current.slug]))
    assert document.download_url in page.content.decode()


@pytest.mark.parametrize(
    "persona, expected",
    [("staff", 200), ("monitor", 403), ("official", 403), ("resident", 403), ("outsider", 403)],
)
def test_only_coordinators_open_the_sheets(client, current, village, persona, expected, request):
    client.force_login(request.getfixturevalue(persona))
    for url in (
        reverse("monitoring:sheet_list", args=[current.slug]),
        reverse("monitoring:sheet_entry", args=[current.slug, village.slug]),
    ):
        assert client.get(url).status_code == expected, url


def test_sheet_list_queries_do_not_grow_with_the_sheets(
    client, current, staff, django_assert_max_num_queries
):
    from ivanovo_portal.places.models import Settlement

    for settlement in Settlement.objects.all():
        sheet_for(current, settlement)
    client.force_login(staff)
    with django_assert_max_num_queries(12):
        client.get(reverse("monitoring:sheet_list", args=[current.slug]))


# Typing a sheet in


def entries(round_, **by_code):
    found = criteria(round_)
    return [SheetEntry(criterion=found[code], **fields) for code, fields in by_code.items()]


def test_a_sheet_typed_in_becomes_the_monitors_submitted_observations(
    current, staff, monitor, village
):
    today = timezone.localdate()
    sheet = type_in_sheet(
        current,
        settlement=village,
        monitor=monitor,
        user=staff,
        entries=entries(
            current,
            P1={"observed_on": today, "finding": "Табло няма.", "score": 0},
            P2={"observed_on": today, "finding": "Обява има.", "score": 2},
            T2={},
        ),
    )

    observations = Observation.objects.order_by("criterion__code")
    assert [(o.criterion.code, o.score) for o in observations] == [("P1", 0), ("P2", 2)]
    for observation in observations:
        assert (observation.monitor, observation.entered_by) == (monitor, staff)
        assert (observation.channel, observation.status) == (Channel.PAPER, Status.SUBMITTED)
    assert (sheet.typed_in_by, sheet.settlement) == (staff, village)
    assert sheet.typed_in_at is not None
    assert Entry.objects.filter(action="monitoring.observation_submitted").count() == 2


@pytest.mark.parametrize(
    "p2, field",
    [
        ({"score": 5}, "score"),
        ({"observed_on": "outside"}, "observed_on"),
        ({"finding": ""}, "finding"),
        ({"not_applicable": True, "score": None}, "not_applicable"),
    ],
)
def test_one_wrong_entry_saves_nothing_of_the_sheet(current, staff, monitor, village, p2, field):
    today = timezone.localdate()
    if p2.get("observed_on") == "outside":
        p2["observed_on"] = current.period_start - timedelta(days=1)
    good = {"observed_on": today, "finding": "Обява има.", "score": 2}
    found = criteria(current)
    with pytest.raises(Refused) as refusal:
        type_in_sheet(
            current,
            settlement=village,
            monitor=monitor,
            user=staff,
            entries=entries(
                current,
                P1={"observed_on": today, "finding": "Табло няма.", "score": 0},
                P2={**good, **p2},
            ),
        )
    assert refusal.value.field == f"{field}_{found['P2'].pk}"
    assert not Observation.objects.exists()
    assert not Sheet.objects.filter(typed_in_at__isnull=False).exists()


def test_a_cell_another_monitor_recorded_is_not_typed_over(
    current, staff, monitor, monitor2, village
):
    save_draft(current, criterion=criteria(current)["P2"], settlement=village, user=monitor2)
    today = timezone.localdate()
    with pytest.raises(Refused):
        type_in_sheet(
            current,
            settlement=village,
            monitor=monitor,
            user=staff,
            entries=entries(current, P2={"observed_on": today, "finding": "Х", "score": 1}),
        )
    assert Observation.objects.get().monitor == monitor2


def test_a_monitor_does_not_type_in_sheets(current, monitor, village):
    today = timezone.localdate()
    with pytest.raises(Refused):
        type_in_sheet(
            current,
            settlement=village,
            monitor=monitor,
            user=monitor,
            entries=entries(current, P2={"observed_on": today, "finding": "Х", "score": 1}),
        )
    assert not Observation.objects.exists()


def test_the_entry_page_shows_a_refusal_by_its_field_and_keeps_what_was_typed(
    client, current, staff, monitor, village
):
    p2 = criteria(current)["P2"]
    client.force_login(staff)
    today = timezone.localdate().isoformat()
    outside = (current.period_start - timedelta(days=5)).isoformat()
    p1 = criteria(current)["P1"]
    response = client.post(
        reverse("monitoring:sheet_entry", args=[current.slug, village.slug]),
        {
            "monitor": monitor.pk,
            f"observed_on_{p1.pk}": today,
            f"finding_{p1.pk}": "Първият остава написан",
            f"score_{p1.pk}": "1",
            f"observed_on_{p2.pk}": outside,
            f"finding_{p2.pk}": "Вторият",
            f"score_{p2.pk}": "2",
        },
    )

    assert response.status_code == 200
    assert response.context["form"].errors[f"observed_on_{p2.pk}"]
    assert "Първият остава написан" in response.content.decode()
    assert not Observation.objects.exists()


def test_the_entry_page_saves_the_sheet(client, current, staff, monitor, village):
    p2 = criteria(current)["P2"]
    client.force_login(staff)
    response = client.post(
        reverse("monitoring:sheet_entry", args=[current.slug, village.slug]),
        {
            "monitor": monitor.pk,
            f"observed_on_{p2.pk}": timezone.localdate().isoformat(),
            f"finding_{p2.pk}": "Обява има.",
            f"score_{p2.pk}": "2",
        },
    )
    assert response.status_code == 302
    observation = Observation.objects.get()
    assert (observation.channel, observation.score, observation.monitor) == (
        Channel.PAPER,
        2,
        monitor,
    )
