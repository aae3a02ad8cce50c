"""The analysis report PDF for 30 questions over 100,000 responses.

``render_report_pdf`` (what the documents worker calls) on a report that shows all 30 questions of
the benchmark questionnaire (``bench.survey_data``), each with its chart, data table and a
commentary, after the methodology tables and with three recommendations: the median wall time of
a few renders, after one warm-up render (a worker keeps WeasyPrint's decoded fonts between
documents, so the first render of a process is not what users wait for).
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
    """A published report on ``questionnaire`` that shows every one of its questions."""
    from surveys import reports
    from surveys.models import Question

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
        reports.add_recommendation(
            report,
            user=None,
            title=f"Препоръка {number}: по-ранно обявяване на обсъжданията",
            text="Обсъжданията да се обявяват 14 дни предварително и в кметствата. " * 3,
            rationale="Повечето жители научават за решенията от кмета. " * 3,
        )
    reports.publish(report, user=None)
    return report


def run():
    bench.setup()
    from surveys import reports

    questionnaire = survey_data.questionnaire_with_responses()
    report = create_report(questionnaire)
    items = report.items.count()
    bench.log(f"rendering the report PDF with {items} questions, 1 + {REPEAT} times")
    pdf = reports.render_report_pdf(report)
    bench.log(f"the PDF has {len(pdf) // 1024} KB")
    seconds = bench.timed_median(lambda: reports.render_report_pdf(report), REPEAT) / 1000
    # Where the time goes: the figures from the database, and the rest (template and WeasyPrint).
    queries = bench.timed_median(lambda: reports.report_content(report), REPEAT) / 1000
    bench.log(f"of {seconds:.2f} s, {queries:.2f} s go to the figures from the database")
    return {
        "surveys_report.pdf_30_questions_s": bench.at_most(seconds, "s", MAX_SECONDS),
    }
