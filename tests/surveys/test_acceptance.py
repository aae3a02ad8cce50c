"""The surveys area's acceptance path, through the screens as people use them: staff build a
questionnaire with every type of question and a condition and open it; a resident answers it on
the phone page by page; staff type in a paper form, watch the figures move by settlement, filter
and cross-tabulate, export the XLSX with its codebook, and write an analysis report whose PDF reads
in Bulgarian and whose recommendation enters the register."""

import io
import uuid

import openpyxl
import pytest
from django.urls import reverse
from django.utils import timezone
from pypdf import PdfReader

from ivanovo_portal.documents.models import GeneratedDocument
from ivanovo_portal.places.models import Settlement
from ivanovo_portal.recommendations.models import Recommendation
from surveys.models import AnalysisReport, Question, Questionnaire, Response
from tests.surveys.exporting import exported

pytestmark = pytest.mark.django_db
Kind = Question.Kind

# Each type with the fields its form takes; the yes/no question opens the condition of the last.
QUESTIONS = [
    (Kind.SETTLEMENT, "В кое населено място живеете?", {}),
    (Kind.YES_NO, "Участвали ли сте в обществено обсъждане?", {"widget": "radio"}),
    (Kind.SINGLE, "Откъде научавате новините?", {"options": "Кмета\nСайта", "allow_other": "on"}),
    (Kind.MULTIPLE, "Кои проблеми са най-важни?", {"options": "roads | Пътищата\nwater | Водата"}),
    (Kind.SCALE, "Как оценявате общината?", {"options": "Лошо\nСредно\nДобре"}),
    (Kind.MATRIX, "Оценете услугите:", {"options": "Лошо\nДобре", "rows": "Справки\nПаспорти"}),
    (Kind.NUMBER, "На колко години сте?", {"min_value": "18", "max_value": "110"}),
    (Kind.DATE, "Кога бяхте в общината?", {}),
    (Kind.SHORT_TEXT, "Едно предложение:", {}),
    (Kind.LONG_TEXT, "Как участвахте?", {}),
]


def url(name, *args):
    return reverse(f"surveys:{name}", args=args)


def build(client):
    """The questionnaire as staff put it together on the builder's screens."""
    client.post(
        url("questionnaire_create"),
        {"title": "Гражданите и общината", "target_group": "citizens_ngos"},
    )
    questionnaire = Questionnaire.objects.get(slug="grazhdanite-i-obshtinata")
    for title in ("За Вас", "За общината"):
        client.post(url("section_add", "grazhdanite-i-obshtinata"), {"title": title})
    first, second = questionnaire.sections.all()
    for index, (kind, text, fields) in enumerate(QUESTIONS):
        section = first if index < 2 else second
        client.post(
            f"{url('question_add', 'grazhdanite-i-obshtinata')}?kind={kind}&section={section.pk}",
            {"kind": kind, "section": section.pk, "text": text, "required": "on", **fields},
        )
    questions = {q.kind: q for q in Question.objects.filter(section__questionnaire=questionnaire)}
    assert len(questions) == len(QUESTIONS)

    # The long text is asked only of those who took part in a discussion.
    took_part, asked = questions[Kind.YES_NO], questions[Kind.LONG_TEXT]
    client.post(
        url("question_edit", "grazhdanite-i-obshtinata", asked.pk),
        {
            "kind": asked.kind,
            "section": asked.section_id,
            "code": asked.code,
            "text": asked.text,
            "required": "on",
            "condition_question": took_part.pk,
            "condition_choices": [took_part.choices.get(code="yes").pk],
        },
    )
    assert Question.objects.get(pk=asked.pk).condition_question == took_part
    client.post(url("open", "grazhdanite-i-obshtinata"), {})
    questionnaire.refresh_from_db()
    assert questionnaire.is_open
    return questionnaire, questions


def answers(questions, *, place, took_part, scale):
    """What a respondent gives: ``place`` a settlement's slug, ``took_part`` "yes" or "no"."""
    matrix = questions[Kind.MATRIX]

    def choice(kind, position=0):
        return str(questions[kind].choices.all()[position].code)

    return {
        f"q{questions[Kind.SETTLEMENT].pk}": str(Settlement.objects.get(slug=place).pk),
        f"q{questions[Kind.YES_NO].pk}": took_part,
        f"q{questions[Kind.SINGLE].pk}": choice(Kind.SINGLE),
        f"q{questions[Kind.MULTIPLE].pk}": ["roads", "water"],
        f"q{questions[Kind.SCALE].pk}": choice(Kind.SCALE, scale),
        **{f"q{matrix.pk}_{row.pk}": choice(Kind.MATRIX, 1) for row in matrix.rows.all()},
        f"q{questions[Kind.NUMBER].pk}": "67",
        f"q{questions[Kind.DATE].pk}": "2023-03-01",
        f"q{questions[Kind.SHORT_TEXT].pk}": "Автобус до Русе",
        f"q{questions[Kind.LONG_TEXT].pk}": "На обсъждането на бюджета.",
    }


def answer_online(client, questionnaire, given):
    """A resident answers page by page; the empty first send shows messages, not an error."""
    start = client.get(url("answer", questionnaire.slug))
    first_page = start.url
    empty = client.post(first_page, {})
    assert empty.status_code == 200
    assert "Моля, отговорете на този въпрос." in empty.content.decode()
    client.post(first_page, {"consent": "on", **given}, follow=True)
    last = client.post(url("answer", questionnaire.slug, 2), given, follow=True)
    assert last.redirect_chain[-1][0] == url("thanks", questionnaire.slug)


def test_a_questionnaire_goes_from_the_builder_to_a_filed_report(
    client, staff, resident, settings, tmp_path, django_capture_on_commit_callbacks
):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(staff)
    questionnaire, questions = build(client)

    # A resident answers on the phone, and took part in a discussion.
    client.logout()
    answer_online(
        client, questionnaire, answers(questions, place="krasen", took_part="yes", scale=2)
    )

    # Staff type in a paper form from Мечка, whose author took no part yet wrote about it: they
    # are asked to check the form, and keep that answer with it, uncounted.
    client.force_login(staff)
    paper = answers(questions, place="mechka", took_part="no", scale=0)
    typed = {
        "submission_key": str(uuid.uuid4()),
        "form_number": "1",
        "filled_on": timezone.localdate().isoformat(),
        "channel": "paper",
        **paper,
    }
    checked = client.post(url("entry", questionnaire.slug), typed)
    assert checked.context["outside"] and Response.objects.count() == 1  # the online one
    saved = client.post(url("entry", questionnaire.slug), {**typed, "keep_outside": "on"})
    assert saved.status_code == 302
    online, on_paper = Response.objects.order_by("channel")
    assert (online.channel, online.settlement.slug, online.entered_by) == ("online", "krasen", None)
    assert (on_paper.channel, on_paper.settlement.slug) == ("paper", "mechka")
    assert not on_paper.answers.filter(question=questions[Kind.LONG_TEXT]).exists()
    assert on_paper.outside_conditions[0]["answer"] == "На обсъждането на бюджета."

    # The figures move by settlement and group.
    progress = client.get(url("progress")).context["progress"]
    assert progress.total.count == 2
    results_url = url("results", questionnaire.slug)
    results = client.get(results_url).context["results"]
    by_place = {row.code: row.count for row in results.by_settlement}
    assert (by_place["krasen"], by_place["mechka"], by_place["ivanovo"]) == (1, 1, 0)

    # Filtered to paper, and cross-tabulated by those who took part.
    paper_only = client.get(results_url, {"channels": ["paper"]}).context["results"]
    assert paper_only.respondents == 1
    yes = questions[Kind.YES_NO].choices.get(code="yes")
    took_part = client.get(results_url, {"answer": [yes.pk]}).context["results"]
    assert took_part.respondents == 1
    assert took_part[questions[Kind.SCALE].code].row("3").count == 1

    # The XLSX opens with its codebook.
    _download, xlsx = exported(client, questionnaire, "responses.xlsx")
    workbook = openpyxl.load_workbook(io.BytesIO(xlsx))
    assert workbook.sheetnames == ["Отговори", "Кодова книга"]
    assert len(list(workbook["Отговори"].values)) == 3

    # An analysis report: a question, a commentary and a recommendation into the register.
    client.post(
        reverse("surveys:report_create"),
        {"title": "Анализ на мненията", "questionnaires": [questionnaire.pk]},
    )
    client.post(
        reverse("surveys:report_items", args=["analiz-na-mneniyata"]),
        {"add-question": questions[Kind.SCALE].pk, "add-commentary": "Оценките са разделени."},
    )
    client.post(
        reverse("surveys:report_recommendation_list", args=["analiz-na-mneniyata"]),
        {
            "title": "Приемни дни в кметствата",
            "text": "Служител на общината да приема в кметствата веднъж месечно.",
            "rationale": "Половината анкетирани оценяват общината като лоша.",
        },
    )
    recommendation = Recommendation.objects.get()
    assert recommendation.source == AnalysisReport.objects.get(slug="analiz-na-mneniyata")
    client.post(reverse("recommendations:approve", args=[recommendation.pk]))
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("surveys:report_publish", args=["analiz-na-mneniyata"]))

    document = GeneratedDocument.objects.get(kind="surveys.report")
    assert document.is_ready
    with document.file.open("rb") as pdf:
        text = " ".join(" ".join(page.extract_text().split()) for page in PdfReader(pdf).pages)
    for words in (
        "Анализ на мненията",
        "Методология",
        "Как оценявате общината?",
        "Оценките са разделени.",
        "Приемни дни в кметствата",
        "Европейски социален фонд",
        "страница 1 от",
    ):
        assert words in text
    client.logout()
    assert "Приемни дни в кметствата" in client.get(reverse("recommendations:list")).text
