"""The analysis report PDF for 30 questions over 100,000 responses.

``render_report_pdf`` (what the documents worker calls) on a published report that shows all 30
questions of the benchmark questionnaire (``bench.survey_data``), each with its chart, data table
and a commentary, after the methodology tables and with three recommendations: the median wall
time of a few renders, after one warm-up render (a worker keeps WeasyPrint's decoded fonts between
documents, so the first render of a process is not what users wait for).

Publishing counts the report's figures once and keeps them (a published report does not change
when answers come later), so the published PDF is all rendering. Beside it, for the whole picture:
how long publishing takes (the counting over 100,000 responses), and the PDF of the same report as
a draft, which counts afresh at every render.
"""

import bench
from bench import survey_data

REPEAT = 3
MAX_SECONDS = 5

COMMENTARY = (
    "Отговорите показват ясна разлика между селата и административния център. "
    "По-възрастните жители отговарят по-често на хартия, а младите — онлайн."
)


def create_report(questionnaire):
    """A draft report on ``questionnaire`` that shows every one of its questions."""
    from ivanovo_portal.recommendations import services as register_services
    from surveys.models import Question
    from surveys.services import reports

    report = reports.create_report(
        user=None,
        questionnaires=[questionnaire],
        title="Бенчмарк: анализ на мненията на гражданите",
        slug=f"bench-report-{questionnaire.pk}",
        introduction="Въведение към анализа. " * 20,
        methodology_note="Бележка за метода. " * 10,
        conclusions="Изводи от проучването. " * 20,
    )
    for question in Question.objects.filter(section__questionnaire=questionnaire):
        reports.add_item(report, question=question, commentary=COMMENTARY, user=None)
    for number in range(1, 4):
        register_services.create_recommendation(
            source=report,
            user=None,
            title=f"Препоръка {number}: по-ранно обявяване на обсъжданията",
            text="Обсъжданията да се обявяват 14 дни предварително и в кметствата. " * 3,
            rationale="Повечето жители научават за решенията от кмета. " * 3,
        )
    return report


def run():
    bench.setup()
    from surveys import pdf
    from surveys.services import reports

    questionnaire = survey_data.questionnaire_with_responses()
    report = create_report(questionnaire)
    bench.log(f"publishing x {REPEAT} (counting the figures it keeps)")
    publish_ms = bench.timed_median(lambda: reports.publish(report, user=None), REPEAT)
    items = report.items.count()
    bench.log(f"rendering the published report's PDF with {items} questions, 1 + {REPEAT} times")
    rendered = pdf.render_report_pdf(report)
    bench.log(f"the PDF has {len(rendered) // 1024} KB")
    seconds = bench.timed_median(lambda: pdf.render_report_pdf(report), REPEAT) / 1000
    reports.unpublish(report, user=None)
    bench.log(f"rendering it as a draft x {REPEAT}")
    draft = bench.timed_median(lambda: pdf.render_report_pdf(report), REPEAT) / 1000
    return {
        "surveys_report.pdf_30_questions_s": bench.at_most(seconds, "s", MAX_SECONDS),
        "surveys_report.publish_s": bench.figure(publish_ms / 1000, "s", "informative", True),
        "surveys_report.draft_pdf_30_questions_s": bench.figure(draft, "s", "informative", True),
    }
