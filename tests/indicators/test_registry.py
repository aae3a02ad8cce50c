from ivanovo_portal.indicators.registry import value
from ivanovo_portal.indicators.selectors import figures_for, progress_by_activity
from ivanovo_portal.project import Activity


def test_a_figure_nobody_provides_counts_as_zero(figures):
    assert value("survey_respondents") == 0


def test_a_registered_figure_is_computed_live(figures):
    answers = [1, 2, 3]
    figures.register("survey_respondents", lambda: len(answers))

    assert value("survey_respondents") == 3
    answers.append(4)
    assert value("survey_respondents") == 4


def test_progress_compares_figures_with_targets(db, figures):
    figures.register("survey_respondents", lambda: 55)
    figures.register("survey_questionnaire_types", lambda: 3)
    progress = {item.key: item for item in figures_for(Activity.SURVEYS)}

    respondents = progress["survey_respondents"]
    assert (respondents.actual, respondents.target, respondents.percent) == (55, 110, 50)
    assert not respondents.met
    types = progress["survey_questionnaire_types"]
    assert types.met
    assert types.percent == 150
    assert types.bar_value == 2


def test_figures_for_an_activity_list_only_its_targets_in_order(db, figures):
    keys = [item.key for item in figures_for(Activity.TOOLKIT)]
    assert keys == ["toolkit_published", "toolkit_presented"]


def test_progress_lists_the_five_activities_then_the_register(db, figures):
    sections = progress_by_activity()
    assert [section.activity for section in sections] == [*Activity, None]
    assert [item.key for item in sections[-1].items] == ["recommendations_filed"]
