"""Issue 10's acceptance, as the people do it through the portal's pages: a monitor on a phone
records an observation with a photo and a link, saves a draft and submits it; a second monitor
scores it blind; the coordinator reconciles; an official replies; staff publish; the public
scorecard and the report PDF show it, and the report's recommendation is in the register."""

import io
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from PIL import Image
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.recommendations.models import Recommendation
from monitoring.models import Evidence, Observation, Round
from monitoring.pdf import REPORT_KIND

PHONE = {"HTTP_USER_AGENT": "Mozilla/5.0 (Linux; Android 14; Pixel 7) Mobile"}
FINDING = "На сайта на кметството няма обявено приемно време; табелото на входа е празно."
REPLY = "Приемното време е обявено на 12 ноември на таблото и на сайта."
RECOMMENDATION = "Приемно време на всяко кметство"


@pytest.fixture(autouse=True)
def capture_from_the_test_site(settings, tmp_path):
    settings.MONITORING_CAPTURE_HOSTS = ["127.0.0.1"]
    settings.MEDIA_ROOT = tmp_path


def photo():
    data = io.BytesIO()
    Image.new("RGB", (64, 48), "#2b83ba").save(data, "JPEG")
    data.seek(0)
    data.name = "tabelo.jpg"
    return data


def done(response):
    """A form the portal took: it answers by sending the person on."""
    assert response.status_code == 302, response.content.decode()
    return response


def test_from_the_field_to_the_public_scorecard_and_the_report(
    client,
    django_capture_on_commit_callbacks,
    site,
    round_,
    monitor,
    monitor2,
    staff,
    official,
    village,
):
    cell = [round_.slug, village.slug, "P2"]
    monitor.last_name = "Стоянов"
    monitor.save()

    # The monitor, on a phone: a draft, a photo, a link, then submitted.
    client.force_login(monitor)
    assert client.get(reverse("monitoring:observation", args=cell), **PHONE).status_code == 200
    draft = {"observed_on": round_.period_end.isoformat()}
    draft |= {"finding": FINDING, "score": "0"}
    done(client.post(reverse("monitoring:observation", args=cell), draft, **PHONE))
    observation = Observation.objects.get(round=round_, settlement=village, monitor=monitor)
    assert observation.status == Observation.Status.DRAFT
    done(
        client.post(
            reverse("monitoring:evidence_add", args=cell),
            {"kind": "file", "file-file": photo(), "file-description": "Празното табло"},
            **PHONE,
        )
    )
    with django_capture_on_commit_callbacks(execute=True):  # the page is captured
        done(
            client.post(
                reverse("monitoring:evidence_add", args=cell),
                {"kind": "link", "link-url": f"{site}/page", "link-description": "Сайтът"},
                **PHONE,
            )
        )
    done(client.post(reverse("monitoring:observation_submit", args=cell), draft, **PHONE))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.SUBMITTED
    link = observation.evidence.get(kind=Evidence.Kind.LINK)
    assert link.capture == Evidence.Capture.CAPTURED and len(link.sha256) == 64

    # The second monitor, blind.
    client.force_login(monitor2)
    second = reverse("monitoring:second_score", args=[round_.slug, observation.pk])
    page = client.get(second).content.decode()
    assert FINDING in page and "Стоянов" not in page
    done(client.post(second, {"score": "1", "note": "Има телефон за връзка."}))
    observation.refresh_from_db()
    assert observation.status == Observation.Status.DISPUTED

    # The coordinator reconciles, makes the photo public and takes the round to the reply.
    client.force_login(staff)
    done(
        client.post(
            reverse("monitoring:reconcile", args=[round_.slug, observation.pk]),
            {"score": "0", "reason": "Телефонът не е приемно време."},
        )
    )
    observation.refresh_from_db()
    assert (observation.status, observation.final_score) == (Observation.Status.VERIFIED, 0)
    picture = observation.evidence.get(kind=Evidence.Kind.FILE)
    done(client.post(reverse("monitoring:evidence_publish", args=[picture.pk]), {"is_public": "1"}))
    step = reverse("monitoring:round_step", args=[round_.slug])
    done(client.post(step, {"status": Round.Status.FIELDWORK}))
    deadline = timezone.localdate() + timedelta(days=14)
    done(client.post(step, {"status": Round.Status.VERIFICATION, "deadline": deadline}))
    round_.refresh_from_db()
    assert round_.status == Round.Status.REPLY

    # The official replies.
    client.force_login(official)
    done(
        client.post(
            reverse("monitoring:reply", args=[round_.slug, observation.pk]), {"text": REPLY}
        )
    )

    # Staff publish the round, then the report with its recommendation.
    client.force_login(staff)
    done(client.post(step, {"status": Round.Status.REPLY}))
    round_.refresh_from_db()
    assert round_.status == Round.Status.PUBLISHED
    done(
        client.post(
            reverse("monitoring:report_create", args=[round_.slug]),
            {"title": "Доклад от наблюдението 2026", "summary": "Приемното време липсва."},
        )
    )
    report = round_.report
    done(
        client.post(
            reverse("monitoring:report_recommendation_list", args=[report.slug]),
            {
                "title": RECOMMENDATION,
                "text": "Всяко кметство да обяви приемното си време на сайта и на таблото.",
                "rationale": "Наблюдението установи, че то липсва.",
                "settlements": [village.pk],
            },
        )
    )
    recommendation = Recommendation.objects.get(title=RECOMMENDATION)
    done(
        client.post(
            reverse(
                "monitoring:report_recommendation_approve", args=[report.slug, recommendation.pk]
            )
        )
    )
    with django_capture_on_commit_callbacks(execute=True):  # the PDF is rendered
        done(client.post(reverse("monitoring:report_publish", args=[report.slug])))

    # The public sees it all.
    client.logout()
    scorecard = client.get(reverse("monitoring:scorecard", args=[round_.slug]), **PHONE)
    assert scorecard.status_code == 200
    finding = client.get(reverse("monitoring:finding", args=[round_.slug, village.slug, "P2"]))
    html = finding.content.decode()
    assert FINDING in html and REPLY in html
    assert reverse("monitoring:evidence_file", args=[picture.pk]) in html
    assert reverse("monitoring:evidence_file", args=[link.pk]) not in html  # not made public
    assert client.get(reverse("monitoring:evidence_file", args=[picture.pk])).status_code == 200
    private = client.get(reverse("monitoring:evidence_file", args=[link.pk]))
    assert private.status_code == 302 and private.url.startswith(reverse("accounts:login"))
    assert RECOMMENDATION in client.get(reverse("recommendations:list")).content.decode()
    document = GeneratedDocument.objects.get(kind=REPORT_KIND, object_id=report.pk)
    assert document.status == GeneratedDocument.Status.READY
    with document.file.open("rb") as pdf:
        text = " ".join(page.extract_text() for page in PdfReader(pdf).pages)
    text = " ".join(text.split())
    assert "Доклад от наблюдението 2026" in text
    assert REPLY in text
    assert RECOMMENDATION in text
