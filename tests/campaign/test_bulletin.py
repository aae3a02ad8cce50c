"""The village bulletin: what it holds for a settlement, its PDF through the documents pipeline,
rendered again when out of date, and the public page of the 13 settlements."""

import io
import time
from datetime import timedelta

import pytest
from django.contrib.contenttypes.models import ContentType
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext
from pypdf import PdfReader

from campaign import bulletin
from campaign import reach as reach_part
from campaign.models import Article
from campaign.services.reach import refresh_bulletin
from consultations import bulletin as consultations_bulletin
from ivanovo_portal.audit.models import Entry
from ivanovo_portal.audit.registry import actions
from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.documents.pdf import render_pdf
from ivanovo_portal.documents.registry import kinds
from ivanovo_portal.indicators.registry import figures
from ivanovo_portal.meetings.models import Meeting
from ivanovo_portal.places.bulletin import Result, results
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.project import PROJECT
from monitoring import bulletin as monitoring_bulletin
from tests.consultations.conftest import build_consultation
from tests.consultations.statement_data import attend, close, decided, link, proposal
from tests.consultations.test_kit import alt_texts, fragments
from tests.meetings.conftest import build_meeting

pytestmark = pytest.mark.django_db
Status = GeneratedDocument.Status


@pytest.fixture(autouse=True)
def registered(settings, tmp_path):
    """The reach part's registrations as ``CampaignConfig.ready()`` makes them, no results
    provider but the tests', files in a temporary folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    with kinds.override(), figures.override(), actions.override(), results.override(only=True):
        reach_part.register()
        yield


def place(slug):
    return Settlement.objects.get(slug=slug)


def article(slug, *, settlements=(), days_ago=1, **fields):
    published = fields.pop("published_at", timezone.now() - timedelta(days=days_ago))
    made = Article.objects.create(
        title=fields.pop("title", f"Новина {slug}"),
        slug=slug,
        lead=fields.pop("lead", "Накратко за новината."),
        body="Текст.",
        published_at=published,
        **fields,
    )
    made.settlements.set([place(slug) for slug in settlements])
    return made


def in_bulgarian(message):
    with translation.override("bg"):
        return gettext(message)


def pdf_text(pdf):
    return " ".join(
        " ".join(page.extract_text().split()) for page in PdfReader(io.BytesIO(pdf)).pages
    )


@pytest.fixture
def refresh(django_capture_on_commit_callbacks):
    """``refresh_bulletin`` as a request makes it: the render it queues runs once committed."""

    def refreshed(settlement):
        with django_capture_on_commit_callbacks(execute=True):
            return refresh_bulletin(settlement)

    return refreshed


def requests_of(settlement):
    document = bulletin_document(settlement)
    return Entry.objects.filter(
        content_type=ContentType.objects.get_for_model(GeneratedDocument),
        object_id=document.pk,
        action="document.requested",
    ).count()


def bulletin_document(settlement):
    return GeneratedDocument.objects.get(
        kind=bulletin.KIND,
        content_type=ContentType.objects.get_for_model(Settlement),
        object_id=settlement.pk,
    )


# What it holds


def test_the_news_is_the_settlements_and_the_whole_municipalitys_latest():
    article("pirgovo", settlements=["pirgovo"], days_ago=1)
    article("everyone", days_ago=2)
    article("krasen", settlements=["krasen"], days_ago=1)
    article("both", settlements=["krasen", "pirgovo"], days_ago=3)
    article("draft", settlements=["pirgovo"], published_at=None)
    article("scheduled", settlements=["pirgovo"], published_at=timezone.now() + timedelta(1))
    article("older", days_ago=30)

    news = bulletin.latest_news(place("pirgovo"))

    assert [item.slug for item in news] == ["pirgovo", "everyone", "both"]
    assert len(news) == bulletin.NEWS


def test_the_meetings_are_those_coming_in_it_in_the_centre_and_outside():
    build_meeting(slug="here", days=3)
    build_meeting(slug="centre", days=5, settlement=place("ivanovo"))
    build_meeting(slug="ruse", days=9, settlement=None, kind=Meeting.Kind.CONFERENCE)
    build_meeting(slug="elsewhere", days=2, settlement=place("krasen"))
    build_meeting(slug="past", days=-2)
    build_meeting(slug="cancelled", days=4, status=Meeting.Status.CANCELLED)
    build_meeting(slug="draft", days=4, status=Meeting.Status.DRAFT)

    meetings = bulletin.coming_meetings(place("pirgovo"))

    assert [meeting.slug for meeting in meetings] == ["here", "centre", "ruse"]


def test_the_people_from_the_settlement_are_counted_as_the_meetings_publish_them(english):
    held = close(build_meeting(slug="held", days=-3))
    attend(held, "citizens", 9)
    attend(held, "citizens", 2, settlement=place("krasen"))

    pirgovo = bulletin.bulletin(place("pirgovo")).results[0]
    krasen = bulletin.bulletin(place("krasen")).results[0]
    nobody = bulletin.bulletin(place("nisovo")).results[0]

    assert (krasen.value, nobody.value) == ("fewer than 5", "0")
    assert pirgovo.value in {"9", "fewer than 5"}  # 9, unless withholding 2 gives it away


def test_what_the_activities_found_comes_through_the_registry():
    def found(settlement):
        return [Result("Индекс на <кметството>", f"{settlement.position}0 %", "Кръг 2023")]

    with results.override({"tests": found}):
        lines = bulletin.bulletin(place("pirgovo")).results

    assert lines[1] == Result("Индекс на <кметството>", "60 %", "Кръг 2023")


def test_the_consultations_say_what_their_meetings_found_in_the_settlement():
    consultation = build_consultation()
    held = close(build_meeting(slug="held", days=-3))
    link(consultation, held)
    attend(held, "citizens", 7)
    decided(proposal(consultation, settlement=place("pirgovo")))
    proposal(consultation, settlement=place("pirgovo"))

    lines = consultations_bulletin.settlement_results(place("pirgovo"))

    assert [line.value for line in lines] == ["1", "7", "2 / 1"]
    assert consultations_bulletin.settlement_results(place("krasen")) == []


def test_the_monitoring_says_nothing_before_a_round_is_published():
    assert monitoring_bulletin.settlement_results(place("pirgovo")) == []


# The PDF


def test_the_pdf_is_large_print_with_the_eu_block_and_a_qr_code(client):
    article("pirgovo", settlements=["pirgovo"], title="Ремонт на <b>читалището</b> & площада")
    build_meeting(slug="here", days=3)

    pdf = bulletin.render_bulletin_pdf(place("pirgovo"))
    text = pdf_text(pdf)

    title = in_bulgarian("Bulletin of %(name)s") % {"name": "Пиргово"}
    assert title in text
    assert "Ремонт на <b>читалището</b> & площада" in text
    assert "Обществено обсъждане в Пиргово" in text
    assert "Европейски съюз" in text and PROJECT.number in text
    assert bulletin.page_url(place("pirgovo")) in "".join(text.split())
    reader = PdfReader(io.BytesIO(pdf))
    assert reader.trailer["/Root"]["/Lang"] == "bg"
    assert "/StructTreeRoot" in reader.trailer["/Root"]
    assert reader.metadata.title == title
    assert len(alt_texts(pdf)) >= 2  # the EU emblem and the QR code, each with its text
    # What every PDF repeats in its margins keeps its size; all the rest is large print.
    margins = {text for _, text in fragments(render_pdf("documents/pdf/base.html", {}))}
    body = [size for size, text in fragments(pdf) if text not in margins and not text.isdigit()]
    assert min(body) >= 14


def test_a_full_bulletin_stays_within_two_pages():
    long_lead = " ".join(["Дълъг увод на новината за жителите на селото."] * 20)
    for n in range(8):
        article(
            f"n{n}",
            title=f"Дълго заглавие на новина номер {n} за селото и общината",
            lead=long_lead,
        )
    for n in range(8):
        build_meeting(slug=f"m{n}", days=n + 1, title=f"Обществено обсъждане номер {n} на плана")

    def many(settlement):
        return [Result(f"Показател {n} за населеното място", "100", "Кръг 2023") for n in range(12)]

    with results.override({"tests": many}):
        pdf = bulletin.render_bulletin_pdf(place("pirgovo"))

    assert len(PdfReader(io.BytesIO(pdf)).pages) <= 2


# Rendered when out of date


def test_the_bulletin_page_renders_the_pdf_and_offers_it(
    client, django_capture_on_commit_callbacks
):
    article("pirgovo", settlements=["pirgovo"])

    with django_capture_on_commit_callbacks(execute=True):
        client.get(reverse("campaign:bulletin", args=["pirgovo"]))
    response = client.get(reverse("campaign:bulletin", args=["pirgovo"]))

    assert response.status_code == 200
    document = bulletin_document(place("pirgovo"))
    assert document.status == Status.READY and document.is_public
    assert document.download_url in response.content.decode()
    assert client.get(document.download_url).status_code == 200


def test_a_bulletin_up_to_date_is_not_rendered_again(refresh):
    settlement = place("pirgovo")
    refresh(settlement)
    refresh(settlement)

    assert requests_of(settlement) == 1


def test_news_about_the_settlement_makes_it_out_of_date_but_not_news_elsewhere(refresh):
    settlement = place("pirgovo")
    refresh(settlement)

    article("krasen", settlements=["krasen"], days_ago=0)
    refresh(settlement)
    assert requests_of(settlement) == 1

    article("pirgovo", settlements=["pirgovo"], days_ago=0)
    refresh(settlement)
    assert requests_of(settlement) == 2


def test_a_meeting_changed_makes_it_out_of_date(refresh):
    settlement = place("pirgovo")
    meeting = build_meeting(slug="here", days=3)
    refresh(settlement)

    meeting.status = Meeting.Status.POSTPONED
    meeting.save()
    refresh(settlement)

    assert requests_of(settlement) == 2


def test_a_bulletin_of_yesterday_is_rendered_again(refresh):
    settlement = place("pirgovo")
    document = refresh(settlement)
    GeneratedDocument.objects.filter(pk=document.pk).update(
        started_at=timezone.now() - timedelta(days=1)
    )

    refresh(settlement)

    assert requests_of(settlement) == 2


def test_a_render_under_way_is_left_to_finish(refresh):
    settlement = place("pirgovo")
    document = refresh(settlement)
    GeneratedDocument.objects.filter(pk=document.pk).update(status=Status.QUEUED)
    article("pirgovo", settlements=["pirgovo"], days_ago=0)

    refresh(settlement)

    assert requests_of(settlement) == 1


# The page of the 13


def test_the_bulletins_page_lists_the_13_settlements_in_few_queries(
    client, refresh, django_assert_max_num_queries
):
    refresh(place("pirgovo"))

    with django_assert_max_num_queries(20):
        response = client.get(reverse("campaign:bulletins"))

    page = response.content.decode()
    for settlement in Settlement.objects.all():
        assert reverse("campaign:bulletin", args=[settlement.slug]) in page
    assert bulletin_document(place("pirgovo")).download_url in page
    assert len(response.context["listed"]) == 13


def test_an_unknown_settlement_has_no_bulletin(client):
    assert client.get(reverse("campaign:bulletin", args=["no-such-village"])).status_code == 404
    assert not GeneratedDocument.objects.exists()


# Through a real worker


@pytest.mark.worker
def test_a_worker_renders_the_bulletin_and_the_kept_page_offers_it_at_once(client, celery_worker):
    article("pirgovo", settlements=["pirgovo"], title="Новината на Пиргово")
    url = reverse("campaign:bulletin", args=["pirgovo"])

    client.get(url)  # queues the render: a page that writes is not kept
    client.get(url)  # finds it queued or rendering: kept in the page cache

    document = bulletin_document(place("pirgovo"))
    deadline = timezone.now() + timedelta(seconds=60)
    while document.status not in {Status.READY, Status.FAILED} and timezone.now() < deadline:
        time.sleep(0.1)
        document.refresh_from_db()
    assert document.status == Status.READY, f"{document.error}\n{celery_worker.log()}"
    with document.file.open("rb") as pdf:
        assert "Новината на Пиргово" in pdf_text(pdf.read())
    # The worker's writes, committed in its own process, retired the kept page.
    assert document.download_url in client.get(url).content.decode()
