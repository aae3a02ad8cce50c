"""Forms of the analysis reports' back office. Field names are the services' argument names, so a
refusal from a service lands beside the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ..kinds import kind_of
from ..models import AnalysisReport, Questionnaire
from ..selectors import questions_for


class ReportForm(forms.ModelForm):
    """The report's texts and questionnaires; its address is made from the title, never typed
    (``services.reports.report_slug``)."""

    class Meta:
        model = AnalysisReport
        fields = [
            "title",
            "questionnaires",
            "introduction",
            "methodology_note",
            "conclusions",
        ]
        widgets = {
            "questionnaires": forms.CheckboxSelectMultiple,
            "introduction": forms.Textarea(attrs={"rows": 6}),
            "methodology_note": forms.Textarea(attrs={"rows": 3}),
            "conclusions": forms.Textarea(attrs={"rows": 6}),
        }
        help_texts = {
            "questionnaires": _(
                "The methodology (sample sizes, period, channels) is computed from their responses."
            ),
        }
        error_messages = {
            "questionnaires": {"required": _("Choose at least one questionnaire.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaires"].queryset = Questionnaire.objects.public().order_by("title")


class ItemAddForm(forms.Form):
    question = forms.ModelChoiceField(
        label=_("Question"),
        queryset=None,
        empty_label=_("— choose a question —"),
        error_messages={
            "required": _("Choose a question."),
            "invalid_choice": _("Choose a question of the report's questionnaires."),
        },
    )
    commentary = forms.CharField(
        label=_("Commentary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )

    def __init__(self, report, *args, **kwargs):
        super().__init__(*args, **kwargs)
        question = self.fields["question"]
        question.queryset = questions_for(report)
        question.label_from_instance = lambda q: (
            f"{q.section.questionnaire.title} — {q.code}. {q.text}"
        )


class ItemForm(forms.Form):
    """The staff's words on a question of the report; on an open question, a summary of the
    answers too, which the report shows instead of them."""

    commentary = forms.CharField(
        label=_("Commentary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    answers_summary = forms.CharField(
        label=_("Summary of the answers"),
        required=False,
        help_text=_(
            "What respondents wrote is never published, as it may name people: the report shows "
            "this summary instead. Write what was said and how often, without names."
        ),
        widget=forms.Textarea(attrs={"rows": 5}),
    )

    def __init__(self, *args, question, **kwargs):
        super().__init__(*args, **kwargs)
        if not kind_of(question).text:
            del self.fields["answers_summary"]
