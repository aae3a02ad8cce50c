"""Forms of the analysis reports' back office. Field names are the services' argument names, so a
refusal from a service lands beside the field it concerns."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ivanovo_portal.recommendations.forms import RecommendationForm

from .models import AnalysisReport, Questionnaire
from .reports import questions_for

# Words that the report pages' own addresses use after "reports/".
RESERVED_SLUGS = {"new"}


class ReportForm(forms.ModelForm):
    class Meta:
        model = AnalysisReport
        fields = [
            "title",
            "slug",
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
            "slug": _(
                "The end of the report's web address: small Latin letters, digits and dashes, "
                "e.g. citizens-2022."
            ),
            "questionnaires": _(
                "The methodology (sample sizes, period, channels) is computed from their responses."
            ),
        }
        error_messages = {
            "questionnaires": {"required": _("Choose at least one questionnaire.")},
            "slug": {"unique": _("Another report has this address already.")},
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["questionnaires"].queryset = Questionnaire.objects.public().order_by("title")

    def clean_slug(self):
        slug = self.cleaned_data["slug"]
        if slug in RESERVED_SLUGS:
            raise forms.ValidationError(_("This address is taken by the portal; choose another."))
        return slug


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
    commentary = forms.CharField(
        label=_("Commentary"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )


class ReportRecommendationForm(RecommendationForm):
    """A recommendation of the report: the report is its source and the activity is surveys."""

    class Meta(RecommendationForm.Meta):
        fields = ["title", "text", "rationale", "settlements"]
