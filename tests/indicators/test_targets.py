import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from ivanovo_portal.indicators.models import Target
from ivanovo_portal.project import Activity
from tests.conftest import make_user

DESIGN_TARGETS = {
    "survey_questionnaire_types": (Activity.SURVEYS, 2),
    "survey_respondents": (Activity.SURVEYS, 110),
    "survey_target_groups": (Activity.SURVEYS, 2),
    "survey_report_citizens": (Activity.SURVEYS, 1),
    "survey_report_business": (Activity.SURVEYS, 1),
    "survey_recommendations_filed": (Activity.SURVEYS, 2),
    "monitoring_rounds_completed": (Activity.MONITORING, 1),
    "monitoring_reports_published": (Activity.MONITORING, 1),
    "monitoring_recommendations_disseminated": (Activity.MONITORING, 1),
    "toolkit_published": (Activity.TOOLKIT, 1),
    "toolkit_presented": (Activity.TOOLKIT, 1),
    "consultations_held": (Activity.CONSULTATIONS, 13),
    "consultations_settlements": (Activity.CONSULTATIONS, 13),
    "consultation_participants": (Activity.CONSULTATIONS, 65),
    "consultation_recommendations_filed": (Activity.CONSULTATIONS, 2),
    "campaign_carried_out": (Activity.CAMPAIGN, 13),
    "campaign_round_table": (Activity.CAMPAIGN, 1),
    "campaign_conference": (Activity.CAMPAIGN, 1),
    "campaign_publications": (Activity.CAMPAIGN, 4),
    "recommendations_filed": ("", 4),
}


def test_the_design_targets_are_loaded(db):
    loaded = {t.key: (t.activity, t.value) for t in Target.objects.all()}
    assert loaded == DESIGN_TARGETS


def test_every_target_has_a_label_of_its_own(db):
    for target in Target.objects.all():
        assert str(target.label) != target.key


def test_project_staff_may_edit_targets(staff, resident):
    assert staff.has_perm("indicators.change_target")
    assert not resident.has_perm("indicators.change_target")


def test_a_target_with_a_key_of_no_indicator_is_refused_by_its_field(db):
    with pytest.raises(ValidationError) as refused:
        Target(key="no_such_figure", value=1).full_clean()
    assert list(refused.value.message_dict) == ["key"]


def test_the_admin_list_refuses_a_row_that_is_no_target_without_a_server_error(client, db):
    client.force_login(make_user("admin", is_staff=True, is_superuser=True))
    target = Target.objects.first()

    response = client.post(
        reverse("admin:indicators_target_changelist"),
        {
            "form-TOTAL_FORMS": "1",
            "form-INITIAL_FORMS": "1",
            "form-0-id": "²",
            "form-0-value": "3",
            "form-0-position": "1",
            "_save": "Save",
        },
    )

    assert response.status_code == 200
    assert Target.objects.get(pk=target.pk).value == target.value
    assert not Target.objects.filter(key="").exists()
